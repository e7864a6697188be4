/**
 * What the archive holds: counts of files, documents and entities, how text was obtained,
 * how many citations resolve to stored documents, and what went wrong.
 */
import type { Database } from 'better-sqlite3';
import type { Count, StatsOutput } from '../../schemas/query.ts';
import { ENGINE_RULE_PREFIX } from '../../schemas/vocabulary.ts';
import { all, get, runSqlite, type Q } from '../store/sql.ts';

function* one(sql: string): Q<number> {
  return ((yield* get<{ n: number | null }>(sql))?.n ?? 0) as number;
}

function counts(sql: string): Q<Count[]> {
  return all<Count>(sql);
}

/**
 * OCR'd pages by the engine that read them (the ocr stage's engine-* info message of each file);
 * pages stored before engines were recorded have a null key.
 */
function* ocrEngines(ocrPages: number): Q<Count[]> {
  const rows = yield* counts(
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
  return runSqlite(db, statsQ(top, opts));
}

export function* statsQ(top = 10, opts: { copies?: boolean } = {}): Q<StatsOutput> {
  const pages = Object.fromEntries((yield* all<{ method: string; n: number }>('SELECT method, count(*) AS n FROM pages GROUP BY method')).map((r) => [r.method, r.n]));
  const sev = Object.fromEntries((yield* all<{ severity: string; n: number }>('SELECT severity, count(*) AS n FROM messages GROUP BY severity')).map((r) => [r.severity, r.n]));
  // The documents counted: works (their primary copies), or every copy.
  const docs = opts.copies ? 'documents' : '(SELECT * FROM documents WHERE coalesce(work_id, id) = id) w';
  const view = opts.copies ? 'v_document_copies' : 'v_documents';
  const all1 = opts.copies ? '1 = 1' : 'x.document_id IN (SELECT document_id FROM v_documents)';
  const of = (table: string, where = '') => one(`SELECT count(*) AS n FROM ${table} x WHERE ${all1}${where}`);
  const issued = (yield* get(`SELECT min(issued) AS first, max(issued) AS last FROM ${docs}`)) as StatsOutput['issued'];
  return {
    files: yield* one('SELECT count(*) AS n FROM files'),
    documents: yield* one(`SELECT count(*) AS n FROM ${docs}`),
    copies: yield* one('SELECT count(*) AS n FROM documents'),
    pages: { text: pages.text ?? 0, textlayer: pages.textlayer ?? 0, ocr: pages.ocr ?? 0 },
    ocrEngines: yield* ocrEngines(pages.ocr ?? 0),
    restoredTokens: yield* one('SELECT count(*) AS n FROM restored_tokens'),
    sections: yield* of('sections'),
    tables: yield* of('tables'),
    tableRows: yield* one(`SELECT count(*) AS n FROM table_rows r JOIN tables x ON x.id = r.table_id WHERE ${all1}`),
    entities: {
      references: yield* of('doc_references'),
      agencies: yield* of('agencies'),
      dates: yield* of('dates'),
      targets: yield* of('targets'),
      tasks: yield* of('tasks'),
      taskAgencies: yield* one(`SELECT count(*) AS n FROM task_agencies ta JOIN tasks x ON x.id = ta.task_id WHERE ${all1}`),
      persons: yield* of('persons'),
    },
    citations: {
      total: yield* of('doc_references'),
      numbered: yield* of('doc_references', ' AND x.number_key IS NOT NULL'),
      resolved: yield* of('doc_references', ' AND x.target_document_id IS NOT NULL'),
    },
    documentsByType: yield* counts(`SELECT type AS key, count(*) AS count FROM ${docs} GROUP BY type ORDER BY count DESC, type`),
    documentsByProvince: yield* counts(`SELECT province AS key, count(*) AS count FROM ${view} GROUP BY province ORDER BY count DESC, province`),
    documentsByYear: yield* counts(`SELECT substr(issued, 1, 4) AS key, count(*) AS count FROM ${docs} GROUP BY key ORDER BY key`),
    topIssuers: yield* counts(`SELECT issuer AS key, count(*) AS count FROM ${docs} GROUP BY issuer ORDER BY count DESC, issuer LIMIT ${Math.max(1, Math.floor(top))}`),
    messages: { error: sev.error ?? 0, warning: sev.warning ?? 0, info: sev.info ?? 0 },
    ingestErrors: yield* one('SELECT count(*) AS n FROM ingest_errors'),
    pipelineVersions: yield* counts(`SELECT pipeline_version AS key, count(*) AS count FROM ${docs} GROUP BY pipeline_version ORDER BY pipeline_version`),
    issued,
  };
}
