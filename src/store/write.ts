/**
 * Writing processed files. One transaction per file: a file is either fully stored (file,
 * documents, sections, tables, entities, messages, index rows) or not at all, so a batch
 * killed at any moment leaves no half-written document.
 *
 * The store knows SQL, not Vietnamese: the text-folding function used for the search index
 * and for matching document numbers is passed in.
 */
import type { Provenance, TaskRole, VbDocument, VbFile } from '../../schemas/document.ts';
import type { Box } from '../../schemas/ocr.ts';
import type { Db } from './db.ts';
import { prepareCached as prepare } from './statements.ts';
import { all, dialect, exec, get, insertEach, reserveIds, run, runSqlite, writeLock, type Q } from './sql.ts';
import { copyKind, type CopyKind } from './copies.ts';
import { detach, joinWorks, orphansOf, writeSketches } from './works.ts';

export type Fold = (s: string) => string;

export interface StoreContext {
  fold: Fold;
  pipelineVersion: string;
  /** Id of the archive model the file was restored with (lm-table.ts); null or absent: none. */
  lmModel?: string | null;
  /** Clock, injectable so tests and dumps can be deterministic. */
  now?: () => string;
  /**
   * Where a batch collects the search-index rows of its stored files, to write them just
   * before its commit (store/group.ts); without it they are written with the file.
   */
  search?: DeferredSearchRows;
}

/**
 * Index sections for search, in one run after a file's other writes: FTS5 keeps pending terms
 * in memory until the next savepoint or commit, and rows interleaved with the other tables'
 * writes cost ~10 % more.
 */
function* writeSearchRows(rows: [number, string][]): Q<void> {
  yield* insertEach('sections_folded', 'INSERT INTO sections_folded (id, folded) VALUES (?, ?)', rows.length, (i) => rows[i]!);
}

/**
 * Search-index rows held back until the transaction they belong to is about to commit.
 * FTS5 writes its pending terms to disk as a new index segment at every savepoint, and a batch
 * stores each file in a savepoint of its group: written with the file, the rows made one
 * segment per file (and merges of them later); written together, one per group.
 */
export class DeferredSearchRows {
  private rows: [number, string][] = [];

  get size(): number {
    return this.rows.length;
  }

  add(rows: [number, string][]): void {
    for (const r of rows) this.rows.push(r);
  }

  /** Write the rows held (inside the open transaction). */
  flush(db: Db): void {
    runSqlite(db, writeSearchRows(this.discard()));
  }

  /** Drop the rows held (their transaction was rolled back); returns them. */
  discard(): [number, string][] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }
}

export interface StoredFile {
  fileId: number;
  documentIds: number[];
  /** True when a previous version of the same bytes was replaced (--force, reprocess). */
  replaced: boolean;
  /** True when the bytes were already stored and `keepExisting` left them alone. */
  kept?: boolean;
}

export interface StoreFileOptions {
  /**
   * When the bytes are already stored (another process got there first), keep that version
   * and only remember the path, instead of replacing it.
   */
  keepExisting?: boolean;
}

/** Key for matching a cited number with a stored document's number: folded, upper case, no spaces, one dash. */
export function numberKey(number: string | null | undefined, fold: Fold): string | null {
  if (!number) return null;
  const key = fold(number)
    .toUpperCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, '');
  return key || null;
}

/** The text a section is found by: its heading when the text does not already carry it, then the text. */
export function sectionSearchText(heading: string | null, text: string): string {
  return heading && !text.includes(heading) ? `${heading}\n${text}` : text;
}

export interface KnownFile {
  id: number;
  pipelineVersion: string;
  /** The archive model it was restored with (null: none). */
  lmModel: string | null;
  /** Whether another model could read it otherwise: it was restored, or has OCR pages. */
  modelDependent: boolean;
}

/**
 * A file another restoration model could read otherwise: restoration changed some of it, or
 * some of it is OCR (post-corrected with the model). A clean text is what it is, whatever the
 * model: when `ingest` teaches the model, it is not "made with another model" (restore/train.ts
 * readWithModel asks the same of a processed file).
 */
export const MODEL_DEPENDENT = `(EXISTS (SELECT 1 FROM restored_tokens rt WHERE rt.file_id = f.id)
  OR EXISTS (SELECT 1 FROM pages pg WHERE pg.file_id = f.id AND pg.method = 'ocr'))`;

