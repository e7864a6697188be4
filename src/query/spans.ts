/**
 * Where a document's extracted items are: its text with the stored character spans and page
 * boxes of its references, agencies, dates, targets, tasks and persons, and its file's pages
 * (for the web page's highlights and page images).
 */
import type { Database } from 'better-sqlite3';
import type { DocumentText, SpanKind } from '../../schemas/query.ts';
import { all, get, runSqlite, type Q } from '../store/sql.ts';
import { QueryError, resolveDocumentQ } from './common.ts';

/** Each entity table, and the words that name one of its rows in a list. */
const SPAN_SOURCES: { kind: SpanKind; table: string; label: string }[] = [
  { kind: 'reference', table: 'doc_references', label: 'coalesce(number, name, text)' },
  { kind: 'agency', table: 'agencies', label: 'canonical' },
  { kind: 'date', table: 'dates', label: 'text' },
  { kind: 'target', table: 'targets', label: 'text' },
  { kind: 'task', table: 'tasks', label: 'content' },
  { kind: 'person', table: 'persons', label: "trim(coalesce(title || ' ', '') || name)" },
];

/** The text and item spans of the document a selector names (as `show` resolves it). */
export function documentText(db: Database, selector: string, opts: { copies?: boolean } = {}): DocumentText {
  return runSqlite(db, documentTextQ(selector, opts));
}

export function* documentTextQ(selector: string, opts: { copies?: boolean } = {}): Q<DocumentText> {
  const doc = yield* resolveDocumentQ(selector, opts);
  const d = (yield* get(
    `SELECT d.id, d.file_id, f.media_type, d.char_start, d.char_end, substr(f.text, d.char_start + 1, d.char_end - d.char_start) AS text
     FROM documents d JOIN files f ON f.id = d.file_id WHERE d.id = ?`,
    [doc.id],
  ))!;
  const pages = (yield* all(
    `SELECT page, char_start AS start, char_end AS "end", method, width, height, dpi FROM pages
     WHERE file_id = @file AND char_end > @start AND char_start < @end ORDER BY page`,
    { file: d.file_id, start: d.char_start, end: Math.max(d.char_end, d.char_start + 1) },
  )) as DocumentText['pages'];
  const spans: DocumentText['spans'] = [];
  for (const { kind, table, label } of SPAN_SOURCES) {
    const rows = yield* all(`SELECT id, char_start, char_end, page, box, ${label} AS label FROM ${table} WHERE document_id = ? ORDER BY char_start, ord`, [doc.id]);
    for (const r of rows) spans.push({ kind, id: r.id, start: r.char_start, end: r.char_end, page: r.page, box: r.box ? JSON.parse(r.box) : null, label: r.label ?? '' });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  return { id: d.id, fileId: d.file_id, mediaType: d.media_type, start: d.char_start, end: d.char_end, text: d.text, pages, spans };
}

/** A stored file's page, for rendering: the paths it was seen under, its hash and page size. */
export interface StoredPage {
  paths: string[];
  hash: string;
  mediaType: string;
  page: number;
  pages: number;
  width: number | null;
  height: number | null;
}

/** The page `page` of stored file `fileId`; a QueryError (not-found) when there is none. */
export function storedPage(db: Database, fileId: number, page: number): StoredPage {
  return runSqlite(db, storedPageQ(fileId, page));
}

export function* storedPageQ(fileId: number, page: number): Q<StoredPage> {
  const f = yield* get('SELECT path, hash, media_type, (SELECT count(*) FROM pages p WHERE p.file_id = files.id) AS pages FROM files WHERE id = ?', [fileId]);
  if (!f) throw new QueryError(`no stored file ${fileId}`, [], 'not-found');
  const p = yield* get<{ width: number | null; height: number | null }>('SELECT width, height FROM pages WHERE file_id = ? AND page = ?', [fileId, page]);
  if (!p) throw new QueryError(`file ${fileId} has no page ${page} (it has ${Number(f.pages)})`, [], 'not-found');
  const others = (yield* all<{ path: string }>('SELECT path FROM file_paths WHERE file_id = ? ORDER BY path', [fileId])).map((r) => r.path);
  return { paths: [...new Set([f.path as string, ...others])], hash: f.hash, mediaType: f.media_type, page, pages: Number(f.pages), width: p.width, height: p.height };
}
