/**
 * `vanban reprocess --db postgresql://…`: files made by another pipeline version are queued as
 * reprocess jobs, reread from their stored paths (or, for a text file whose source is gone,
 * from the stored text) and replaced, one transaction per file; the archive then holds what a
 * fresh ingest holds, as on SQLite. Before: it took the URL for an SQLite file ("no such
 * database").
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PIPELINE_VERSION } from '../../src/version.ts';
import { freshDatabase } from '../helpers/postgres.ts';
import { FIXTURES, vanban as run } from '../ingest/cli.ts';

let dir: string;
let sqlite: string;
let url: string;
let gone: string;

/** What the files say, ids aside (a replaced file's documents get new ids). */
const CONTENT = 'SELECT document_number, content, lead, due FROM v_tasks ORDER BY document_number, content';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-pgre-'));
  sqlite = join(dir, 'a.db');
  url = await freshDatabase(inject('pgUrl'));
  // A copy that is removed after ingest: reprocess rebuilds it from the stored text.
  gone = join(dir, 'gone.txt');
  copyFileSync(join(FIXTURES, '002_014cd450a2b81092.txt'), gone);
  const files = [join(FIXTURES, '000_6b0889c3ebd00c42.txt'), join(FIXTURES, 'pdf/s000-text.pdf'), gone];
  for (const db of [sqlite, url]) {
    for (const f of files) {
      const ing = await run(['ingest', f, '--no-adapt', '--db', db, '--no-progress']);
      expect(ing.code, ing.stderr).toBe(0);
    }
  }
  rmSync(gone);
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pgQuery(sql: string): Promise<any[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

const content = async (db: string) => {
  const r = await run(['sql', CONTENT, '--json', '--db', db]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).rows;
};

describe('reprocess on PostgreSQL', () => {
  it('reruns the outdated files, as SQLite does, and leaves what the files say', async () => {
    const before = await content(url);
    expect(before.length).toBeGreaterThan(10);
    expect(await content(sqlite)).toEqual(before);
    // Two of the three files made by an older pipeline.
    await pgQuery("UPDATE files SET pipeline_version = 'old' WHERE path NOT LIKE '%s000-text.pdf'");
    const lite = new Database(sqlite);
    lite.prepare("UPDATE files SET pipeline_version = 'old' WHERE path NOT LIKE '%s000-text.pdf'").run();
    lite.close();

    const dry = await Promise.all([sqlite, url].map((db) => run(['reprocess', '--dry-run', '--json', '--db', db])));
    expect(dry.map((r) => r.code)).toEqual([0, 0]);
    expect(JSON.parse(dry[0]!.stdout)).toHaveLength(2);
    expect(dry[1]!.stdout).toBe(dry[0]!.stdout);

    for (const db of [sqlite, url]) {
      const r = await run(['reprocess', '--jobs', '1', '--db', db, '--no-progress']);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(await pgQuery('SELECT DISTINCT pipeline_version FROM files')).toEqual([{ pipeline_version: PIPELINE_VERSION }]);
    // Replaced, not added: three files, each once, each with its paths.
    expect((await pgQuery('SELECT count(*)::int AS n FROM files'))[0].n).toBe(3);
    expect(await content(url)).toEqual(before);
    expect(await content(sqlite)).toEqual(before);

    const again = await run(['reprocess', '--db', url, '--no-progress']);
    expect(again.code, again.stderr).toBe(0);
    expect((await run(['reprocess', '--dry-run', '--db', url])).stdout).toMatch(/nothing to reprocess/);
  });
});
