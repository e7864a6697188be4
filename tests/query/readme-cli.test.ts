/**
 * The README's query examples print what the README shows (issue 21), after the README's own
 * set-up: every file of fixtures/ ingested (the seed texts, their PDFs and scans: copies of the
 * same documents). One job, so files are stored, and ids given, in the order of their paths;
 * the OCR of the scans makes this the slow test of the query layer (about a minute).
 *
 * Each README block that starts with `$ vanban …` is run as written; a block whose last line is
 * "…" shows the beginning of the output.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/vanban');
let dir: string;
let db: string;

/** The README's examples: command words and the lines it shows. */
function examples(): { line: string; args: string[]; expected: string[]; prefix: boolean }[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const out = [];
  for (const m of readme.matchAll(/^```\n\$ vanban (.+)\n([\s\S]*?)^```$/gm)) {
    const args = [...m[1]!.matchAll(/"([^"]*)"|(\S+)/g)].map((a) => a[1] ?? a[2]!);
    const expected = m[2]!.replace(/\n$/, '').split('\n');
    const prefix = expected[expected.length - 1] === '…';
    out.push({ line: m[1]!, args, expected: prefix ? expected.slice(0, -1) : expected, prefix });
  }
  return out;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-readme-'));
  db = join(dir, 'vanban.db');
  execFileSync(BIN, ['ingest', 'fixtures/', '--db', db, '--quiet', '--jobs', '1'], { cwd: ROOT, stdio: 'pipe' });
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
      const lines = r.stdout.replace(/\n+$/, '').split('\n').map((l) => l.trimEnd());
      const expected = e.expected.map((l) => l.trimEnd());
      expect(e.prefix ? lines.slice(0, expected.length) : lines).toEqual(expected);
    });
  }
});
