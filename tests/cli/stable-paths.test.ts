/**
 * Paths are stored absolute, as users reach the same files from different folders and spellings.
 * Before: stored as typed, relative to the folder ingest ran from, so `reprocess --all` from
 * another folder said "the source file is gone or changed", and the same bad files ingested as
 * `mix` and as `$PWD/mix` gave two rows each in ingest_errors.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.ts';
import { BIN, FIXTURES, jsonLines, SEEDS, type Ran } from '../ingest/cli.ts';

let dir: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-paths-'));
  db = join(dir, 'archive.db');
  const mix = join(dir, 'mix');
  mkdirSync(mix);
  copyFileSync(join(FIXTURES, SEEDS[0]!), join(mix, 'a.txt'));
  writeFileSync(join(mix, 'empty.txt'), '');
  copyFileSync(join(FIXTURES, 'broken/truncated.pdf'), join(mix, 'truncated.pdf'));
  mkdirSync(join(dir, 'elsewhere'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** bin/vanban run from `cwd`, as a user in that folder runs it. */
function vanbanIn(cwd: string, args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(BIN, args, { cwd, env: { ...process.env, NO_COLOR: '1', VANBAN_DB: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function rows(sql: string): unknown[] {
  const archive = openDb(db, { readonly: true });
  try {
    return archive.prepare(sql).all();
  } finally {
    archive.close();
  }
}

describe('paths are stored absolute', () => {
  it('one file reached by three spellings is one path in file_paths and in ingest_errors', async () => {
    for (const input of ['mix', join(dir, 'mix'), './mix/../mix']) {
      const r = await vanbanIn(dir, ['ingest', input, '--db', db]);
      expect(r.code, r.stderr).toBe(1); // the two bad files fail every time
    }
    const single = await vanbanIn(dir, ['ingest', './mix/../mix/a.txt', '--db', db]);
    expect(single.code, single.stderr).toBe(0);
    expect(rows('SELECT path FROM files')).toEqual([{ path: join(dir, 'mix/a.txt') }]);
    expect(rows('SELECT path FROM file_paths ORDER BY path')).toEqual([{ path: join(dir, 'mix/a.txt') }]);
    expect(rows('SELECT path FROM ingest_errors ORDER BY path')).toEqual([{ path: join(dir, 'mix/empty.txt') }, { path: join(dir, 'mix/truncated.pdf') }]);
  }, 120_000);

  it('reprocess --all works from any folder', async () => {
    // A PDF, whose text is read again from the file (a text file can be rebuilt from the archive).
    const pdfs = join(dir, 'pdfs');
    mkdirSync(pdfs);
    copyFileSync(join(FIXTURES, 'pdf/s000-text.pdf'), join(pdfs, 'born-digital.pdf'));
    const archive = join(dir, 'pdfs.db');
    const first = await vanbanIn(dir, ['ingest', 'pdfs', '--db', archive]);
    expect(first.code, first.stderr).toBe(0);
    const r = await vanbanIn(join(dir, 'elsewhere'), ['reprocess', '--all', '--db', archive, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(jsonLines(r.stdout).find((e) => e.event === 'summary')).toMatchObject({ total: 1, replaced: 1, failed: 0 });
  }, 60_000);

  it('shown relative to the current folder when inside it, absolute otherwise; found by any spelling', async () => {
    const inside = await vanbanIn(dir, ['show', './mix/../mix/a.txt#0', '--db', db]);
    expect(inside.code, inside.stderr).toBe(0);
    expect(inside.stdout).toMatch(/^File +mix\/a\.txt#0 /m);
    const outside = await vanbanIn(join(dir, 'elsewhere'), ['show', join(dir, 'mix/a.txt#0'), '--db', db]);
    expect(outside.code, outside.stderr).toBe(0);
    expect(outside.stdout).toContain(`File           ${join(dir, 'mix/a.txt')}#0 `);
    const json = JSON.parse((await vanbanIn(dir, ['show', 'mix/a.txt#0', '--db', db, '--json'])).stdout);
    expect(json.document.file).toBe(join(dir, 'mix/a.txt'));
  }, 60_000);
});
