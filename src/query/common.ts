/**
 * Shared pieces of the query layer: the error analysts see, date bounds, the document summary
 * every answer carries, document selectors and the document filters (type, issuer, issued
 * date, province) that search, tasks and targets share.
 *
 * Everything here reads the database through the views of src/store/views.ts.
 */
import type { Database } from 'better-sqlite3';
import type { DocumentSummary, ErrorCode } from '../../schemas/query.ts';
import { fold } from '../normalize/index.ts';
import { numberKey } from '../store/write.ts';
import { resolve } from 'node:path';
import { shownPath } from '../lib/shown-path.ts';
import { all, get, runSqlite, type Q } from '../store/sql.ts';

/** A problem with the question (bad selector, bad date), not a bug: printed without a stack. */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly candidates: DocumentSummary[] = [],
    readonly code: ErrorCode = candidates.length ? 'ambiguous' : 'failed',
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

// ---- dates ----

const DATE = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

/** First day of the period a user wrote: "2025" → 2025-01-01, "2025-03" → 2025-03-01. */
export function periodStart(s: string): string {
  const m = s.trim().match(DATE);
  if (!m) throw new QueryError(`"${s}": not a date (write YYYY, YYYY-MM or YYYY-MM-DD)`);
  const [, y, mo, d] = m;
  return `${y}-${(mo ?? '1').padStart(2, '0')}-${(d ?? '1').padStart(2, '0')}`;
}

