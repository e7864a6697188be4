/**
 * Reading stored files back into the document model. `readFile(db, hash)` returns the same
 * `VbFile` that was stored (the round trip is tested), so every consumer of the model —
 * JSON export, evaluation, reprocessing from stored text — works on stored data too.
 */
import type { DocLink, Provenance, Section, Table, TaskRole, VbDocument, VbFile } from '../../schemas/document.ts';
import type { Db } from './db.ts';
import { MODEL_DEPENDENT } from './write.ts';
import type { Box } from '../../schemas/ocr.ts';
import { prepareCached } from './statements.ts';

/** A `box` column read back (boxText's JSON) as the model has it: `{ box }`, or nothing for none. */
function boxOf(v: string | null | undefined): { box?: Box } {
  return v ? { box: JSON.parse(v) as Box } : {};
}

const prepareLines = (db: Db) => prepareCached(db, 'SELECT * FROM page_lines WHERE file_id = ? AND page = ? ORDER BY ord');

type Row = Record<string, any>;

export interface FileSummary {
  id: number;
  hash: string;
  path: string;
  mediaType: string;
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
  const conds: string[] = [];
  if (where.pipelineVersionNot !== undefined) conds.push('f.pipeline_version <> @v');
  if (where.lmModelNot !== undefined) conds.push(`f.lm_model IS NOT @m AND ${MODEL_DEPENDENT}`);
  return (
    db
      .prepare(
        `SELECT f.id, f.hash, f.path, f.media_type, f.pipeline_version, f.lm_model,
                (SELECT count(*) FROM documents d WHERE d.file_id = f.id) AS documents
         FROM files f ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''} ORDER BY f.path, f.hash`,
      )
      .all({ ...(where.pipelineVersionNot !== undefined ? { v: where.pipelineVersionNot } : {}), ...(where.lmModelNot !== undefined ? { m: where.lmModelNot } : {}) }) as Row[]
  ).map((r) => ({ id: r.id, hash: r.hash, path: r.path, mediaType: r.media_type, pipelineVersion: r.pipeline_version, lmModel: r.lm_model, documents: r.documents }));
}

export function filePaths(db: Db, fileId: number): string[] {
  return (db.prepare('SELECT path FROM file_paths WHERE file_id = ? ORDER BY path').all(fileId) as Row[]).map((r) => r.path);
}

