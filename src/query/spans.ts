/**
 * Where a document's extracted items are: its text with the stored character spans and page
 * boxes of its references, agencies, dates, targets, tasks and persons, and its file's pages
 * (for the web page's highlights and page images).
 */
import type { Database } from 'better-sqlite3';
import type { DocumentText, SpanKind } from '../../schemas/query.ts';
import { QueryError, resolveDocument } from './common.ts';

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
  const doc = resolveDocument(db, selector, opts);
  const d = db
    .prepare(
      `SELECT d.id, d.file_id, f.media_type, d.char_start, d.char_end, substr(f.text, d.char_start + 1, d.char_end - d.char_start) AS text
       FROM documents d JOIN files f ON f.id = d.file_id WHERE d.id = ?`,
    )
    .get(doc.id) as Record<string, any>;
  const pages = db
    .prepare(
      `SELECT page, char_start AS start, char_end AS "end", method, width, height, dpi FROM pages
       WHERE file_id = @file AND char_end > @start AND char_start < @end ORDER BY page`,
    )
    .all({ file: d.file_id, start: d.char_start, end: Math.max(d.char_end, d.char_start + 1) }) as DocumentText['pages'];
  const spans = SPAN_SOURCES.flatMap(({ kind, table, label }) =>
    (db.prepare(`SELECT id, char_start, char_end, page, box, ${label} AS label FROM ${table} WHERE document_id = ? ORDER BY char_start, ord`).all(doc.id) as Record<string, any>[]).map(
      (r): DocumentText['spans'][number] => ({ kind, id: r.id, start: r.char_start, end: r.char_end, page: r.page, box: r.box ? JSON.parse(r.box) : null, label: r.label ?? '' }),
    ),
  ).sort((a, b) => a.start - b.start || b.end - a.end);
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
  const f = db.prepare('SELECT path, hash, media_type, (SELECT count(*) FROM pages p WHERE p.file_id = files.id) AS pages FROM files WHERE id = ?').get(fileId) as Record<string, any> | undefined;
  if (!f) throw new QueryError(`no stored file ${fileId}`, [], 'not-found');
  const p = db.prepare('SELECT width, height FROM pages WHERE file_id = ? AND page = ?').get(fileId, page) as { width: number | null; height: number | null } | undefined;
  if (!p) throw new QueryError(`file ${fileId} has no page ${page} (it has ${f.pages})`, [], 'not-found');
  const others = (db.prepare('SELECT path FROM file_paths WHERE file_id = ? ORDER BY path').all(fileId) as { path: string }[]).map((r) => r.path);
  return { paths: [...new Set([f.path as string, ...others])], hash: f.hash, mediaType: f.media_type, page, pages: f.pages, width: p.width, height: p.height };
}