/** Last day of the period a user wrote: "2025" → 2025-12-31, "2024-02" → 2024-02-29. */
export function periodEnd(s: string): string {
  const m = s.trim().match(DATE);
  if (!m) throw new QueryError(`"${s}": not a date (write YYYY, YYYY-MM or YYYY-MM-DD)`);
  const [, y, mo, d] = m;
  if (d) return `${y}-${mo!.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const month = Number(mo ?? 12);
  const last = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  return `${y}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

// ---- documents ----

export type { DocumentSummary };

/** Columns of v_documents (aliased `vd`) that make a DocumentSummary. */
export const SUMMARY_COLUMNS = `vd.document_id AS doc_id, vd.type AS doc_type, vd.number AS doc_number, vd.issued AS doc_issued,
  vd.issuer AS doc_issuer, vd.province AS doc_province, vd.subject AS doc_subject, vd.file_path AS doc_file, vd.idx AS doc_index,
  vd.work_id AS doc_work`;

/**
 * The documents a query lists: one row per work, through its primary copy (v_documents), or
 * every stored copy (`--copies`: v_document_copies). Both have the columns SUMMARY_COLUMNS reads.
 */
export function documentsView(copies?: boolean): 'v_documents' | 'v_document_copies' {
  return copies ? 'v_document_copies' : 'v_documents';
}

export function summaryFromRow(r: any): DocumentSummary {
  return {
    id: r.doc_id,
    type: r.doc_type,
    number: r.doc_number,
    issued: r.doc_issued,
    issuer: r.doc_issuer,
    province: r.doc_province,
    subject: r.doc_subject,
    file: r.doc_file,
    index: r.doc_index,
    work: r.doc_work ?? r.doc_id,
  };
}

/** "Kế hoạch 40/KH-UBND (2021-03-01)" or "Kế hoạch (fixtures/001.txt#1)" for unnumbered plans. */
export function describeDocument(d: DocumentSummary): string {
  const what = [d.type ?? 'Văn bản', d.number].filter(Boolean).join(' ');
  const where = d.number ? '' : ` [${d.file.split(/[\\/]/).pop()}#${d.index}]`;
  return `${what}${d.issued ? ` (${d.issued})` : ''}${where}`;
}

/** How a cited document is named in a table: its number, else its name (which opens with its type: "Luật …"). */
export function citedLabel(c: { number: string | null; type: string | null; name: string | null }): string {
  return c.number ?? c.name ?? c.type ?? '';
}

const SUMMARY_SELECT = `SELECT ${SUMMARY_COLUMNS} FROM v_document_copies vd`;

/**
 * Find documents by what an analyst would type:
 *   "12" or "#12"            the document id
 *   "45/2020/NĐ-CP"          its số/ký hiệu (diacritics, case and spaces ignored)
 *   "path/to/file.txt[#1]"   a stored file (path as ingested, or its end), document index
 *   "6b0889c3[#1]"           a file hash prefix (8+ hex digits), document index
 * Every copy matching is a match of its work: the works are returned, each once, through
 * their primary copy; with `copies`, the matching copies themselves.
 */
export function findDocuments(db: Database, selector: string, opts: { copies?: boolean } = {}): DocumentSummary[] {
  return runSqlite(db, findDocumentsQ(selector, opts));
}

export function* findDocumentsQ(selector: string, opts: { copies?: boolean } = {}): Q<DocumentSummary[]> {
  const found = yield* findCopies(selector);
  if (opts.copies) return found;
  const seen = new Set<number>();
  const works: DocumentSummary[] = [];
  for (const d of found) {
    if (seen.has(d.work)) continue;
    seen.add(d.work);
    const row = d.work === d.id ? undefined : yield* get(`SELECT ${SUMMARY_COLUMNS} FROM v_documents vd WHERE vd.document_id = ?`, [d.work]);
    works.push(row ? summaryFromRow(row) : d);
  }
  return works;
}

function* findCopies(selector: string): Q<DocumentSummary[]> {
  const sel = selector.trim();
  if (!sel) return [];
  const byId = sel.match(/^#?(\d+)$/);
  // Ids beyond what a database holds are no id (PostgreSQL's BIGINT would refuse them).
  if (byId && Number.isSafeInteger(Number(byId[1]))) {
    const rows = yield* all(`${SUMMARY_SELECT} WHERE vd.document_id = ?`, [Number(byId[1])]);
    if (rows.length) return rows.map(summaryFromRow);
  }
  const key = numberKey(sel, fold);
  if (key && /\d/.test(sel) && /\//.test(sel)) {
    const rows = yield* all(`${SUMMARY_SELECT} JOIN documents d ON d.id = vd.document_id WHERE d.number_key = ? ORDER BY vd.issued, vd.document_id`, [key]);
    if (rows.length) return rows.map(summaryFromRow);
  }
  // A file: path (exact, or the tail of a stored path), or hash prefix; then "#index".
  const m = sel.match(/^(.*?)(?:#(\d+))?$/)!;
  const file = m[1]!;
  const idx = m[2] === undefined ? null : Number(m[2]);
  // A hash prefix: 8 or more lower-case hex digits (decided here, the same for both engines).
  const hex = file.length >= 8 && /^[0-9a-f]+$/.test(file) ? 1 : 0;
  const fileRows = yield* all<{ id: number }>(
    `SELECT DISTINCT f.id FROM files f LEFT JOIN file_paths p ON p.file_id = f.id
     WHERE f.path IN (@file, @abs) OR p.path IN (@file, @abs) OR f.path LIKE '%/' || @like ESCAPE '\\' OR p.path LIKE '%/' || @like ESCAPE '\\'
        OR (@hex = 1 AND f.hash LIKE @like || '%' ESCAPE '\\')
     ORDER BY f.id`,
    // @abs: the path as stored (absolute), however it is spelt here ("./mix/../mix/a.txt").
    { file, abs: resolve(file), like: file.replace(/[%_\\]/g, (c) => `\\${c}`), hex },
  );
  if (!fileRows.length) return [];
  const ids = fileRows.map((r) => r.id);
  const rows = yield* all(
    `${SUMMARY_SELECT} WHERE vd.file_id IN (${ids.map(() => '?').join(',')}) ${idx === null ? '' : 'AND vd.idx = ?'}
     ORDER BY vd.file_id, vd.idx`,
    [...ids, ...(idx === null ? [] : [idx])],
  );
  return rows.map(summaryFromRow);
}

/** Exactly one document, or a QueryError that lists the candidates. */
export function resolveDocument(db: Database, selector: string, opts: { copies?: boolean } = {}): DocumentSummary {
  return runSqlite(db, resolveDocumentQ(selector, opts));
}

export function* resolveDocumentQ(selector: string, opts: { copies?: boolean } = {}): Q<DocumentSummary> {
  const found = yield* findDocumentsQ(selector, opts);
  if (found.length === 1) return found[0]!;
  if (!found.length) throw new QueryError(`no stored document matches "${selector}" (give a document id, a number such as 45/2020/NĐ-CP, or a file path[#index])`, [], 'not-found');
  const list = found
    .slice(0, 10)
    .map((d) => `  ${d.id}\t${describeDocument(d)}\t${shownPath(d.file)}#${d.index}`)
    .join('\n');
  throw new QueryError(`"${selector}" matches ${found.length} documents; pick one by id:\n${list}`, found);
}

// ---- document filters ----

export interface DocumentFilter {
  /** Document type, diacritics-insensitive ("ke hoach" = "Kế hoạch"). */
  type?: string;
  /** Words of the issuer's name, diacritics-insensitive; abbreviations expanded. */
  issuer?: string;
  /** Issued on or after the start of this period (YYYY, YYYY-MM, YYYY-MM-DD). */
  from?: string;
  /** Issued on or before the end of this period. */
  to?: string;
  /** Province, by name or abbreviation, diacritics-insensitive ("Vinh Long", "TP.HCM"). */
  province?: string;
  /** Only these documents (selectors as for `findDocuments`). */
  documents?: string[];
  /** Every stored copy of a document, not one row per work (`--copies`). */
  copies?: boolean;
}

/** A province as the user wrote it → its name in the provinces table. */
export function resolveProvince(db: Database, name: string): string {
  return runSqlite(db, resolveProvinceQ(name));
}

export function* resolveProvinceQ(name: string): Q<string> {
  const key = fold(name).replace(/^(tinh|thanh pho|tp\.?)\s+/, '').replace(/[^a-z0-9]/g, '');
  const rows = yield* all<{ name: string; abbreviations: string | null }>('SELECT name, abbreviations FROM provinces ORDER BY name');
  for (const r of rows) if (fold(r.name).replace(/[^a-z0-9]/g, '') === key) return r.name;
  for (const r of rows) {
    for (const a of (r.abbreviations ?? '').split('|')) {
      if (a && fold(a).replace(/[^a-z0-9]/g, '') === key) return r.name;
    }
  }
  throw new QueryError(`"${name}": not a province or centrally run city of Việt Nam`);
}

/** Words, folded, for diacritics-insensitive matching of names. */
export function foldWords(s: string): string[] {
  return fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** True when the words of `needle` occur, in order and adjacent, among the words of `hay`. */
export function containsWords(hay: string[], needle: string[]): boolean {
  if (!needle.length) return true;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Ids of the documents a filter admits, or null when the filter admits every document.
 * Type, issuer and province are compared folded in JS (SQLite cannot fold đ); the number of
 * distinct types/issuers is small next to the number of documents.
 */
export function filterDocumentIds(db: Database, f: DocumentFilter, expandIssuer: (s: string) => string[] = (s) => [s]): Set<number> | null {
  return runSqlite(db, filterDocumentIdsQ(f, expandIssuer));
}

export function* filterDocumentIdsQ(f: DocumentFilter, expandIssuer: (s: string) => string[] = (s) => [s]): Q<Set<number> | null> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.from) {
    where.push('vd.issued >= ?');
    params.push(periodStart(f.from));
  }
  if (f.to) {
    where.push('vd.issued <= ?');
    params.push(periodEnd(f.to));
  }
  if (f.province) {
    where.push('vd.province = ?');
    params.push(yield* resolveProvinceQ(f.province));
  }
  const typeKey = f.type ? fold(f.type).trim().replace(/\s+/g, ' ') : null;
  const issuerForms = f.issuer ? expandIssuer(f.issuer).map(foldWords) : null;
  let restrict: Set<number> | null = null;
  if (f.documents?.length) {
    restrict = new Set();
    for (const s of f.documents) for (const d of yield* findDocumentsQ(s, { copies: f.copies })) restrict.add(d.id);
  }
  if (!where.length && !typeKey && !issuerForms && !restrict) return null;
  // Named documents: read only their rows, not the whole view (one document's tasks on its page).
  if (restrict) where.push(restrict.size ? `vd.document_id IN (${[...restrict].join(',')})` : '1 = 0');
  const rows = yield* all<{ id: number; type: string | null; issuer: string | null; issuer_parent: string | null }>(
    `SELECT vd.document_id AS id, vd.type, vd.issuer, vd.issuer_parent FROM ${documentsView(f.copies)} vd ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    params,
  );
  const out = new Set<number>();
  for (const r of rows) {
    if (restrict && !restrict.has(r.id)) continue;
    if (typeKey && fold(r.type ?? '').trim() !== typeKey) continue;
    if (issuerForms) {
      const hay = foldWords(`${r.issuer ?? ''} | ${r.issuer_parent ?? ''}`);
      if (!issuerForms.some((n) => containsWords(hay, n))) continue;
    }
    out.add(r.id);
  }
  return out;
}

/** `column IN (…)` for a filter result; true when unfiltered. Ids are integers we produced. */
export function inIds(column: string, ids: Set<number> | null): string {
  if (ids === null) return '1 = 1';
  if (!ids.size) return '1 = 0';
  return `${column} IN (${[...ids].join(',')})`;
}

/**
 * A document filter as the store's full-text search takes it (`search(db, q, { filters })`):
 * the admitted document ids, or undefined when everything is admitted. Lets `vanban search`
 * filter by province and by folded type/issuer like the other query commands.
 */
export function searchDocumentIds(db: Database, f: DocumentFilter, expandIssuer?: (s: string) => string[]): number[] | undefined {
  return runSqlite(db, searchDocumentIdsQ(f, expandIssuer));
}

export function* searchDocumentIdsQ(f: DocumentFilter, expandIssuer?: (s: string) => string[]): Q<number[] | undefined> {
  const ids = yield* filterDocumentIdsQ(f, expandIssuer);
  return ids === null ? undefined : [...ids];
}
