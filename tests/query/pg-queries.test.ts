/**
 * Every query command answers the same on a PostgreSQL archive as on the SQLite one holding the
 * same files: the SQLite archive is made by `vanban ingest`, the PostgreSQL one by storing its
 * files (read back from it) in the same order, so even the ids agree; then each command's JSON
 * is compared. Search ranks by another formula there (ts_rank, not bm25): its hits are compared
 * as a set, with their snippets, without the scores.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fold } from '../../src/normalize/index.ts';
import { closeDb, listFiles, openDb, readFile } from '../../src/store/index.ts';
import { closePg, openPg } from '../../src/store/pg.ts';
import { storeFilePg } from '../../src/store/pg-store.ts';
import { freshDatabase } from '../helpers/postgres.ts';
import { vanban as run } from '../ingest/cli.ts';

let dir: string;
let sqlite: string;
let pg: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-pgq-'));
  sqlite = join(dir, 'a.db');
  const ing = await run(['ingest', 'fixtures/000_6b0889c3ebd00c42.txt', 'fixtures/001_3ab4f0c448453941.txt', 'fixtures/002_014cd450a2b81092.txt', 'fixtures/003_5da961df0b57dbee.txt', 'fixtures/004_da93ac0c70dab7a2.txt', 'fixtures/pdf/s000-text.pdf', 'fixtures/pdf/s000.txt', '--db', sqlite, '--no-progress']);
  expect(ing.code, ing.stderr).toBe(0);
  pg = await freshDatabase(inject('pgUrl'));
  const a = await openPg(pg);
  const db = openDb(sqlite, { readonly: true });
  try {
    const files = listFiles(db).sort((x, y) => x.id - y.id);
    for (const f of files) {
      const ingestedAt = (db.prepare('SELECT ingested_at FROM files WHERE id = ?').get(f.id) as { ingested_at: string }).ingested_at;
      const stored = await storeFilePg(a, readFile(db, f.hash)!, { fold, pipelineVersion: f.pipelineVersion, lmModel: f.lmModel, now: () => ingestedAt });
      for (const p of (db.prepare('SELECT path FROM file_paths WHERE file_id = ?').all(f.id) as { path: string }[])) await a.pool.query('INSERT INTO file_paths (file_id, path) VALUES ($1, $2) ON CONFLICT DO NOTHING', [stored.fileId, p.path]);
    }
  } finally {
    closeDb(db);
    await closePg(a);
  }
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const both = async (args: string[]) => {
  const [a, b] = await Promise.all([run([...args, '--json', '--db', sqlite]), run([...args, '--json', '--db', pg])]);
  expect(a.code, a.stderr).toBe(0);
  expect(b.code, b.stderr).toBe(0);
  return [JSON.parse(a.stdout), JSON.parse(b.stdout)];
};

describe('query commands on SQLite and PostgreSQL archives of the same files', () => {
  for (const args of [
    ['tasks'],
    ['tasks', '--agency', 'Cuc Kiem soat thu tuc hanh chinh'],
    ['tasks', '--due-in', '2021'],
    ['targets', '--province', 'an giang'],
    ['targets'],
    ['targets', '--year', '2025', '--subject', 'nguoi dan'],
    ['cites', '45/2020/ND-CP'],
    ['cites', 'Luật Giao dịch điện tử'],
    ['refs', '7260/VP-KGVX'],
    ['show', '7260/VP-KGVX'],
    ['show', 'fixtures/000_6b0889c3ebd00c42.txt#2'],
    ['show', '1', '--copies'],
    ['stats'],
    ['stats', '--copies'],
    ['sql', 'SELECT * FROM v_tasks ORDER BY task_id'],
    ['sql', 'SELECT * FROM v_citations ORDER BY reference_id'],
    ['sql', 'SELECT * FROM v_documents ORDER BY document_id'],
  ]) {
    it(`vanban ${args.join(' ')}`, async () => {
      const [a, b] = await both(args);
      // Something to compare: every question here has answers in these files.
      expect(a.count ?? a.rows?.length ?? a.references?.length ?? a.files ?? (a.document ? 1 : 0)).toBeGreaterThan(0);
      expect(b).toEqual(a);
    });
  }

  it('vanban search: the same hits and snippets', async () => {
    for (const q of [['dich', 'vu', 'cong', 'truc', 'tuyen'], ['"Cổng Dịch vụ công"', 'OR', 'tuyen*'], ['45/2020/ND-CP']]) {
      const [a, b] = await both(['search', ...q, '-n', '200']);
      const key = (h: any) => `${h.document.id}:${h.section.id}`;
      const strip = (hits: any[]) => hits.map(({ score, ...h }) => h).sort((x, y) => key(x).localeCompare(key(y)));
      expect(b.length, q.join(' ')).toBeGreaterThan(0);
      expect(strip(b)).toEqual(strip(a));
      // The phrase tier first on both.
      expect(b.map((h: any) => h.phrase)).toEqual(a.map((h: any) => h.phrase));
    }
  });
});
