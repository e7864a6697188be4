/**
 * `vanban export --out` through the CLI: it never writes the archive it reads (by path, by a
 * symbolic or hard link, or its -wal), never replaces a file without --force, and names a bad
 * target in one line with exit 1. The archive still answers afterwards, unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, SEEDS, vanban } from '../ingest/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'vanban-export-'));
const db = join(dir, 'a.db');
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
let before: string;

beforeAll(async () => {
  const r = await vanban(['ingest', join(FIXTURES, SEEDS[0]), '--db', db, '--quiet']);
  expect(r.code).toBe(0);
  symlinkSync(db, join(dir, 'sym.db'));
  linkSync(db, join(dir, 'hard.db'));
  mkdirSync(join(dir, 'folder'));
  before = sha(db);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('export --out', () => {
  it.each([
    ['a.db', /that is the archive being read/],
    ['sym.db', /that is the archive being read/],
    ['hard.db', /that is the archive being read/],
    ['a.db-wal', /that is the archive being read/],
    ['folder', /is a folder/],
    ['no/such/x.csv', /no such folder/],
    ['/dev/full', /not a regular file/],
  ])('refuses %s with one line naming it, exit 1, archive untouched', async (name, message) => {
    const out = name.startsWith('/') ? name : join(dir, name);
    const r = await vanban(['export', '--table', 'documents', '--out', out, '--db', db, '--force'], {}, '');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(out);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(sha(db)).toBe(before);
    const q = await vanban(['stats', '--json', '--db', db]);
    expect(q.code).toBe(0);
  });

  it('writes a new file, refuses to replace it without --force, replaces it with --force', async () => {
    const out = join(dir, 'docs.csv');
    const first = await vanban(['export', '--table', 'documents', '--out', out, '--db', db]);
    expect(first.code).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows.length).toBeGreaterThan(1); // header + documents
    writeFileSync(out, 'keep me');
    const again = await vanban(['export', '--table', 'documents', '--out', out, '--db', db]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists \(--force/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const forced = await vanban(['export', '--table', 'documents', '--out', out, '--db', db, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toEqual(rows);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves no file behind when the table is unknown', async () => {
    const out = join(dir, 'nothing.csv');
    const r = await vanban(['export', '--table', 'no_such_table', '--out', out, '--db', db]);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
