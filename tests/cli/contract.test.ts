/**
 * One contract for every command, started as users start it: exit 2 for usage (unknown option,
 * missing argument, a date the calendar lacks), 1 for not found / failed; with --json an error
 * is also a JSON object on stdout; errors about --db name the path; sql says SQLite's own error.
 * Before: a bad option exited 2 for four commands and 1 for twelve, a missing argument 1,
 * "2021-13-01" and "2021-02-30" were accepted, --json errors left stdout empty.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorOutput } from '../../schemas/query.ts';
import { openDb } from '../../src/store/db.ts';
import { vanban } from '../ingest/cli.ts';

let dir: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-contract-'));
  db = join(dir, 'a.db');
  openDb(db).close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const jsonError = (stdout: string) => ErrorOutput.parse(JSON.parse(stdout)).error;

// Every command, with the arguments it needs (so only the bad option is wrong).
const COMMANDS: string[][] = [
  ['ingest', 'fixtures/000_6b0889c3ebd00c42.txt'],
  ['extract', 'fixtures/000_6b0889c3ebd00c42.txt'],
  ['search', 'ke hoach'],
  ['restore', 'fixtures/000_6b0889c3ebd00c42.txt'],
  ['lm', 'train', 'fixtures/000_6b0889c3ebd00c42.txt'],
  ['ocr', 'fixtures/000_6b0889c3ebd00c42.txt'],
  ['eval', 'fixtures'],
  ['cites', '45/2020/NĐ-CP'],
  ['refs', '1'],
  ['tasks'],
  ['targets'],
  ['show', '1'],
  ['stats'],
  ['export', '--list'],
  ['sql', 'SELECT 1'],
  ['reprocess', '--all'],
  ['migrate'],
];

describe('every command', () => {
  it('exits 2 on an unknown option, saying which, and never touches the archive', async () => {
    for (const args of COMMANDS) {
      const r = await vanban([...args, '--no-such-option', '--db', db]);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/unknown option '--no-such-option'/);
    }
    const archive = openDb(db, { readonly: true });
    try {
      expect(archive.prepare('SELECT (SELECT count(*) FROM files) + (SELECT count(*) FROM lm_models)').pluck().get()).toBe(0);
    } finally {
      archive.close();
    }
  }, 120_000);

  it('exits 2 on a missing argument', async () => {
    for (const cmd of [['extract'], ['cites'], ['refs'], ['show'], ['sql'], ['lm', 'train'], ['ocr']]) {
      const r = await vanban(cmd[0] === 'ocr' ? cmd : [...cmd, '--db', db]); // ocr keeps no state: no --db
      expect(r.code, `${cmd.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr, cmd.join(' ')).toMatch(/missing required argument|nothing to/);
    }
  }, 60_000);

  it('refuses dates the calendar lacks (exit 2) and takes the last day of February in a leap year', async () => {
    for (const args of [
      ['tasks', '--due-before', '2021-13-01'],
      ['tasks', '--due-in', '2021-04-31'],
      ['search', 'ke hoach', '--from', '2021-02-30'],
      ['targets', '--to', '2023-02-29'],
      ['cites', '45/2020/NĐ-CP', '--from', '2021-00'],
    ]) {
      const r = await vanban([...args, '--db', db]);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(args[args.length - 1]!);
    }
    const leap = await vanban(['targets', '--to', '2024-02-29', '--db', db]);
    expect(leap.code, leap.stderr).toBe(0);
  }, 60_000);
});

describe('with --json, errors are JSON on stdout too', () => {
  it('usage, not found and a refused statement', async () => {
    const usage = await vanban(['tasks', '--limit', '2.5', '--json', '--db', db]);
    expect(usage.code).toBe(2);
    expect(jsonError(usage.stdout)).toEqual({ code: 'usage', message: expect.stringMatching(/--limit/) });
    const unknown = await vanban(['stats', '--json', '--bogus', '--db', db]);
    expect([unknown.code, jsonError(unknown.stdout).code]).toEqual([2, 'usage']);
    const missing = await vanban(['show', '999', '--json', '--db', db]);
    expect(missing.code).toBe(1);
    expect(jsonError(missing.stdout)).toEqual({ code: 'not-found', message: expect.stringMatching(/no stored document matches "999"/) });
    expect(missing.stderr).toMatch(/^vanban: error: no stored document/);
    const noDb = await vanban(['stats', '--json', '--db', join(dir, 'none.db')]);
    expect([noDb.code, jsonError(noDb.stdout).code]).toEqual([1, 'not-found']);
    const write = await vanban(['sql', 'DELETE FROM files', '--json', '--db', db]);
    expect([write.code, jsonError(write.stdout).code]).toEqual([1, 'failed']);
  }, 60_000);

  it('is not switched on by the word "--json" after "--" (a search for it)', async () => {
    const r = await vanban(['search', '--db', db, '--', '--json']);
    expect(r.stdout).toBe('');
  });
});

describe('an input that is not there is "not found" in every command', () => {
  it('extract, ocr, restore, eval (DIR and --config): exit 1, the path said, JSON error with --json', async () => {
    const missing = join(dir, 'nope.txt');
    for (const [args, said] of [
      [['extract', missing, '--json'], `${missing}: no such file`],
      [['ocr', missing, '--json'], `${missing}: no such file`],
      [['eval', join(dir, 'nogold'), '--json'], `no gold files in ${join(dir, 'nogold')}/gold`],
      [['eval', 'fixtures', '--config', missing, '--json'], `--config ${missing}: no such file`],
    ] as const) {
      const r = await vanban([...args]);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(1);
      expect(r.stderr, args.join(' ')).toContain(`vanban: error: ${said}`);
      expect(jsonError(r.stdout), args.join(' ')).toEqual({ code: 'not-found', message: expect.stringContaining(said) });
    }
    const restore = await vanban(['restore', missing, '--db', db]);
    expect([restore.code, restore.stderr.trim()]).toEqual([1, `vanban: error: ${missing}: no such file`]);
  }, 60_000);
});

describe('--db problems name the path', () => {
  it('a text file, a folder, a missing folder: one line with the path, exit 1, nothing created', async () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database\n'.repeat(100));
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    const inMissing = join(dir, 'no', 'such', 'x.db');
    for (const [path, reason] of [
      [text, /not an SQLite database/],
      [folder, /a folder, not a database file/],
      [inMissing, /no folder .* to create the database in|no such database/],
    ] as const) {
      for (const cmd of [['stats'], ['ingest', 'fixtures/000_6b0889c3ebd00c42.txt', '--quiet']]) {
        const r = await vanban([...cmd, '--db', path]);
        expect(r.code, `${cmd[0]} ${path}: ${r.stderr}`).toBe(1);
        expect(r.stderr, `${cmd[0]} ${path}`).toContain(path);
        expect(r.stderr, `${cmd[0]} ${path}`).toMatch(reason);
      }
    }
    expect(existsSync(join(dir, 'no'))).toBe(false);
    expect(readFileSync(text, 'utf8')).toBe('not a database\n'.repeat(100));
  }, 60_000);
});

describe('vanban sql', () => {
  it("reports SQLite's own syntax error, not a refusal", async () => {
    const r = await vanban(['sql', 'SELEC 1', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('vanban: error: SQL: near "SELEC": syntax error');
  });
});