/** The stored file with these bytes' hash, as the document model; undefined when not stored. */
export function readFile(db: Db, hash: string): VbFile | undefined {
  const f = db.prepare('SELECT * FROM files WHERE hash = ?').get(hash) as Row | undefined;
  if (!f) return undefined;
  const docRows = db.prepare('SELECT * FROM documents WHERE file_id = ? ORDER BY idx').all(f.id) as Row[];
  const sectionKey = new Map<number, string>();
  for (const r of db
    .prepare('SELECT s.id, s.key FROM sections s JOIN documents d ON d.id = s.document_id WHERE d.file_id = ?')
    .all(f.id) as Row[]) {
    sectionKey.set(r.id, r.key);
  }
  const docIndex = new Map<number, number>(docRows.map((d) => [d.id, d.idx]));
  const documents = docRows.map((d) => readDocument(db, d, sectionKey, docIndex));
  const messages = (db.prepare('SELECT * FROM messages WHERE file_id = ? ORDER BY ord').all(f.id) as Row[]).map((m) => ({
    stage: m.stage,
    ruleId: m.rule,
    reason: m.reason,
    severity: m.severity,
    start: m.char_start,
    end: m.char_end,
    page: m.page,
  }));
  return {
    source: { path: f.path, hash: f.hash, size: f.size, mediaType: f.media_type, encoding: f.encoding },
    original: f.original,
    text: f.text,
    pages: (db.prepare('SELECT * FROM pages WHERE file_id = ? ORDER BY page').all(f.id) as Row[]).map((p) => {
      const lines = (prepareLines(db).all(f.id, p.page) as Row[]).map((l) => ({ start: l.char_start, end: l.char_end, box: [l.x0, l.y0, l.x1, l.y1] as Box, confidence: l.confidence }));
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
    restored: (db.prepare('SELECT * FROM restored_tokens WHERE file_id = ? ORDER BY id').all(f.id) as Row[]).map((t) => ({
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

function readDocument(db: Db, d: Row, sectionKey: Map<number, string>, docIndex: Map<number, number>): VbDocument {
  const prov = (r: Row): Provenance => ({
    start: r.char_start,
    end: r.char_end,
    page: r.page,
    section: r.section_id === null ? null : (sectionKey.get(r.section_id) ?? null),
    ...boxOf(r.box),
  });
  const all = (sql: string) => db.prepare(sql).all(d.id) as Row[];

  const recipients = all('SELECT kind, name FROM document_recipients WHERE document_id = ? ORDER BY kind, ord');
  const sections: Section[] = all('SELECT * FROM sections WHERE document_id = ? ORDER BY id').map((s) => ({
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
  const tables: Table[] = all('SELECT * FROM tables WHERE document_id = ? ORDER BY id').map((t) => ({
    id: t.key,
    section: t.section_id === null ? null : (sectionKey.get(t.section_id) ?? null),
    columns: JSON.parse(t.columns),
    rows: (db.prepare('SELECT * FROM table_rows WHERE table_id = ? ORDER BY row_index').all(t.id) as Row[]).map((r) => ({
      index: r.row_index,
      kind: r.kind,
      label: r.label,
      group: r.grp,
      cells: (db.prepare('SELECT col, text FROM table_cells WHERE row_id = ? ORDER BY col_index').all(r.id) as Row[]).map((c) => ({
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
  const links: DocLink[] = all('SELECT target_document_id, kind FROM document_links WHERE document_id = ? ORDER BY target_document_id, kind').map(
    (l) => ({ kind: l.kind, target: docIndex.get(l.target_document_id) ?? -1 }),
  );
  const taskAgencies = db.prepare("SELECT agency FROM task_agencies WHERE task_id = ? AND role = ? ORDER BY ord");
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
      signers: all('SELECT name, title, authority FROM document_signers WHERE document_id = ? ORDER BY ord').map((s) => ({
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
    references: all('SELECT * FROM doc_references WHERE document_id = ? ORDER BY ord').map((r) => ({
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
    agencies: all('SELECT * FROM agencies WHERE document_id = ? ORDER BY ord').map((a) => ({
      text: a.text,
      canonical: a.canonical,
      kind: a.kind,
      province: a.province,
      prov: prov(a),
    })),
    dates: all('SELECT * FROM dates WHERE document_id = ? ORDER BY ord').map((x) => ({
      text: x.text,
      kind: x.kind,
      start: x.date_from,
      end: x.date_to,
      recurrence: x.recurrence,
      prov: prov(x),
    })),
    targets: all('SELECT * FROM targets WHERE document_id = ? ORDER BY ord').map((t) => ({
      value: t.value,
      unit: t.unit,
      comparator: t.comparator,
      subject: t.subject,
      deadline: t.deadline,
      text: t.text,
      prov: prov(t),
    })),
    tasks: all('SELECT * FROM tasks WHERE document_id = ? ORDER BY ord').map((t) => ({
      content: t.content,
      lead: (taskAgencies.all(t.id, 'lead' satisfies TaskRole) as Row[]).map((a) => a.agency),
      partners: (taskAgencies.all(t.id, 'partner' satisfies TaskRole) as Row[]).map((a) => a.agency),
      start: t.date_from,
      due: t.due,
      recurrence: t.recurrence,
      outputs: t.outputs,
      group: t.grp,
      source: t.source,
      prov: prov(t),
    })),
    persons: all('SELECT * FROM persons WHERE document_id = ? ORDER BY ord').map((p) => ({ name: p.name, title: p.title, prov: prov(p) })),
  };
}

/**
 * A canonical dump of the whole database: every stored file as the document model (sorted by
 * hash), the paths, the resolved citations by natural key, and the ingest errors — no row ids
 * and no timestamps, so two databases holding the same data dump identically whatever the
 * order they were written in.
 */
export function canonicalDump(db: Db): unknown {
  const files = (db.prepare('SELECT id, hash, pipeline_version, lm_model FROM files ORDER BY hash').all() as Row[]).map((f) => ({
    pipelineVersion: f.pipeline_version,
    lmModel: f.lm_model,
    paths: filePaths(db, f.id),
    file: readFile(db, f.hash),
  }));
  const citations = db
    .prepare(
      `SELECT sf.hash AS from_file, sd.idx AS from_doc, r.ord, tf.hash AS to_file, td.idx AS to_doc
       FROM doc_references r
       JOIN documents sd ON sd.id = r.document_id JOIN files sf ON sf.id = sd.file_id
       JOIN documents td ON td.id = r.target_document_id JOIN files tf ON tf.id = td.file_id
       ORDER BY from_file, from_doc, r.ord`,
    )
    .all();
  const errors = db.prepare('SELECT path, hash, stage, rule, reason, pipeline_version FROM ingest_errors ORDER BY path, hash, stage, rule').all();
  const ftsRows = (db.prepare('SELECT count(*) AS n FROM sections_fts').get() as Row).n;
  return { files, citations, errors, ftsRows };
}
