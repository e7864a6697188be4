/**
 * Fuzzing the text stages with random and mutated seed text: no stage may throw, every
 * offset must stay inside the text, and no document may take longer than a time bound (a
 * catastrophic regex backtrack runs for minutes, so the bound is generous: it is about
 * hangs, not speed). Cases are generated from a fixed seed, so a failure replays.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, rng, SEEDS } from './cli.ts';

const BOUND_MS = 20_000;
let dir: string;
const random = rng(0xf022);
const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
const int = (n: number) => Math.floor(random() * n);

const NOISE = ['\u0300', '\u0301', '\u0323', '\u200b', '\u200d', '\ufeff', '\u00ad', '\u202e', '\t', '\f', '\r', '\0', '\u2028', 'Đ', 'đ', 'ư', 'Ơ', '|', '/', '-', '–', '.', ':', ';', '(', ')', '"', '*', '#', '<td>', '</tr>', '\n', '  ', 'Số:', 'Điều 1.', 'a)', 'I.', '1.', 'ngày 17 tháng 11 năm 2020', 'KT. CHỦ TỊCH', 'Nơi nhận:', '%', '100%'];

const MUTATIONS: Record<string, (t: string) => string> = {
  deleteSpans: (t) => {
    for (let k = 0; k < 20; k++) {
      const at = int(t.length);
      t = t.slice(0, at) + t.slice(at + int(200));
    }
    return t;
  },
  shuffleLines: (t) => {
    const lines = t.split('\n');
    for (let i = lines.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [lines[i], lines[j]] = [lines[j], lines[i]];
    }
    return lines.join('\n');
  },
  stripDiacritics: (t) => t.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D'),
  upperCase: (t) => t.toUpperCase(),
  insertNoise: (t) => {
    for (let k = 0; k < 300; k++) {
      const at = int(t.length);
      t = t.slice(0, at) + pick(NOISE) + t.slice(at);
    }
    return t;
  },
  repeatLine: (t) => {
    const lines = t.split('\n');
    const i = int(lines.length);
    lines.splice(i, 0, ...Array(300).fill(lines[i]));
    return lines.join('\n');
  },
  oneLine: (t) => t.replace(/\n+/g, ' '),
};

/** Inputs built to trip backtracking regexes and naive loops. */
const PATHOLOGICAL: Record<string, () => string> = {
  spaces: () => 'Số: ' + ' '.repeat(60_000) + 'x',
  dots: () => 'Điều 1' + '.'.repeat(60_000),
  dashes: () => '-'.repeat(30_000) + '\n' + '– '.repeat(20_000),
  numbering: () => '1.'.repeat(20_000) + '\n' + 'a) '.repeat(10_000),
  slashes: () => 'Số: ' + '1/'.repeat(20_000) + 'QĐ-' + 'UBND-'.repeat(5_000),
  dates: () => 'ngày '.repeat(10_000) + 'tháng '.repeat(10_000) + 'năm 2020',
  tableRow: () => Array.from({ length: 200 }, () => Array(300).fill('x').join('\t')).join('\n'),
  htmlCells: () => '<table>' + '<tr>'.repeat(3_000) + '<td>'.repeat(10_000),
  articles: () => Array.from({ length: 3_000 }, (_, i) => `Điều ${i + 1}. Nội dung`).join('\n'),
  headerLines: () => 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n'.repeat(2_000),
  capsRun: () => 'ỦY BAN NHÂN DÂN '.repeat(8_000),
  percentRun: () => 'đạt '.repeat(5_000) + '9'.repeat(5_000) + '%',
  parens: () => '('.repeat(20_000) + ')'.repeat(20_000),
  longWord: () => 'a'.repeat(100_000),
};

function randomText(n: number): string {
  const alphabet = 'aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặấầẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵAĂÂĐÊÔƠƯ0123456789  .,;:/-()\n';
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[int(alphabet.length)];
  return s;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-fuzz-'));
  const seeds = SEEDS.map((s) => readFileSync(join(FIXTURES, s), 'utf8'));
  seeds.forEach((text, i) => {
    for (const [name, mutate] of Object.entries(MUTATIONS)) writeFileSync(join(dir, `m-${i}-${name}.txt`), mutate(text));
    // Bytes cut in the middle of a multi-byte character.
    const bytes = Buffer.from(text);
    writeFileSync(join(dir, `m-${i}-truncatedBytes.txt`), bytes.subarray(0, 1 + int(bytes.length - 1)));
  });
  for (const [name, make] of Object.entries(PATHOLOGICAL)) writeFileSync(join(dir, `p-${name}.txt`), make());
  for (let k = 0; k < 3; k++) writeFileSync(join(dir, `r-${k}.txt`), randomText(5_000 + int(20_000)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Done {
  name: string;
  ms: number;
  documents: number;
  crashes: string[];
  invalid: string | null;
  badOffsets: string[];
}

/** Run the worker on these inputs; kill it when one input takes longer than the bound. */
function runWorker(names: string[]): Promise<{ done: Done[]; hung: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/ingest/fuzz-worker.ts'), dir, ...names], { cwd: ROOT });
    const done: Done[] = [];
    let current: string | null = null;
    let hung: string | null = null;
    let buf = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        hung = current;
        child.kill('SIGKILL');
      }, BOUND_MS);
    };
    arm();
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        const e = JSON.parse(line);
        if (e.event === 'start') {
          current = e.name;
          arm();
        } else if (e.event === 'done') {
          done.push(e);
          current = null;
        }
      }
    });
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ done, hung, stderr });
    });
  });
}

describe('text stages under fuzzing', () => {
  it(`never throw, keep offsets inside the text, and finish every input within ${BOUND_MS / 1000} s`, async () => {
    // After a hang, carry on with the inputs after it, so one run reports every hang.
    let todo = readdirSync(dir).sort();
    const done: Done[] = [];
    const hung: string[] = [];
    let stderr = '';
    while (todo.length) {
      const r = await runWorker(todo);
      done.push(...r.done);
      stderr += r.stderr;
      const finished = new Set(r.done.map((d) => d.name));
      if (r.hung) hung.push(r.hung);
      const next = todo.filter((n) => !finished.has(n) && n !== r.hung);
      if (next.length === todo.length) break; // the worker died before doing anything
      todo = next;
    }
    const total = SEEDS.length * (Object.keys(MUTATIONS).length + 1) + Object.keys(PATHOLOGICAL).length + 3;
    expect(done.length + hung.length, stderr.slice(-2000)).toBe(total);
    const problems = done
      .filter((d) => d.crashes.length || d.invalid || d.badOffsets.length)
      .map((d) => ({ name: d.name, crashes: d.crashes, invalid: d.invalid, badOffsets: d.badOffsets }));
    // One assertion, so a failing run lists every hang and every crash at once.
    expect({ [`over ${BOUND_MS} ms`]: hung, problems }).toEqual({ [`over ${BOUND_MS} ms`]: [], problems: [] });
    const slowest = [...done].sort((a, b) => b.ms - a.ms).slice(0, 3);
    console.log(`fuzz: ${done.length} inputs, slowest ${slowest.map((d) => `${d.name} ${d.ms} ms`).join(', ')}`);
  }, 600_000);
});
