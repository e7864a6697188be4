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
import { copyKind, type CopyKind } from './copies.ts';
import { detach, joinWorks, orphansOf, writeSketch } from './works.ts';

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
function writeSearchRows(db: Db, rows: [number, string][]): void {
  const ins = prepare(db, 'INSERT INTO sections_folded (id, folded) VALUES (?, ?)');
  for (const [id, folded] of rows) ins.run(id, folded);
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
    writeSearchRows(db, this.discard());
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
  const row = prepare(db, `SELECT id, pipeline_version, lm_model, ${MODEL_DEPENDENT} AS dep FROM files f WHERE hash = ?`).get(hash) as
    | { id: number; pipeline_version: string; lm_model: string | null; dep: number }
    | undefined;
  return row && { id: row.id, pipelineVersion: row.pipeline_version, lmModel: row.lm_model, modelDependent: row.dep === 1 };
}

/** Remember another path for bytes already stored; no-op when the path is known. */
export function addFilePath(db: Db, fileId: number, path: string): boolean {
  return prepare(db, 'INSERT OR IGNORE INTO file_paths (file_id, path) VALUES (?, ?)').run(fileId, path).changes > 0;
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
  const now = ctx.now?.() ?? new Date().toISOString();
  prepare(db,
    `INSERT OR IGNORE INTO ingest_errors (path, hash, stage, rule, reason, pipeline_version, first_seen)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(err.path, err.hash, err.stage, err.rule, err.reason, ctx.pipelineVersion, now);
}

/** Forget failures of these bytes, and of whatever was at this path before. */
export function clearIngestErrors(db: Db, path: string, hash: string): void {
  prepare(db, 'DELETE FROM ingest_errors WHERE hash = ? OR path = ?').run(hash, path);
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
function resolveCitations(db: Db, key: string): void {
  prepare(db, `UPDATE doc_references SET target_document_id = ${TARGET} WHERE number_key = ?`).run(key);
}

/** Store a processed file (replacing a previous version of the same bytes) in one transaction. */
export function storeFile(db: Db, file: VbFile, ctx: StoreContext, opts: StoreFileOptions = {}): StoredFile {
  // Replacing stored bytes deletes their sections, and with them their index rows: rows still
  // held back must be in the index by then. Written outside this file's savepoint, so a
  // failure of this file cannot roll them back.
  if (ctx.search?.size && findFile(db, file.source.hash)) ctx.search.flush(db);
  let searchRows: [number, string][] = [];
  const tx = db.transaction((): StoredFile => {
    // Checked inside the write transaction: decisive even with concurrent writers.
    const existing = opts.keepExisting ? findFile(db, file.source.hash) : undefined;
    if (existing) {
      addFilePath(db, existing.id, file.source.path);
      const ids = (prepare(db, 'SELECT id FROM documents WHERE file_id = ? ORDER BY idx').all(existing.id) as { id: number }[]).map((r) => r.id);
      return { fileId: existing.id, documentIds: ids, replaced: false, kept: true };
    }
    const written = writeFile(db, file, ctx);
    if (ctx.search) searchRows = written.searchRows;
    else writeSearchRows(db, written.searchRows);
    return written.stored;
  });
  // IMMEDIATE: take the write lock up front, so a concurrent writer waits rather than
  // failing half-way with SQLITE_BUSY on lock upgrade.
  const stored = tx.immediate();
  // Held back only once the file is stored: a file rolled back leaves no rows behind.
  ctx.search?.add(searchRows);
  return stored;
}

function writeFile(db: Db, file: VbFile, ctx: StoreContext): { stored: StoredFile; searchRows: [number, string][] } {
  const { fold } = ctx;
  const now = ctx.now?.() ?? new Date().toISOString();
  const touchedKeys = new Set<string>();

  const previous = findFile(db, file.source.hash);
  let previousPaths: string[] = [];
  let orphans: number[] = [];
  if (previous) {
    orphans = orphansOf(db, previous.id);
    for (const r of prepare(db, 'SELECT number_key FROM documents WHERE file_id = ? AND number_key IS NOT NULL').all(previous.id) as { number_key: string }[]) {
      touchedKeys.add(r.number_key);
    }
    previousPaths = (prepare(db, 'SELECT path FROM file_paths WHERE file_id = ?').all(previous.id) as { path: string }[]).map((r) => r.path);
    prepare(db, 'DELETE FROM files WHERE id = ?').run(previous.id);
  }

  const fileId = Number(
    prepare(db,
        `INSERT INTO files (hash, path, size, media_type, encoding, original, text, pipeline_version, lm_model, ingested_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(file.source.hash, file.source.path, file.source.size, file.source.mediaType, file.source.encoding, file.original, file.text, ctx.pipelineVersion, ctx.lmModel ?? null, now)
      .lastInsertRowid,
  );
  const addPath = prepare(db, 'INSERT OR IGNORE INTO file_paths (file_id, path) VALUES (?, ?)');
  for (const p of [...previousPaths, file.source.path]) addPath.run(fileId, p);

  const insPage = prepare(db, 'INSERT OR REPLACE INTO pages (file_id, page, char_start, char_end, method, confidence, width, height, dpi) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insLine = prepare(db, 'INSERT OR REPLACE INTO page_lines (file_id, page, ord, char_start, char_end, x0, y0, x1, y1, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const p of file.pages) {
    insPage.run(fileId, p.page, p.start, p.end, p.method, p.confidence, p.width ?? null, p.height ?? null, p.dpi ?? null);
    p.lines?.forEach((l, i) => insLine.run(fileId, p.page, i, l.start, l.end, ...l.box, l.confidence));
  }

  const insToken = prepare(db, 'INSERT INTO restored_tokens (file_id, char_start, char_end, original, restored, confidence) VALUES (?, ?, ?, ?, ?, ?)');
  for (const t of file.restored) insToken.run(fileId, t.start, t.end, t.original, t.restored, t.confidence);

  const documentIds: number[] = [];
  const sectionIds = new Map<string, number>(); // section key → id, across the file
  const searchRows: [number, string][] = [];
  const kind = copyKind(file.source.mediaType, file.pages.map((p) => p.method));
  for (const doc of file.documents) {
    const id = writeDocument(db, fileId, doc, ctx, sectionIds, searchRows, kind);
    writeSketch(db, id, file.text.slice(doc.start, doc.end), fold);
    documentIds.push(id);
    const key = numberKey(doc.header.number, fold);
    if (key) touchedKeys.add(key);
  }

  // Links name other documents of the file by index.
  const insLink = prepare(db, 'INSERT OR IGNORE INTO document_links (document_id, target_document_id, kind) VALUES (?, ?, ?)');
  file.documents.forEach((doc, i) => {
    for (const l of doc.links) {
      const target = documentIds[file.documents.findIndex((d) => d.index === l.target)];
      if (target !== undefined) insLink.run(documentIds[i], target, l.kind);
    }
  });

  // Section-level provenance, once every section of the file has an id.
  for (const [i, doc] of file.documents.entries()) writeEntities(db, fileId, documentIds[i], doc, fold, sectionIds);

  const insMessage = prepare(db,
    `INSERT INTO messages (file_id, document_id, ord, stage, rule, severity, reason, char_start, char_end, page)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  file.messages.forEach((m, i) => {
    const at = m.start;
    const di = at === null ? -1 : file.documents.findIndex((d) => at >= d.start && at < d.end);
    insMessage.run(fileId, di >= 0 ? documentIds[di] : null, i, m.stage, m.ruleId, m.severity, m.reason, m.start, m.end, m.page);
  });

  // This file's citations found their documents as they were written; where this file adds or
  // removes a document number, every citation of that number is looked at again. Only those:
  // a decree every file cites is not re-resolved archive-wide on each import.
  for (const key of touchedKeys) resolveCitations(db, key);
  // One identity per document: the new documents join the works they are copies of; copies
  // that belonged to a work with the replaced version's documents are regrouped (works.ts).
  detach(db, orphans);
  joinWorks(db, [...orphans, ...documentIds].sort((a, b) => a - b), fold);
  // A file that now goes through is no longer a failure, nor is an older failure at its path.
  clearIngestErrors(db, file.source.path, file.source.hash);
  // The search index is written by the caller: with the file, or with its group (ctx.search).
  return { stored: { fileId, documentIds, replaced: previous !== undefined }, searchRows };
}

function writeDocument(db: Db, fileId: number, doc: VbDocument, ctx: StoreContext, sectionIds: Map<string, number>, searchRows: [number, string][], kind: CopyKind): number {
  const h = doc.header;
  const documentId = Number(
    prepare(db,
        `INSERT INTO documents (file_id, idx, char_start, char_end, type, number, number_key, issued, place, issuer, issuer_parent, province, subject, pipeline_version, copy_kind)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(fileId, doc.index, doc.start, doc.end, h.type, h.number, numberKey(h.number, ctx.fold), h.issued, h.place, h.issuer, h.issuerParent, h.province, h.subject, ctx.pipelineVersion, kind)
      .lastInsertRowid,
  );
  // Its own work until joinWorks finds the work it is a copy of.
  prepare(db, 'UPDATE documents SET work_id = id WHERE id = ?').run(documentId);
  const insSigner = prepare(db, 'INSERT INTO document_signers (document_id, ord, name, title, authority) VALUES (?, ?, ?, ?, ?)');
  h.signers.forEach((s, i) => insSigner.run(documentId, i, s.name, s.title, s.authority));
  const insRecipient = prepare(db, 'INSERT INTO document_recipients (document_id, kind, ord, name) VALUES (?, ?, ?, ?)');
  h.recipients.forEach((r, i) => insRecipient.run(documentId, 'recipient', i, r));
  h.distribution.forEach((r, i) => insRecipient.run(documentId, 'distribution', i, r));

  const insSection = prepare(db,
    `INSERT INTO sections (document_id, key, parent_id, kind, label, heading, text, ord, depth, char_start, char_end, page, box)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const local = new Map<string, number>();
  const parentLater: typeof doc.sections = [];
  for (const s of doc.sections) {
    // A parent listed before its child (the usual order) is linked on insert; others below.
    const parent = s.parent === null ? null : (local.get(s.parent) ?? null);
    if (s.parent !== null && parent === null) parentLater.push(s);
    const id = Number(insSection.run(documentId, s.id, parent, s.kind, s.label, s.heading, s.text, s.order, s.depth, s.start, s.end, s.page, boxText(s.box)).lastInsertRowid);
    local.set(s.id, id);
    sectionIds.set(s.id, id);
    const body = sectionSearchText(s.heading, s.text);
    if (body.trim()) searchRows.push([id, ctx.fold(body)]);
  }
  const setParent = prepare(db, 'UPDATE sections SET parent_id = ? WHERE id = ?');
  for (const s of parentLater) {
    const parent = local.get(s.parent!);
    if (parent !== undefined) setParent.run(parent, local.get(s.id));
  }

  const insTable = prepare(db, 'INSERT INTO tables (document_id, key, section_id, columns, char_start, char_end, page, box) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insRow = prepare(db, 'INSERT INTO table_rows (table_id, row_index, kind, label, grp, char_start, char_end, page, box) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insCell = prepare(db, 'INSERT INTO table_cells (row_id, col_index, col, text) VALUES (?, ?, ?, ?)');
  for (const t of doc.tables) {
    const sectionId = t.section === null ? null : (local.get(t.section) ?? sectionIds.get(t.section) ?? null);
    const tableId = Number(insTable.run(documentId, t.id, sectionId, JSON.stringify(t.columns), t.start, t.end, t.page, boxText(t.box)).lastInsertRowid);
    for (const r of t.rows) {
      const rowId = Number(insRow.run(tableId, r.index, r.kind, r.label, r.group, r.start, r.end, r.page, boxText(r.box)).lastInsertRowid);
      r.cells.forEach((c, i) => insCell.run(rowId, i, c.column, c.text));
    }
  }
  return documentId;
}

/** INSERT statement for these columns, placeholders generated so they always match. */
function insertInto(db: Db, table: string, columns: string[]) {
  return prepare(db, `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
}

const PROV_COLUMNS = ['document_id', 'section_id', 'char_start', 'char_end', 'page', 'box'];

/** A box as the `box` columns keep it: JSON [x0, y0, x1, y1] (migration 11), NULL for none. */
export function boxText(box: Box | null | undefined): string | null {
  return box ? JSON.stringify(box) : null;
}

function writeEntities(db: Db, fileId: number, documentId: number, doc: VbDocument, fold: Fold, sectionIds: Map<string, number>): void {
  const prov = (p: Provenance) => [documentId, p.section === null ? null : (sectionIds.get(p.section) ?? null), p.start, p.end, p.page, boxText(p.box)] as const;
  const ins = (table: string, columns: string[]) => insertInto(db, table, [...PROV_COLUMNS, ...columns]);

  // Every document of the file is written by now, so a citation finds its target as it is
  // written (one write per row, not an insert and then an update).
  const refColumns = [...PROV_COLUMNS, 'ord', 'number', 'number_key', 'type', 'name', 'issued', 'issuer', 'subject', 'relation', 'text'];
  const insRef = prepare(db,
    `INSERT INTO doc_references (${refColumns.join(', ')}, target_document_id)
     VALUES (${refColumns.map(() => '?').join(', ')}, ${targetOf('?', '?', '?')})`,
  );
  doc.references.forEach((r, i) => {
    const key = numberKey(r.number, fold);
    insRef.run(...prov(r.prov), i, r.number, key, r.type, r.name, r.issued, r.issuer, r.subject, r.relation, r.text, key, documentId, fileId);
  });
  const insAgency = ins('agencies', ['ord', 'text', 'canonical', 'kind', 'province']);
  doc.agencies.forEach((a, i) => insAgency.run(...prov(a.prov), i, a.text, a.canonical, a.kind, a.province));
  const insDate = ins('dates', ['ord', 'text', 'kind', 'date_from', 'date_to', 'recurrence']);
  doc.dates.forEach((d, i) => insDate.run(...prov(d.prov), i, d.text, d.kind, d.start, d.end, d.recurrence));
  const insTarget = ins('targets', ['ord', 'value', 'unit', 'comparator', 'subject', 'deadline', 'deadline_inferred', 'text']);
  doc.targets.forEach((t, i) => insTarget.run(...prov(t.prov), i, t.value, t.unit, t.comparator, t.subject, t.deadline, t.deadlineInferred ? 1 : 0, t.text));
  const insTask = ins('tasks', ['ord', 'content', 'date_from', 'due', 'recurrence', 'outputs', 'grp', 'source']);
  const insTaskAgency = insertInto(db, 'task_agencies', ['task_id', 'role', 'ord', 'agency']);
  doc.tasks.forEach((t, i) => {
    const taskId = Number(insTask.run(...prov(t.prov), i, t.content, t.start, t.due, t.recurrence, t.outputs, t.group, t.source).lastInsertRowid);
    t.lead.forEach((a, j) => insTaskAgency.run(taskId, 'lead' satisfies TaskRole, j, a));
    t.partners.forEach((a, j) => insTaskAgency.run(taskId, 'partner' satisfies TaskRole, j, a));
  });
  const insPerson = ins('persons', ['ord', 'name', 'title']);
  doc.persons.forEach((p, i) => insPerson.run(...prov(p.prov), i, p.name, p.title));
}
