/**
 * What the archive holds: counts of files, documents and entities, how text was obtained,
 * how many citations resolve to stored documents, and what went wrong.
 */
import type { Database } from 'better-sqlite3';
import type { Count, StatsOutput } from '../../schemas/query.ts';
import { ENGINE_RULE_PREFIX } from '../../schemas/vocabulary.ts';

function one(db: Database, sql: string): number {
  return ((db.prepare(sql).get() as { n: number | null }).n ?? 0) as number;
}

function counts(db: Database, sql: string): Count[] {
  return db.prepare(sql).all() as Count[];
}

/**
 * OCR'd pages by the engine that read them (the ocr stage's engine-* info message of each file);
 * pages stored before engines were recorded have a null key.
 */
function ocrEngines(db: Database, ocrPages: number): Count[] {
  const rows = counts(
    db,
    `SELECT substr(m.rule, ${ENGINE_RULE_PREFIX.length + 1}) AS key, count(*) AS count
     FROM messages m JOIN pages p ON p.file_id = m.file_id AND p.method = 'ocr'
     WHERE m.stage = 'ocr' AND m.rule LIKE '${ENGINE_RULE_PREFIX}%' GROUP BY key ORDER BY key`,
  );
  const unknown = ocrPages - rows.reduce((a, r) => a + r.count, 0);
  return unknown > 0 ? [...rows, { key: null, count: unknown }] : rows;
}

/**
 * Documents are counted once each (one per work, through its primary copy), and so are their
 * entities; `copies` counts every stored copy. Files, pages and messages are what was stored.
 */
export function stats(db: Database, top = 10, opts: { copies?: boolean } = {}): StatsOutput {
  const pages = Object.fromEntries((db.prepare('SELECT method, count(*) AS n FROM pages GROUP BY method').all() as { method: string; n: number }[]).map((r) => [r.method, r.n]));
  const sev = Object.fromEntries((db.prepare('SELECT severity, count(*) AS n FROM messages GROUP BY severity').all() as { severity: string; n: number }[]).map((r) => [r.severity, r.n]));
  // The documents counted: works (their primary copies), or every copy.
  const docs = opts.copies ? 'documents' : '(SELECT * FROM documents WHERE coalesce(work_id, id) = id)';
  const view = opts.copies ? 'v_document_copies' : 'v_documents';
  const of = (table: string, where = '') => one(db, `SELECT count(*) AS n FROM ${table} x WHERE ${opts.copies ? '1' : 'x.document_id IN (SELECT document_id FROM v_documents)'}${where}`);
  const issued = db.prepare(`SELECT min(issued) AS first, max(issued) AS last FROM ${docs}`).get() as StatsOutput['issued'];
  return {
    files: one(db, 'SELECT count(*) AS n FROM files'),
    documents: one(db, `SELECT count(*) AS n FROM ${docs}`),
    copies: one(db, 'SELECT count(*) AS n FROM documents'),
    pages: { text: pages.text ?? 0, textlayer: pages.textlayer ?? 0, ocr: pages.ocr ?? 0 },
    ocrEngines: ocrEngines(db, pages.ocr ?? 0),
    restoredTokens: one(db, 'SELECT count(*) AS n FROM restored_tokens'),
    sections: of('sections'),
    tables: of('tables'),
    tableRows: one(db, `SELECT count(*) AS n FROM table_rows r JOIN tables x ON x.id = r.table_id WHERE ${opts.copies ? '1' : 'x.document_id IN (SELECT document_id FROM v_documents)'}`),
    entities: {
      references: of('doc_references'),
      agencies: of('agencies'),
      dates: of('dates'),
      targets: of('targets'),
      tasks: of('tasks'),
      taskAgencies: one(db, `SELECT count(*) AS n FROM task_agencies ta JOIN tasks x ON x.id = ta.task_id WHERE ${opts.copies ? '1' : 'x.document_id IN (SELECT document_id FROM v_documents)'}`),
      persons: of('persons'),
    },
    citations: {
      total: of('doc_references'),
      numbered: of('doc_references', ' AND x.number_key IS NOT NULL'),
      resolved: of('doc_references', ' AND x.target_document_id IS NOT NULL'),
    },
    documentsByType: counts(db, `SELECT type AS key, count(*) AS count FROM ${docs} GROUP BY type ORDER BY count DESC, type`),
    documentsByProvince: counts(db, `SELECT province AS key, count(*) AS count FROM ${view} GROUP BY province ORDER BY count DESC, province`),
    documentsByYear: counts(db, `SELECT substr(issued, 1, 4) AS key, count(*) AS count FROM ${docs} GROUP BY key ORDER BY key`),
    topIssuers: counts(db, `SELECT issuer AS key, count(*) AS count FROM ${docs} GROUP BY issuer ORDER BY count DESC, issuer LIMIT ${Math.max(1, Math.floor(top))}`),
    messages: { error: sev.error ?? 0, warning: sev.warning ?? 0, info: sev.info ?? 0 },
    ingestErrors: one(db, 'SELECT count(*) AS n FROM ingest_errors'),
    pipelineVersions: counts(db, `SELECT pipeline_version AS key, count(*) AS count FROM ${docs} GROUP BY pipeline_version ORDER BY pipeline_version`),
    issued,
  };
}
