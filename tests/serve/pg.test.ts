/**
 * `vanban serve` over a PostgreSQL archive answers what it answers over the SQLite archive of the
 * same files: the SQLite archive is made by `vanban ingest`, the PostgreSQL one by storing its
 * files (read back from it) in the same order, so the ids agree (as tests/query/pg-queries.test.ts
 * does); then both servers are asked the same. Search ranks by another formula on PostgreSQL
 * (ts_rank, not bm25): its hits are compared as a set, without the scores.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SearchOutput, ShowOutput, StatsOutput, TasksOutput } from '../../schemas/query.ts';
import { fold } from '../../src/normalize/index.ts';
import { escapeHtml } from '../../src/serve/html.ts';
import { listen, type Running } from '../../src/serve/server.ts';
import { closeDb, listFiles, openDb, readFile, type Db } from '../../src/store/index.ts';
import { closePg, openPg, type PgArchive } from '../../src/store/pg.ts';
import { storeFilePg } from '../../src/store/pg-store.ts';
import { freshDatabase } from '../helpers/postgres.ts';
import { start, vanban as run } from '../ingest/cli.ts';
import { servedAddress } from './address.ts';

const FILES = ['fixtures/000_6b0889c3ebd00c42.txt', 'fixtures/001_3ab4f0c448453941.txt', 'fixtures/002_014cd450a2b81092.txt', 'fixtures/pdf/s000-table.pdf'];
const LATER = 'fixtures/003_5da961df0b57dbee.txt';

let dir: string;
let db: Db;
let pga: PgArchive;
let onSqlite: Running;
let onPg: Running;

async function copyFiles(from: Db, to: PgArchive, ids: Set<number> | null) {
  for (const f of listFiles(from).sort((x, y) => x.id - y.id)) {
    if (ids && !ids.has(f.id)) continue;
    const ingestedAt = (from.prepare('SELECT ingested_at FROM files WHERE id = ?').get(f.id) as { ingested_at: string }).ingested_at;
    const stored = await storeFilePg(to, readFile(from, f.hash)!, { fold, pipelineVersion: f.pipelineVersion, lmModel: f.lmModel, now: () => ingestedAt });
    for (const p of from.prepare('SELECT path FROM file_paths WHERE file_id = ?').all(f.id) as { path: string }[]) await to.pool.query('INSERT INTO file_paths (file_id, path) VALUES ($1, $2) ON CONFLICT DO NOTHING', [stored.fileId, p.path]);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-servepg-'));
  const sqlite = join(dir, 'a.db');
  const ing = await run(['ingest', ...FILES, '--db', sqlite, '--no-progress']);
  expect(ing.code, ing.stderr).toBe(0);
  const url = await freshDatabase(inject('pgUrl'));
  const writer = await openPg(url);
  db = openDb(sqlite, { readonly: true, existingArchive: true });
  try {
    await copyFiles(db, writer, null);
  } finally {
    await closePg(writer);
  }
  pga = await openPg(url, { readonly: true });
  onSqlite = await listen(db, 0, '127.0.0.1');
  onPg = await listen(pga, 0, '127.0.0.1');
}, 240_000);

afterAll(async () => {
  await onSqlite?.close();
  await onPg?.close();
  if (pga) await closePg(pga);
  if (db) closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

async function get(server: Running, path: string) {
  const res = await fetch(new URL(path, server.url));
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type'), body, text: body.toString('utf8') };
}

/** The same path on both servers: both 200, their JSON. */
async function both(path: string): Promise<[any, any]> {
  const [a, b] = await Promise.all([get(onSqlite, path), get(onPg, path)]);
  expect(a.status, `${path} on SQLite: ${a.text}`).toBe(200);
  expect(b.status, `${path} on PostgreSQL: ${b.text}`).toBe(200);
  return [JSON.parse(a.text), JSON.parse(b.text)];
}

const one = (sql: string) => db.prepare(sql).get() as Record<string, any>;

