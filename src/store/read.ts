/**
 * Reading stored files back into the document model. `readFile(db, hash)` returns the same
 * `VbFile` that was stored (the round trip is tested), so every consumer of the model —
 * JSON export, evaluation, reprocessing from stored text — works on stored data too.
 */
import type { DocLink, Provenance, Section, Table, TaskRole, VbDocument, VbFile } from '../../schemas/document.ts';
import type { Db } from './db.ts';
import { MODEL_DEPENDENT } from './write.ts';
import type { Box } from '../../schemas/ocr.ts';
import { all, get, runSqlite, type Q } from './sql.ts';

/** A `box` column read back (boxText's JSON) as the model has it: `{ box }`, or nothing for none. */
function boxOf(v: string | null | undefined): { box?: Box } {
  return v ? { box: JSON.parse(v) as Box } : {};
}

type Row = Record<string, any>;

export interface FileSummary {
  id: number;
  hash: string;
  path: string;
  mediaType: string;
  size: number;
  pipelineVersion: string;
  /** Id of the archive model it was restored with; null: none (the shipped model alone, or restoration off). */
  lmModel: string | null;
  documents: number;
}

/**
 * Stored files, all or those made another way than the current one: by another pipeline
 * version, or with another archive model (`lmModelNot`: the current model's id, null for none),
 * of those another model could read otherwise (MODEL_DEPENDENT).
 */
export function listFiles(db: Db, where: { pipelineVersionNot?: string; lmModelNot?: string | null } = {}): FileSummary[] {
  return runSqlite(db, listFilesQ(where));
}

export function* listFilesQ(where: { pipelineVersionNot?: string; lmModelNot?: string | null } = {}): Q<FileSummary[]> {
  const conds: string[] = [];
  const params: Record<string, unknown> = {};
  if (where.pipelineVersionNot !== undefined) (conds.push('f.pipeline_version <> @v'), (params.v = where.pipelineVersionNot));
  if (where.lmModelNot !== undefined) (conds.push(`f.lm_model IS NOT @m AND ${MODEL_DEPENDENT}`), (params.m = where.lmModelNot));
  const rows = yield* all(
    `SELECT f.id, f.hash, f.path, f.media_type, f.size, f.pipeline_version, f.lm_model,
            (SELECT count(*) FROM documents d WHERE d.file_id = f.id) AS documents
     FROM files f ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''} ORDER BY f.path, f.hash`,
    conds.length ? params : [],
  );
  return rows.map((r) => ({ id: r.id, hash: r.hash, path: r.path, mediaType: r.media_type, size: r.size, pipelineVersion: r.pipeline_version, lmModel: r.lm_model, documents: r.documents }));
}

export function filePaths(db: Db, fileId: number): string[] {
  return runSqlite(db, filePathsQ(fileId));
}

export function* filePathsQ(fileId: number): Q<string[]> {
  return (yield* all('SELECT path FROM file_paths WHERE file_id = ? ORDER BY path', [fileId])).map((r) => r.path);
}

/** The stored file with these bytes' hash, as the document model; undefined when not stored. */
export function readFile(db: Db, hash: string): VbFile | undefined {
  return runSqlite(db, readFileQ(hash));
}

