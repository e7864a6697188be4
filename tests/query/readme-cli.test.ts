/**
 * The README's query examples print what the README shows (issue 21), after the README's own
 * set-up: every file of fixtures/ ingested (the seed texts, their PDFs and scans: copies of the
 * same documents) with the default jobs; files are stored in the order of the list, so the ids
 * are the README's on every run. The OCR of the scans makes this the slow test of the query layer (about
 * a minute on two cores).
 *
 * Each README block that starts with `$ vanban …` is run as written; a block whose last line is
 * "…" shows the beginning of the output.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/vanban');
let dir: string;
let db: string;

/**
 * The README's examples: command words and the lines it shows. A block may hold several
 * commands, each with its output; `export` and `ingest` write files and are not run here.
 */
function examples(): { line: string; args: string[]; expected: string[]; prefix: boolean }[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const out = [];
  for (const m of readme.matchAll(/^```\n(\$ vanban [\s\S]*?)^```$/gm)) {
    for (const part of m[1]!.split(/^(?=\$ vanban )/m)) {
      const [first, ...rest] = part.replace(/\n$/, '').split('\n');
      const line = first!.slice('$ vanban '.length);
      const args = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((a) => a[1] ?? a[2]!);
      if (args[0] === 'export' || args[0] === 'ingest') continue;
      const prefix = rest[rest.length - 1] === '…';
      out.push({ line, args, expected: prefix ? rest.slice(0, -1) : rest, prefix });
    }
  }
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-readme-'));
  db = join(dir, 'vanban.db');
  // Not execFileSync: a worker blocked for a minute misses vitest's own messages.
  await promisify(execFile)(BIN, ['ingest', 'fixtures/', '--db', db, '--quiet'], { cwd: ROOT });
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the README's examples, after its set-up", () => {
  const all = examples();
  it('are found: show, refs, cites and search among them', () => {
    const commands = new Set(all.map((e) => e.args[0]));
    for (const c of ['show', 'refs', 'cites', 'search']) expect(commands).toContain(c);
  });

  for (const e of all) {
    it(`vanban ${e.line}`, () => {
      const r = spawnSync(BIN, [...e.args, '--db', db], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', VANBAN_DB: '' } });
      expect(r.status, r.stderr).toBe(0);
      const norm = (l: string) => l.trimEnd();
      const lines = r.stdout.replace(/\n+$/, '').split('\n').map(norm);
      const expected = e.expected.map(norm);
      expect(e.prefix ? lines.slice(0, expected.length) : lines).toEqual(expected);
    });
  }
});