export function findFile(db: Db, hash: string): KnownFile | undefined {
  return runSqlite(db, findFileQ(hash));
}

export function* findFileQ(hash: string): Q<KnownFile | undefined> {
  const row = yield* get<{ id: number; pipeline_version: string; lm_model: string | null; dep: number | boolean }>(
    `SELECT id, pipeline_version, lm_model, ${MODEL_DEPENDENT} AS dep FROM files f WHERE hash = ?`,
    [hash],
  );
  // PostgreSQL's EXISTS is a boolean, SQLite's 0/1.
  return row && { id: row.id, pipelineVersion: row.pipeline_version, lmModel: row.lm_model, modelDependent: row.dep === 1 || row.dep === true };
}

/** Remember another path for bytes already stored; no-op when the path is known. */
export function addFilePath(db: Db, fileId: number, path: string): boolean {
  return runSqlite(db, addFilePathQ(fileId, path));
}

export function* addFilePathQ(fileId: number, path: string): Q<boolean> {
  return (yield* run('INSERT OR IGNORE INTO file_paths (file_id, path) VALUES (?, ?)', [fileId, path])) > 0;
}

export interface IngestError {
  path: string;
  hash: string;
  stage: string;
  rule: string;
  reason: string;
}

/** Record a file that could not be ingested. The same failure seen again is not a new row. */
export function recordIngestError(db: Db, err: IngestError, ctx: Pick<StoreContext, 'pipelineVersion' | 'now'>): void {
  runSqlite(db, recordIngestErrorQ(err, ctx));
}