export function* readFileQ(hash: string): Q<VbFile | undefined> {
  const f = yield* get('SELECT * FROM files WHERE hash = ?', [hash]);
  if (!f) return undefined;
  const docRows = yield* all('SELECT * FROM documents WHERE file_id = ? ORDER BY idx', [f.id]);
  const sectionKey = new Map<number, string>();
  for (const r of yield* all('SELECT s.id, s.key FROM sections s JOIN documents d ON d.id = s.document_id WHERE d.file_id = ?', [f.id])) {
    sectionKey.set(r.id, r.key);
  }
  const docIndex = new Map<number, number>(docRows.map((d) => [d.id, d.idx]));
  const documents: VbDocument[] = [];
  for (const d of docRows) documents.push(yield* readDocument(d, sectionKey, docIndex));
  const messages = (yield* all('SELECT * FROM messages WHERE file_id = ? ORDER BY ord', [f.id])).map((m) => ({
    stage: m.stage,
    ruleId: m.rule,
    reason: m.reason,
    severity: m.severity,
    start: m.char_start,
    end: m.char_end,
    page: m.page,
  }));
  const pageRows = yield* all('SELECT * FROM pages WHERE file_id = ? ORDER BY page', [f.id]);
  const pageLines: Row[][] = [];
  for (const p of pageRows) pageLines.push(yield* all('SELECT * FROM page_lines WHERE file_id = ? AND page = ? ORDER BY ord', [f.id, p.page]));
  const restored = yield* all('SELECT * FROM restored_tokens WHERE file_id = ? ORDER BY id', [f.id]);
  return {
    source: { path: f.path, hash: f.hash, size: f.size, mediaType: f.media_type, encoding: f.encoding },
    original: f.original,
    text: f.text,
    pages: pageRows.map((p, i) => {
      const lines = pageLines[i]!.map((l) => ({ start: l.char_start, end: l.char_end, box: [l.x0, l.y0, l.x1, l.y1] as Box, confidence: l.confidence }));
      return {
        page: p.page,
        start: p.char_start,
        end: p.char_end,
        method: p.method,
        confidence: p.confidence,
        // As the ocr stage gave them: absent when it gave none.
        ...(p.width !== null && p.width !== undefined ? { width: p.width } : {}),
        ...(p.height !== null && p.height !== undefined ? { height: p.height } : {}),
        ...(p.dpi !== null && p.dpi !== undefined ? { dpi: p.dpi } : {}),
        ...(lines.length ? { lines } : {}),
      };
    }),
    restored: restored.map((t) => ({
      start: t.char_start,
      end: t.char_end,
      original: t.original,
      restored: t.restored,
      confidence: t.confidence,
    })),
    documents,
    messages,
  };
}

function* readDocument(d: Row, sectionKey: Map<number, string>, docIndex: Map<number, number>): Q<VbDocument> {
  const prov = (r: Row): Provenance => ({
    start: r.char_start,
    end: r.char_end,
    page: r.page,
    section: r.section_id === null ? null : (sectionKey.get(r.section_id) ?? null),
    ...boxOf(r.box),
  });
  const rows = (sql: string) => all(sql, [d.id]);
  const r0 = yield* rows('SELECT kind, name FROM document_recipients WHERE document_id = ? ORDER BY kind, ord');
  const r1 = yield* rows('SELECT * FROM sections WHERE document_id = ? ORDER BY id');
  const r2 = yield* rows('SELECT * FROM tables WHERE document_id = ? ORDER BY id');
  const r3 = yield* rows('SELECT target_document_id, kind FROM document_links WHERE document_id = ? ORDER BY target_document_id, kind');
  const r4 = yield* rows('SELECT name, title, authority FROM document_signers WHERE document_id = ? ORDER BY ord');
  const r5 = yield* rows('SELECT * FROM doc_references WHERE document_id = ? ORDER BY ord');
  const r6 = yield* rows('SELECT * FROM agencies WHERE document_id = ? ORDER BY ord');
  const r7 = yield* rows('SELECT * FROM dates WHERE document_id = ? ORDER BY ord');
  const r8 = yield* rows('SELECT * FROM targets WHERE document_id = ? ORDER BY ord');
  const r9 = yield* rows('SELECT * FROM tasks WHERE document_id = ? ORDER BY ord');
  const r10 = yield* rows('SELECT * FROM persons WHERE document_id = ? ORDER BY ord');
  const recipients = r0;
  const tableRows = new Map<number, Row[]>();
  const rowCells = new Map<number, Row[]>();
  for (const t of r2) {
    const rs = yield* all('SELECT * FROM table_rows WHERE table_id = ? ORDER BY row_index', [t.id]);
    tableRows.set(t.id, rs);
    for (const r of rs) rowCells.set(r.id, yield* all('SELECT col, text FROM table_cells WHERE row_id = ? ORDER BY col_index', [r.id]));
  }
  const agenciesOf = new Map<string, string[]>();
  for (const t of r9) {
    for (const role of ['lead', 'partner'] satisfies TaskRole[]) {
      agenciesOf.set(`${t.id} ${role}`, (yield* all('SELECT agency FROM task_agencies WHERE task_id = ? AND role = ? ORDER BY ord', [t.id, role])).map((a) => a.agency));
    }
  }

  const sections: Section[] = r1.map((s) => ({
    id: s.key,
    parent: s.parent_id === null ? null : (sectionKey.get(s.parent_id) ?? null),
    kind: s.kind,
    label: s.label,
    heading: s.heading,
    text: s.text,
    order: s.ord,
    depth: s.depth,
    start: s.char_start,
    end: s.char_end,
    page: s.page,
    ...boxOf(s.box),
  }));
  const tables: Table[] = r2.map((t) => ({
    id: t.key,
    section: t.section_id === null ? null : (sectionKey.get(t.section_id) ?? null),
    columns: JSON.parse(t.columns),
    rows: tableRows.get(t.id)!.map((r) => ({
      index: r.row_index,
      kind: r.kind,
      label: r.label,
      group: r.grp,
      cells: rowCells.get(r.id)!.map((c) => ({
        column: c.col,
        text: c.text,
      })),
      start: r.char_start,
      end: r.char_end,
      page: r.page,
      ...boxOf(r.box),
    })),
    start: t.char_start,
    end: t.char_end,
    page: t.page,
    ...boxOf(t.box),
  }));
  const links: DocLink[] = r3.map(
    (l) => ({ kind: l.kind, target: docIndex.get(l.target_document_id) ?? -1 }),
  );
  return {
    index: d.idx,
    start: d.char_start,
    end: d.char_end,
    header: {
      type: d.type,
      number: d.number,
      issued: d.issued,
      place: d.place,
      issuer: d.issuer,
      issuerParent: d.issuer_parent,
      province: d.province ?? null,
      subject: d.subject,
      signers: r4.map((s) => ({
        name: s.name,
        title: s.title,
        authority: s.authority,
      })),
      recipients: recipients.filter((r) => r.kind === 'recipient').map((r) => r.name),
      distribution: recipients.filter((r) => r.kind === 'distribution').map((r) => r.name),
    },
    links,
    sections,
    tables,
    references: r5.map((r) => ({
      number: r.number,
      type: r.type,
      name: r.name,
      issued: r.issued,
      issuer: r.issuer,
      subject: r.subject,
      relation: r.relation,
      text: r.text,
      prov: prov(r),
    })),
    agencies: r6.map((a) => ({
      text: a.text,
      canonical: a.canonical,
      kind: a.kind,
      province: a.province,
      prov: prov(a),
    })),
    dates: r7.map((x) => ({
      text: x.text,
      kind: x.kind,
      start: x.date_from,
      end: x.date_to,
      recurrence: x.recurrence,
      prov: prov(x),
    })),
    targets: r8.map((t) => ({
      value: t.value,
      unit: t.unit,
      comparator: t.comparator,
      subject: t.subject,
      deadline: t.deadline,
      text: t.text,
      prov: prov(t),
    })),
    tasks: r9.map((t) => ({
      content: t.content,
      lead: agenciesOf.get(`${t.id} lead`)!,
      partners: agenciesOf.get(`${t.id} partner`)!,
      start: t.date_from,
      due: t.due,
      recurrence: t.recurrence,
      outputs: t.outputs,
      group: t.grp,
      source: t.source,
      prov: prov(t),
    })),
    persons: r10.map((p) => ({ name: p.name, title: p.title, prov: prov(p) })),
  };
}