describe('vanban serve on a PostgreSQL archive answers as on the SQLite one', () => {
  it('/api/search: the same hits and snippets', async () => {
    for (const q of ['dich+vu+cong', '%22C%E1%BB%95ng+D%E1%BB%8Bch+v%E1%BB%A5+c%C3%B4ng%22+OR+tuyen*', 'dich+vu&type=ke+hoach']) {
      const [a, b] = await both(`/api/search?q=${q}&limit=200`);
      SearchOutput.parse(b);
      const key = (h: any) => `${h.document.id}:${h.section.id}`;
      const strip = (hits: any[]) => hits.map(({ score, ...h }) => h).sort((x, y) => key(x).localeCompare(key(y)));
      expect(b.length, q).toBeGreaterThan(0);
      expect(strip(b)).toEqual(strip(a));
    }
  });

  it('/api/documents/ID and its text', async () => {
    for (const { id } of db.prepare('SELECT id FROM documents ORDER BY id').all() as { id: number }[]) {
      const [a, b] = await both(`/api/documents/${id}`);
      ShowOutput.parse(b);
      expect(b).toEqual(a);
      const [ta, tb] = await both(`/api/documents/${id}/text`);
      expect(tb).toEqual(ta);
    }
    const [a, b] = await both('/api/documents/7260%2FVP-KGVX');
    expect(b).toEqual(a);
  });

  it('/api/tasks, /api/targets, /api/cites, /api/stats', async () => {
    for (const path of ['/api/tasks', '/api/tasks?agency=Cuc+Kiem+soat+thu+tuc+hanh+chinh', '/api/tasks?due-in=2021', '/api/targets', '/api/cites?number=45%2F2020%2FND-CP', '/api/stats', '/api/stats?copies=1']) {
      const [a, b] = await both(path);
      expect(b, path).toEqual(a);
    }
    const [tasks] = await both('/api/tasks');
    expect(TasksOutput.parse(tasks).count).toBeGreaterThan(0);
  });

  it('an unknown document is a 404 on both, with the same error', async () => {
    const [a, b] = await Promise.all([get(onSqlite, '/api/documents/99999'), get(onPg, '/api/documents/99999')]);
    expect(b.status).toBe(404);
    expect(a.status).toBe(404);
    expect(JSON.parse(b.text)).toEqual(JSON.parse(a.text));
  });

  it('the pages render: the document page with its subject, a page image of the stored PDF', async () => {
    const d = one("SELECT id, subject FROM documents WHERE subject IS NOT NULL AND subject <> '' ORDER BY id LIMIT 1");
    const r = await get(onPg, `/documents/${d.id}`);
    expect(r.status).toBe(200);
    expect(r.type).toContain('text/html');
    expect(r.text).toContain(escapeHtml(d.subject));
    for (const path of ['/', '/search?q=dich+vu+cong', '/tasks', '/targets', '/citations?number=45%2F2020%2FND-CP']) expect((await get(onPg, path)).status, path).toBe(200);
    const task = one("SELECT t.document_id, t.page, d.file_id FROM tasks t JOIN documents d ON d.id = t.document_id JOIN files f ON f.id = d.file_id WHERE f.media_type = 'application/pdf' AND t.page IS NOT NULL ORDER BY t.id LIMIT 1");
    const page = await get(onPg, `/documents/${task.document_id}`);
    expect(page.text).toContain(`<img src="/files/${task.file_id}/pages/${task.page}"`);
    const img = await get(onPg, `/files/${task.file_id}/pages/${task.page}`);
    expect(img.status).toBe(200);
    expect(img.type).toBe('image/jpeg');
    expect([...img.body.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const missing = await get(onPg, `/files/${task.file_id}/pages/99`);
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('has no page 99');
  });

  it('a file stored after the server started is in its next answers (nothing kept on PostgreSQL)', async () => {
    const [before] = await both('/api/stats');
    const ing = await run(['ingest', LATER, '--db', join(dir, 'a.db'), '--no-progress']);
    expect(ing.code, ing.stderr).toBe(0);
    const newest = one('SELECT max(id) AS id FROM files').id as number;
    const writer = await openPg(pga.url);
    try {
      await copyFiles(db, writer, new Set([newest]));
    } finally {
      await closePg(writer);
    }
    const [a, b] = await both('/api/stats');
    StatsOutput.parse(b);
    expect(b).not.toEqual(before);
    expect(b).toEqual(a);
  });

  it('vanban serve --db postgresql://…: prints the address (password hidden), answers, stops on Ctrl-C', async () => {
    const { child, done } = start(['serve', '--db', pga.url, '--port', '0']);
    const { url, out } = await servedAddress(child);
    expect(out).toContain('postgresql://postgres:***@');
    expect(out).not.toContain(`:${new URL(pga.url).password}@`);
    const res = await fetch(new URL('/api/stats', url));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual((await both('/api/stats'))[1]);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('vanban serve: stopped');
  });
});
