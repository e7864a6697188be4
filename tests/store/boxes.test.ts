/**
 * Where a record came from (issue 19, "boxes kept"): for PDFs, every section, table row, task,
 * target and reference has a page and a box on it, in `vanban extract --json` and in the archive,
 * with the page's laid-out lines (page_lines) and size beside them. Text files have no boxes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { FIXTURES, SEEDS, vanban } from '../ingest/cli.ts';

let dir: string;
let db: string;
const PDFS = ['pdf/s000-table.pdf', 'pdf/s000-text.pdf'].map((f) => join(FIXTURES, f));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-boxes-'));
  db = join(dir, 'a.db');
  const r = await vanban(['ingest', ...PDFS, join(FIXTURES, SEEDS[0]!), '--db', db, '--quiet']);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Box = [number, number, number, number];
const inside = (b: Box, w: number, h: number) => b[0] >= 0 && b[1] >= 0 && b[0] < b[2] && b[1] < b[3] && b[2] <= w + 1 && b[3] <= h + 1;

describe('boxes', () => {
  it('vanban extract --json gives every reference, task and table row of a PDF a page and a box on it', async () => {
    const r = await vanban(['extract', '--json', PDFS[0]!]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    // The page sizes, as the archive keeps them for the same file.
    const d = new Database(db, { readonly: true });
    const size = new Map((d.prepare('SELECT p.page, p.width, p.height FROM pages p JOIN files f ON f.id = p.file_id WHERE f.hash = ?').all(out.file.hash) as any[]).map((p) => [p.page, [p.width, p.height]]));
    d.close();
    expect(size.size).toBeGreaterThan(0);
    const docs = out.documents;
    const items = docs.flatMap((d: any) => [...d.references, ...d.tasks, ...d.targets].map((x: any) => x.prov));
    const rows = docs.flatMap((d: any) => d.tables.flatMap((t: any) => t.rows));
    expect(docs.flatMap((d: any) => d.tasks).length).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThan(0);
    for (const p of [...items, ...rows]) {
      expect(p.page).not.toBeNull();
      const [w, h] = size.get(p.page) as [number, number];
      expect(inside(p.box, w, h), JSON.stringify(p)).toBe(true);
    }
    // Two rows of a table are two boxes, one above the other.
    expect(rows[1].box[1]).toBeGreaterThanOrEqual(rows[0].box[3] - 1);
  });

  it('the archive keeps them: page lines, page sizes, and a box beside the page of every task, target and reference', () => {
    const d = new Database(db, { readonly: true });
    try {
      const q = (sql: string) => d.prepare(sql).all() as any[];
      const pdfFiles = `SELECT id FROM files WHERE media_type = 'application/pdf'`;
      expect(q(`SELECT count(*) AS n FROM page_lines WHERE file_id IN (${pdfFiles})`)[0].n).toBeGreaterThan(20);
      expect(q(`SELECT count(*) AS n FROM pages WHERE width IS NULL OR height IS NULL`)[0].n).toBe(0);
      for (const t of ['tasks', 'doc_references', 'targets', 'sections']) {
        const rows = q(`SELECT x.page, x.box FROM ${t} x JOIN documents doc ON doc.id = x.document_id WHERE doc.file_id IN (${pdfFiles})`);
        if (t !== 'targets') expect(rows.length, t).toBeGreaterThan(0);
        for (const r of rows) {
          expect(r.page, t).not.toBeNull();
          expect(JSON.parse(r.box), t).toHaveLength(4);
        }
      }
      // A text file has no page to point at.
      const text = q(`SELECT count(*) AS n, count(x.box) AS boxed FROM doc_references x JOIN documents doc ON doc.id = x.document_id JOIN files f ON f.id = doc.file_id WHERE f.media_type LIKE 'text/%'`)[0];
      expect(text.n).toBeGreaterThan(0);
      expect(text.boxed).toBe(0);
    } finally {
      d.close();
    }
  });
});