/**
 * A canonical dump of the whole database: every stored file as the document model (sorted by
 * hash), the paths, the resolved citations by natural key, and the ingest errors — no row ids
 * and no timestamps, so two databases holding the same data dump identically whatever the
 * order they were written in.
 */
export function canonicalDump(db: Db): unknown {
  return runSqlite(db, canonicalDumpQ());
}

export function* canonicalDumpQ(): Q<unknown> {
  const files = [];
  for (const f of yield* all('SELECT id, hash, pipeline_version, lm_model FROM files ORDER BY hash')) {
    files.push({ pipelineVersion: f.pipeline_version, lmModel: f.lm_model, paths: yield* filePathsQ(f.id), file: yield* readFileQ(f.hash) });
  }
  const citations = yield* all(
    `SELECT sf.hash AS from_file, sd.idx AS from_doc, r.ord, tf.hash AS to_file, td.idx AS to_doc
     FROM doc_references r
     JOIN documents sd ON sd.id = r.document_id JOIN files sf ON sf.id = sd.file_id
     JOIN documents td ON td.id = r.target_document_id JOIN files tf ON tf.id = td.file_id
     ORDER BY from_file, from_doc, r.ord`,
  );
  const errors = yield* all('SELECT path, hash, stage, rule, reason, pipeline_version FROM ingest_errors ORDER BY path, hash, stage, rule');
  const ftsRows = (yield* get('SELECT count(*) AS n FROM sections_fts'))!.n;
  return { files, citations, errors, ftsRows };
}
