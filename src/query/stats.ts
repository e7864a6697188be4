/**
 * What the archive holds: counts of files, documents and entities, how text was obtained,
 * how many citations resolve to stored documents, and what went wrong.
 */
import type { Database } from 'better-sqlite3';
import type { Count, StatsOutput } from '../../schemas/query.ts';

function one(db: Database, sql: string): number {
  return ((db.prepare(sql).get() as { n: number | null }).n ?? 0) as number;
}

function counts(db: Database, sql: string): Count[] {
  return db.prepare(sql).all() as Count[];
}

export function stats(db: Database, top = 10): StatsOutput {
  const pages = Object.fromEntries((db.prepare('SELECT method, count(*) AS n FROM pages GROUP BY method').all() as { method: string; n: number }[]).map((r) => [r.method, r.n]));
  const sev = Object.fromEntries((db.prepare('SELECT severity, count(*) AS n FROM messages GROUP BY severity').all() as { severity: string; n: number }[]).map((r) => [r.severity, r.n]));
  const issued = db.prepare('SELECT min(issued) AS first, max(issued) AS last FROM documents').get() as StatsOutput['issued'];
  return {
    files: one(db, 'SELECT count(*) AS n FROM files'),
    documents: one(db, 'SELECT count(*) AS n FROM documents'),
    pages: { text: pages.text ?? 0, textlayer: pages.textlayer ?? 0, ocr: pages.ocr ?? 0 },
    restoredTokens: one(db, 'SELECT count(*) AS n FROM restored_tokens'),
    sections: one(db, 'SELECT count(*) AS n FROM sections'),
    tables: one(db, 'SELECT count(*) AS n FROM tables'),
    tableRows: one(db, 'SELECT count(*) AS n FROM table_rows'),
    entities: {
      references: one(db, 'SELECT count(*) AS n FROM doc_references'),
      agencies: one(db, 'SELECT count(*) AS n FROM agencies'),
      dates: one(db, 'SELECT count(*) AS n FROM dates'),
      targets: one(db, 'SELECT count(*) AS n FROM targets'),
      tasks: one(db, 'SELECT count(*) AS n FROM tasks'),
      taskAgencies: one(db, 'SELECT count(*) AS n FROM task_agencies'),
      persons: one(db, 'SELECT count(*) AS n FROM persons'),
    },
    citations: {
      total: one(db, 'SELECT count(*) AS n FROM doc_references'),
      numbered: one(db, 'SELECT count(*) AS n FROM doc_references WHERE number_key IS NOT NULL'),
      resolved: one(db, 'SELECT count(*) AS n FROM doc_references WHERE target_document_id IS NOT NULL'),
    },
    documentsByType: counts(db, 'SELECT type AS key, count(*) AS count FROM documents GROUP BY type ORDER BY count DESC, type'),
    documentsByProvince: counts(db, 'SELECT province AS key, count(*) AS count FROM v_documents GROUP BY province ORDER BY count DESC, province'),
    documentsByYear: counts(db, 'SELECT substr(issued, 1, 4) AS key, count(*) AS count FROM documents GROUP BY key ORDER BY key'),
    topIssuers: counts(db, `SELECT issuer AS key, count(*) AS count FROM documents GROUP BY issuer ORDER BY count DESC, issuer LIMIT ${Math.max(1, Math.floor(top))}`),
    messages: { error: sev.error ?? 0, warning: sev.warning ?? 0, info: sev.info ?? 0 },
    ingestErrors: one(db, 'SELECT count(*) AS n FROM ingest_errors'),
    pipelineVersions: counts(db, 'SELECT pipeline_version AS key, count(*) AS count FROM documents GROUP BY pipeline_version ORDER BY pipeline_version'),
    issued,
  };
}
