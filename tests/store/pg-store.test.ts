/**
 * The PostgreSQL archive holds what the SQLite one holds: the same processed files stored in
 * both give the same canonical dump (read.ts), whatever order they were stored in, with the
 * copies grouped into works and the citations resolved alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { VbFile } from '../../schemas/document.ts';
import { loadFile } from '../../src/load/index.ts';
import { fold } from '../../src/normalize/index.ts';
import { processFile } from '../../src/pipeline.ts';
import { canonicalDump, closeDb, openDb, recordIngestError, storeFile } from '../../src/store/index.ts';
import { closePg, openPg, type PgArchive } from '../../src/store/pg.ts';
import { canonicalDumpPg, readFilePg, recordIngestErrorPg, storeFilePg } from '../../src/store/pg-store.ts';
import { freshDatabase } from '../helpers/postgres.ts';
import { FIXTURES } from './model.ts';

const ctx = { fold, pipelineVersion: 'test-1', now: () => '2026-01-01T00:00:00Z' };
const inputs = ['000_6b0889c3ebd00c42.txt', '001_3ab4f0c448453941.txt', '003_5da961df0b57dbee.txt', '004_da93ac0c70dab7a2.txt', 'pdf/s000.txt', 'pdf/s000-text.pdf', 'pdf/s001-text.pdf'];
const error = { path: 'x/broken.pdf', hash: 'ab', stage: 'load', rule: 'load-failed', reason: 'unreadable' };
let files: VbFile[];
let dir: string;
let sqliteDump: unknown;

beforeAll(async () => {
  files = [];
  for (const f of inputs) files.push(await processFile(await loadFile(join(FIXTURES, f)), { restore: { off: true } }));
  dir = mkdtempSync(join(tmpdir(), 'vanban-pgstore-'));
  const db = openDb(join(dir, 'a.db'));
  for (const f of files) storeFile(db, f, ctx);
  recordIngestError(db, error, ctx);
  recordIngestError(db, error, ctx);
  sqliteDump = canonicalDump(db);
  closeDb(db);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pgArchive(): Promise<PgArchive> {
  return openPg(await freshDatabase(inject('pgUrl')));
}

describe('PostgreSQL archive', () => {
  it('stores files into the same canonical dump as SQLite, in either order, and reads a file back as stored', async () => {
    for (const order of [files, [...files].reverse()]) {
      const a = await pgArchive();
      try {
        for (const f of order) await storeFilePg(a, f, ctx);
        await recordIngestErrorPg(a, error, ctx);
        await recordIngestErrorPg(a, error, ctx);
        const dump = (await canonicalDumpPg(a)) as any;
        expect(dump.files.length).toBe(new Set(files.map((f) => f.source.hash)).size);
        expect(dump.errors).toHaveLength(1);
        expect(dump.citations.length).toBeGreaterThan(0);
        expect(dump).toEqual(sqliteDump);
        expect(await readFilePg(a, files[0]!.source.hash)).toEqual(files[0]);
        // The text and PDF copies of 7260/VP-KGVX are one work, as on SQLite.
        const works = await a.pool.query('SELECT count(DISTINCT work_id) AS w, count(*) AS d FROM documents');
        expect(works.rows[0].w).toBeLessThan(works.rows[0].d);
      } finally {
        await closePg(a);
      }
    }
  });

  it('stores odd text, thousands of rows and empty tables as SQLite does (rows sent as one JSON parameter a table)', async () => {
    const odd = `"double" 'single' ''doubled'' back\\slash \\x41 \\u0041 $1 ?  tab\there \u0001\u001f\u007f e\u0301 đ 😀👩‍👩‍👧 \u2028\u2029 { "j": [1] } NULL null`;
    const base = files[0]!;
    const doc = base.documents[0]!;
    const many = structuredClone(base);
    many.source = { ...many.source, hash: 'ff'.repeat(32), path: `odd/${odd.slice(0, 20)}.txt` };
    const d = many.documents[0]!;
    d.header.subject = odd;
    d.header.recipients = [odd, ''];
    for (const s of d.sections) s.text = `${s.text} ${odd}`;
    // Thousands of rows: one table of 2,500 rows of three cells; 3,000 agencies.
    const at = { start: doc.start, end: doc.start + 1 };
    d.tables = [
      {
        id: `${d.sections[0]!.id}.t99`,
        section: d.sections[0]!.id,
        columns: ['TT', odd, 'Giá trị'],
        rows: Array.from({ length: 2500 }, (_, i) => ({
          index: i,
          kind: i % 100 ? ('data' as const) : ('group' as const),
          label: String(i),
          group: i % 100 ? String(i - (i % 100)) : null,
          cells: [{ column: 'TT', text: String(i) }, { column: odd, text: `${odd} ${i}` }, { column: 'Giá trị', text: `${i * 1.5}%` }],
          ...at,
          page: null,
        })),
        ...at,
        page: null,
      },
    ];
    d.agencies = Array.from({ length: 3000 }, (_, i) => ({ text: `${odd} ${i}`, canonical: `Sở ${i}`, kind: null, province: null, prov: { section: d.sections[0]!.id, ...at, page: null } }));
    // Nothing in some tables: a document with no sections, tables or entities, a file with no messages.
    const empty = structuredClone(base);
    empty.source = { ...empty.source, hash: 'ee'.repeat(32), path: 'odd/empty.txt' };
    empty.messages = [];
    empty.documents = [{ ...structuredClone(doc), sections: [], tables: [], agencies: [], dates: [], targets: [], tasks: [], persons: [], references: [], links: [] }];
    const oddFiles = [many, empty];
    const db = openDb(join(dir, 'odd.db'));
    for (const f of oddFiles) storeFile(db, f, ctx);
    const expected = canonicalDump(db);
    closeDb(db);
    const a = await pgArchive();
    try {
      for (const f of oddFiles) await storeFilePg(a, f, ctx);
      expect(await canonicalDumpPg(a)).toEqual(expected);
      const n = await a.pool.query('SELECT (SELECT count(*) FROM table_cells) AS cells, (SELECT count(*) FROM agencies) AS agencies');
      const count = (of: (d: VbFile['documents'][number]) => number) => oddFiles.reduce((a, f) => a + f.documents.reduce((b, x) => b + of(x), 0), 0);
      expect(n.rows[0]).toEqual({ cells: count((x) => x.tables.reduce((b, t) => b + t.rows.reduce((c, r) => c + r.cells.length, 0), 0)), agencies: count((x) => x.agencies.length) });
      expect(n.rows[0].cells).toBeGreaterThan(7500);
    } finally {
      await closePg(a);
    }
  });

  it('replaces stored bytes or keeps them, and keeps the schema version and the views', async () => {
    const a = await pgArchive();
    try {
      const first = await storeFilePg(a, files[0]!, ctx);
      const kept = await storeFilePg(a, { ...files[0]!, source: { ...files[0]!.source, path: 'other/path.txt' } }, ctx, { keepExisting: true });
      expect(kept).toMatchObject({ fileId: first.fileId, kept: true });
      const again = await storeFilePg(a, files[0]!, ctx);
      expect(again.replaced).toBe(true);
      await storeFilePg(a, files[3]!, ctx);
      const paths = await a.pool.query('SELECT path FROM file_paths WHERE file_id = $1 ORDER BY path', [again.fileId]);
      expect(paths.rows.map((r) => r.path)).toEqual([files[0]!.source.path, 'other/path.txt'].sort());
      const v = await a.pool.query('SELECT max(version) AS v, count(*) AS n FROM schema_version');
      expect(v.rows[0]).toEqual({ v: 11, n: 11 });
      for (const view of ['v_documents', 'v_document_copies', 'v_tasks', 'v_task_agencies', 'v_citations', 'v_targets']) {
        const r = await a.pool.query(`SELECT count(*) AS n FROM ${view}`);
        expect(r.rows[0].n, view).toBeGreaterThan(0);
      }
    } finally {
      await closePg(a);
    }
  });
});