export function* recordIngestErrorQ(err: IngestError, ctx: Pick<StoreContext, 'pipelineVersion' | 'now'>): Q<void> {
  const now = ctx.now?.() ?? new Date().toISOString();
  yield* run(
    `INSERT OR IGNORE INTO ingest_errors (path, hash, stage, rule, reason, pipeline_version, first_seen)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [err.path, err.hash, err.stage, err.rule, err.reason, ctx.pipelineVersion, now],
  );
}

/** Forget failures of these bytes, and of whatever was at this path before. */
export function clearIngestErrors(db: Db, path: string, hash: string): void {
  runSqlite(db, clearIngestErrorsQ(path, hash));
}

export function* clearIngestErrorsQ(path: string, hash: string): Q<void> {
  yield* exec('DELETE FROM ingest_errors WHERE hash = ? OR path = ?', [hash, path]);
}

/**
 * The stored document a citation points at: one with its number, other than the citing
 * document, in the same file first (a cover letter and the decision it forwards), then a
 * deterministic choice. The arguments are SQL expressions for the cited number's key, the
 * citing document and its file, and any join they need.
 */
function targetOf(key: string, citing: string, citingFile: string, join = ''): string {
  return `(
  SELECT d.id FROM documents d JOIN files f ON f.id = d.file_id ${join}
  WHERE d.number_key = ${key} AND d.id <> ${citing}
  ORDER BY d.file_id = ${citingFile} DESC, f.hash, d.idx
  LIMIT 1)`;
}

/** The target of the row of doc_references being updated. */
const TARGET = targetOf('doc_references.number_key', 'c.id', 'c.file_id', 'JOIN documents c ON c.id = doc_references.document_id');

/** Point every citation of `key`, in the whole archive, at its document. */
function* resolveCitations(key: string): Q<void> {
  yield* exec(`UPDATE doc_references SET target_document_id = ${TARGET} WHERE number_key = ?`, [key]);
}

/** Store a processed file (replacing a previous version of the same bytes) in one transaction. */
export function storeFile(db: Db, file: VbFile, ctx: StoreContext, opts: StoreFileOptions = {}): StoredFile {
  // Replacing stored bytes deletes their sections, and with them their index rows: rows still
  // held back must be in the index by then. Written outside this file's savepoint, so a
  // failure of this file cannot roll them back.
  if (ctx.search?.size && findFile(db, file.source.hash)) ctx.search.flush(db);
  let searchRows: [number, string][] = [];
  const tx = db.transaction((): StoredFile => {
    const out = runSqlite(db, storeFileQ(file, ctx, opts));
    searchRows = out.searchRows;
    return out.stored;
  });
  // IMMEDIATE: take the write lock up front, so a concurrent writer waits rather than
  // failing half-way with SQLITE_BUSY on lock upgrade.
  const stored = tx.immediate();
  // Held back only once the file is stored: a file rolled back leaves no rows behind.
  ctx.search?.add(searchRows);
  return stored;
}

/**
 * What storeFile does inside its transaction, for either engine (PostgreSQL: pg-store.ts).
 * The search rows are written here unless `ctx.search` holds them back (returned then).
 */
export function* storeFileQ(file: VbFile, ctx: StoreContext, opts: StoreFileOptions = {}): Q<{ stored: StoredFile; searchRows: [number, string][] }> {
  // The ids the file's rows take, asked for first (PostgreSQL: on the way with the lookup below;
  // spent for nothing only when another writer stored the same bytes first).
  yield* reserveIds(idsWanted(file));
  // Checked inside the write transaction: decisive even with concurrent writers.
  const existing = opts.keepExisting ? yield* findFileQ(file.source.hash) : undefined;
  if (existing) {
    yield* addFilePathQ(existing.id, file.source.path);
    const ids = (yield* all<{ id: number }>('SELECT id FROM documents WHERE file_id = ? ORDER BY idx', [existing.id])).map((r) => r.id);
    return { stored: { fileId: existing.id, documentIds: ids, replaced: false, kept: true }, searchRows: [] };
  }
  // Looked up already (none): not again.
  // PostgreSQL: the file's own search rows before the write lock (their index is the costliest
  // write of a file, and needs nothing of other files), so other writers wait less for it.
  const early = !ctx.search && (yield* dialect()) === 'postgres';
  const written = yield* writeFile(file, ctx, opts.keepExisting ? null : undefined, early);
  if (ctx.search) return written;
  yield* writeSearchRows(written.searchRows);
  return { stored: written.stored, searchRows: [] };
}

/** How many rows with ids from a sequence each table takes for this file (writeFile's insertEach with ids). */
function idsWanted(file: VbFile): Record<string, number> {
  const sum = (f: (d: VbDocument) => number) => file.documents.reduce((a, d) => a + f(d), 0);
  return {
    files: 1,
    documents: file.documents.length,
    sections: sum((d) => d.sections.length),
    tables: sum((d) => d.tables.length),
    table_rows: sum((d) => d.tables.reduce((a, t) => a + t.rows.length, 0)),
    tasks: sum((d) => d.tasks.length),
  };
}

/** `known`: the stored version of the same bytes when the caller looked it up (null: none). */
function* writeFile(file: VbFile, ctx: StoreContext, known?: KnownFile | null, searchFirst = false): Q<{ stored: StoredFile; searchRows: [number, string][] }> {
  const { fold } = ctx;
  const now = ctx.now?.() ?? new Date().toISOString();
  const touchedKeys = new Set<string>();

  const previous = known === undefined ? yield* findFileQ(file.source.hash) : (known ?? undefined);
  let previousPaths: string[] = [];
  let orphans: number[] = [];
  if (previous) {
    orphans = yield* orphansOf(previous.id);
    for (const r of yield* all<{ number_key: string }>('SELECT number_key FROM documents WHERE file_id = ? AND number_key IS NOT NULL', [previous.id])) {
      touchedKeys.add(r.number_key);
    }
    previousPaths = (yield* all<{ path: string }>('SELECT path FROM file_paths WHERE file_id = ?', [previous.id])).map((r) => r.path);
    yield* exec('DELETE FROM files WHERE id = ?', [previous.id]);
  }

  const [fileId] = (yield* insertEach(
    'files',
    `INSERT INTO files (hash, path, size, media_type, encoding, original, text, pipeline_version, lm_model, ingested_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    1,
    () => [file.source.hash, file.source.path, file.source.size, file.source.mediaType, file.source.encoding, file.original, file.text, ctx.pipelineVersion, ctx.lmModel ?? null, now],
    true,
  )) as [number];
  const paths = [...new Set([...previousPaths, file.source.path])];
  yield* insertEach('file_paths', 'INSERT OR IGNORE INTO file_paths (file_id, path) VALUES (?, ?)', paths.length, (i) => [fileId, paths[i]]);

  yield* insertEach('pages', 'INSERT OR REPLACE INTO pages (file_id, page, char_start, char_end, method, confidence, width, height, dpi) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', file.pages.length, (i) => {
    const p = file.pages[i]!;
    return [fileId, p.page, p.start, p.end, p.method, p.confidence, p.width ?? null, p.height ?? null, p.dpi ?? null];
  });
  const lines = file.pages.flatMap((p) => (p.lines ?? []).map((l, i) => [fileId, p.page, i, l.start, l.end, ...l.box, l.confidence]));
  yield* insertEach('page_lines', 'INSERT OR REPLACE INTO page_lines (file_id, page, ord, char_start, char_end, x0, y0, x1, y1, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', lines.length, (i) => lines[i]!);

  yield* insertEach('restored_tokens', 'INSERT INTO restored_tokens (file_id, char_start, char_end, original, restored, confidence) VALUES (?, ?, ?, ?, ?, ?)', file.restored.length, (i) => {
    const t = file.restored[i]!;
    return [fileId, t.start, t.end, t.original, t.restored, t.confidence];
  });

  const sectionIds = new Map<string, number>(); // section key → id, across the file
  const searchRows: [number, string][] = [];
  const kind = copyKind(file.source.mediaType, file.pages.map((p) => p.method));
  // Each table's rows of every document of the file in one statement (in document order, so
  // the ids are those one statement per document gave).
  const documentIds = yield* writeDocuments(fileId, file.documents, ctx, sectionIds, searchRows, kind);
  for (const doc of file.documents) {
    const key = numberKey(doc.header.number, fold);
    if (key) touchedKeys.add(key);
  }
  yield* writeSketches(
    documentIds.map((id, i) => ({ id, text: file.text.slice(file.documents[i]!.start, file.documents[i]!.end) })),
    fold,
  );

  // Links name other documents of the file by index.
  const links: unknown[][] = [];
  file.documents.forEach((doc, i) => {
    for (const l of doc.links) {
      const target = documentIds[file.documents.findIndex((d) => d.index === l.target)];
      if (target !== undefined) links.push([documentIds[i], target, l.kind]);
    }
  });
  yield* insertEach('document_links', 'INSERT OR IGNORE INTO document_links (document_id, target_document_id, kind) VALUES (?, ?, ?)', links.length, (i) => links[i]!);

  // Section-level provenance, once every section of the file has an id.
  yield* writeEntities(documentIds, file.documents, sectionIds);

  yield* insertEach(
    'messages',
    `INSERT INTO messages (file_id, document_id, ord, stage, rule, severity, reason, char_start, char_end, page)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    file.messages.length,
    (i) => {
      const m = file.messages[i]!;
      const at = m.start;
      const di = at === null ? -1 : file.documents.findIndex((d) => at >= d.start && at < d.end);
      return [fileId, di >= 0 ? documentIds[di] : null, i, m.stage, m.ruleId, m.severity, m.reason, m.start, m.end, m.page];
    },
  );

  if (searchFirst) yield* writeSearchRows(searchRows.splice(0));
  // What other files' documents are read for (citations, works) is written by one file at a
  // time, the files committed before this one all in view.
  yield* writeLock();
  yield* writeReferences(fileId, documentIds, file.documents, fold, sectionIds);
  // This file's citations found their documents as they were written; where this file adds or
  // removes a document number, every citation of that number is looked at again. Only those:
  // a decree every file cites is not re-resolved archive-wide on each import.
  for (const key of touchedKeys) yield* resolveCitations(key);
  // One identity per document: the new documents join the works they are copies of; copies
  // that belonged to a work with the replaced version's documents are regrouped (works.ts).
  yield* detach(orphans);
  yield* joinWorks([...orphans, ...documentIds].sort((a, b) => a - b), fold);
  // A file that now goes through is no longer a failure, nor is an older failure at its path.
  yield* clearIngestErrorsQ(file.source.path, file.source.hash);
  // The search index is written by the caller: with the file, or with its group (ctx.search).
  return { stored: { fileId, documentIds, replaced: previous !== undefined }, searchRows };
}

function* writeDocuments(fileId: number, docs: VbDocument[], ctx: StoreContext, sectionIds: Map<string, number>, searchRows: [number, string][], kind: CopyKind): Q<number[]> {
  const documentIds = yield* insertEach(
    'documents',
    `INSERT INTO documents (file_id, idx, char_start, char_end, type, number, number_key, issued, place, issuer, issuer_parent, province, subject, pipeline_version, copy_kind)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    docs.length,
    (i) => {
      const doc = docs[i]!;
      const h = doc.header;
      return [fileId, doc.index, doc.start, doc.end, h.type, h.number, numberKey(h.number, ctx.fold), h.issued, h.place, h.issuer, h.issuerParent, h.province, h.subject, ctx.pipelineVersion, kind];
    },
    true,
  );
  // Each its own work until joinWorks finds the work it is a copy of.
  yield* exec('UPDATE documents SET work_id = id WHERE file_id = ?', [fileId]);
  const signers = docs.flatMap((d, di) => d.header.signers.map((s, i) => [documentIds[di], i, s.name, s.title, s.authority]));
  yield* insertEach('document_signers', 'INSERT INTO document_signers (document_id, ord, name, title, authority) VALUES (?, ?, ?, ?, ?)', signers.length, (i) => signers[i]!);
  const people = docs.flatMap((d, di) => [
    ...d.header.recipients.map((r, i) => [documentIds[di], 'recipient', i, r]),
    ...d.header.distribution.map((r, i) => [documentIds[di], 'distribution', i, r]),
  ]);
  yield* insertEach('document_recipients', 'INSERT INTO document_recipients (document_id, kind, ord, name) VALUES (?, ?, ?, ?)', people.length, (i) => people[i]!);

  // Sections of every document in order. A parent listed before its child in its document (the
  // usual order) is linked on insert; others below.
  const all = docs.flatMap((d, di) => d.sections.map((s) => ({ s, di })));
  const firstOf = new Map<string, number>(); // "document index, section key" → position in `all`
  all.forEach(({ s, di }, i) => {
    const k = `${di}\u0000${s.id}`;
    if (!firstOf.has(k)) firstOf.set(k, i);
  });
  const parentLater: { s: VbDocument['sections'][number]; di: number }[] = [];
  const ids = yield* insertEach(
    'sections',
    `INSERT INTO sections (document_id, key, parent_id, kind, label, heading, text, ord, depth, char_start, char_end, page, box)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    all.length,
    (i, before) => {
      const { s, di } = all[i]!;
      const at = s.parent === null ? undefined : firstOf.get(`${di}\u0000${s.parent}`);
      const parent = at !== undefined && at < i ? before[at]! : null;
      if (s.parent !== null && parent === null) parentLater.push({ s, di });
      return [documentIds[di], s.id, parent, s.kind, s.label, s.heading, s.text, s.order, s.depth, s.start, s.end, s.page, boxText(s.box)];
    },
    true,
  );
  const local = docs.map(() => new Map<string, number>()); // per document: section key → id
  all.forEach(({ s, di }, i) => {
    local[di]!.set(s.id, ids[i]!);
    sectionIds.set(s.id, ids[i]!);
    const body = sectionSearchText(s.heading, s.text);
    if (body.trim()) searchRows.push([ids[i]!, ctx.fold(body)]);
  });
  for (const { s, di } of parentLater) {
    const parent = local[di]!.get(s.parent!);
    if (parent !== undefined) yield* exec('UPDATE sections SET parent_id = ? WHERE id = ?', [parent, local[di]!.get(s.id)]);
  }

  const tables = docs.flatMap((d, di) => d.tables.map((t) => ({ t, di })));
  const tableIds = yield* insertEach(
    'tables',
    'INSERT INTO tables (document_id, key, section_id, columns, char_start, char_end, page, box) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    tables.length,
    (i) => {
      const { t, di } = tables[i]!;
      const sectionId = t.section === null ? null : (local[di]!.get(t.section) ?? sectionIds.get(t.section) ?? null);
      return [documentIds[di], t.id, sectionId, JSON.stringify(t.columns), t.start, t.end, t.page, boxText(t.box)];
    },
    true,
  );
  const rows = tables.flatMap(({ t }, ti) => t.rows.map((r) => ({ tableId: tableIds[ti]!, r })));
  const rowIds = yield* insertEach(
    'table_rows',
    'INSERT INTO table_rows (table_id, row_index, kind, label, grp, char_start, char_end, page, box) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    rows.length,
    (i) => {
      const { tableId, r } = rows[i]!;
      return [tableId, r.index, r.kind, r.label, r.group, r.start, r.end, r.page, boxText(r.box)];
    },
    true,
  );
  const cells = rows.flatMap(({ r }, ri) => r.cells.map((c, i) => [rowIds[ri], i, c.column, c.text]));
  yield* insertEach('table_cells', 'INSERT INTO table_cells (row_id, col_index, col, text) VALUES (?, ?, ?, ?)', cells.length, (i) => cells[i]!);
  return documentIds;
}

/** INSERT statement for these columns, placeholders generated so they always match. */
function insertSql(table: string, columns: string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}

const PROV_COLUMNS = ['document_id', 'section_id', 'char_start', 'char_end', 'page', 'box'];

/** A box as the `box` columns keep it: JSON [x0, y0, x1, y1] (migration 11), NULL for none. */
export function boxText(box: Box | null | undefined): string | null {
  return box ? JSON.stringify(box) : null;
}

const provOf = (documentId: number, sectionIds: Map<string, number>) => (p: Provenance) =>
  [documentId, p.section === null ? null : (sectionIds.get(p.section) ?? null), p.start, p.end, p.page, boxText(p.box)] as const;

/**
 * Citations, each pointing at its stored document as it is written (one write per row, not an
 * insert and then an update): every document of the file and of the files before it is written
 * by now.
 */
function* writeReferences(fileId: number, documentIds: number[], docs: VbDocument[], fold: Fold, sectionIds: Map<string, number>): Q<void> {
  const refs = docs.flatMap((d, di) => d.references.map((r, i) => ({ r, i, documentId: documentIds[di]! })));
  const refColumns = [...PROV_COLUMNS, 'ord', 'number', 'number_key', 'type', 'name', 'issued', 'issuer', 'subject', 'relation', 'text'];
  yield* insertEach(
    'doc_references',
    `INSERT INTO doc_references (${refColumns.join(', ')}, target_document_id)
     VALUES (${refColumns.map(() => '?').join(', ')}, ${targetOf('?', '?', '?')})`,
    refs.length,
    (k) => {
      const { r, i, documentId } = refs[k]!;
      const key = numberKey(r.number, fold);
      return [...provOf(documentId, sectionIds)(r.prov), i, r.number, key, r.type, r.name, r.issued, r.issuer, r.subject, r.relation, r.text, key, documentId, fileId];
    },
  );
}

function* writeEntities(documentIds: number[], docs: VbDocument[], sectionIds: Map<string, number>): Q<void> {
  // Each kind of entity of every document, in document order, in one statement.
  const each = <T>(table: string, columns: string[], of: (d: VbDocument) => T[], row: (t: T, i: number) => unknown[], ids = false) => {
    const items = docs.flatMap((d, di) => of(d).map((t, i) => ({ t, i, prov: provOf(documentIds[di]!, sectionIds) })));
    return insertEach(table, insertSql(table, [...PROV_COLUMNS, ...columns]), items.length, (k) => {
      const { t, i, prov } = items[k]!;
      return [...prov((t as { prov: Provenance }).prov), ...row(t, i)];
    }, ids);
  };
  yield* each('agencies', ['ord', 'text', 'canonical', 'kind', 'province'], (d) => d.agencies, (a, i) => [i, a.text, a.canonical, a.kind, a.province]);
  yield* each('dates', ['ord', 'text', 'kind', 'date_from', 'date_to', 'recurrence'], (d) => d.dates, (x, i) => [i, x.text, x.kind, x.start, x.end, x.recurrence]);
  yield* each('targets', ['ord', 'value', 'unit', 'comparator', 'subject', 'deadline', 'deadline_inferred', 'text'], (d) => d.targets, (t, i) => [i, t.value, t.unit, t.comparator, t.subject, t.deadline, t.deadlineInferred ? 1 : 0, t.text]);
  const tasks = docs.flatMap((d) => d.tasks);
  const taskIds = yield* each('tasks', ['ord', 'content', 'date_from', 'due', 'recurrence', 'outputs', 'grp', 'source'], (d) => d.tasks, (t, i) => [i, t.content, t.start, t.due, t.recurrence, t.outputs, t.group, t.source], true);
  const roles = tasks.flatMap((t, ti) => [
    ...t.lead.map((a, j) => [taskIds[ti], 'lead' satisfies TaskRole, j, a]),
    ...t.partners.map((a, j) => [taskIds[ti], 'partner' satisfies TaskRole, j, a]),
  ]);
  yield* insertEach('task_agencies', insertSql('task_agencies', ['task_id', 'role', 'ord', 'agency']), roles.length, (i) => roles[i]!);
  yield* each('persons', ['ord', 'name', 'title'], (d) => d.persons, (p, i) => [i, p.name, p.title]);
}
