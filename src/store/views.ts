/**
 * SQL views for the questions analysts ask most (who does what by when, who cites what, which
 * targets fall due when), so they can query the archive from any SQLite client without
 * learning the normalised schema. Views only read the base tables: they are always current.
 *
 * The views are applied by a migration (see `QUERY_VIEWS_MIGRATION`); a later change to a view
 * is a new migration that drops and recreates it, never an edit of the SQL below.
 *
 * Compatibility: no `group_concat(… ORDER BY …)` (SQLite 3.44+) and no window functions, so an
 * analyst's older `sqlite3` shell can read the views too.
 */
import { dataPath } from '../lib/root.ts';
import { ProvinceRow, type Province } from '../knowledge/gazetteer.ts';
import { readTable } from '../knowledge/table.ts';
import type { Database } from 'better-sqlite3';
import type { TaskRole } from '../../schemas/document.ts';
import type { Migration } from './migrations.ts';

const PROVINCES_TSV = dataPath('gazetteer', 'provinces.tsv');

/**
 * The province a document belongs to: the province named after a locality word ("tỉnh",
 * "thành phố", "Tỉnh ủy", "Thành ủy") in its issuer or the issuer's parent. Central bodies
 * ("Văn phòng Chính phủ") have none. Requiring the locality word keeps "Đoàn Thanh niên Cộng sản
 * Hồ Chí Minh" out of Hồ Chí Minh city.
 */
const DOCUMENT_PROVINCE = (d: string) => `(
  SELECT p.name FROM provinces p
  WHERE instr(' ' || coalesce(${d}.issuer, '') || ' | ' || coalesce(${d}.issuer_parent, '') || ' ', ' tỉnh ' || p.name) > 0
     OR instr(' ' || coalesce(${d}.issuer, '') || ' | ' || coalesce(${d}.issuer_parent, '') || ' ', ' thành phố ' || p.name) > 0
     OR instr(' ' || coalesce(${d}.issuer, '') || ' | ' || coalesce(${d}.issuer_parent, '') || ' ', ' Thành phố ' || p.name) > 0
     OR instr(' ' || coalesce(${d}.issuer, '') || ' | ' || coalesce(${d}.issuer_parent, '') || ' ', ' Tỉnh ủy ' || p.name) > 0
     OR instr(' ' || coalesce(${d}.issuer, '') || ' | ' || coalesce(${d}.issuer_parent, '') || ' ', ' Thành ủy ' || p.name) > 0
  ORDER BY length(p.name) DESC LIMIT 1)`;

/** Agencies of one role of a task, in order, joined with "; " (names contain commas). */
const TASK_AGENCIES = (role: TaskRole) => `(
  SELECT group_concat(agency, '; ') FROM (
    SELECT ta.agency FROM task_agencies ta WHERE ta.task_id = t.id AND ta.role = '${role}' ORDER BY ta.ord))`;

// The views as the latest migration leaves them, in SQL both engines read (the PostgreSQL schema,
// pg-schema.ts, creates them from these); where the spelling differs the engine's part is passed in.

/** One row per task, with its lead and partner agencies (`agencies`: the engine's string aggregate) and its document. */
export const vTasks = (agencies: (role: TaskRole) => string) => `CREATE VIEW v_tasks AS
SELECT t.id AS task_id, t.document_id,
       vd.number AS document_number, vd.type AS document_type, vd.issuer, vd.issued, vd.province, vd.file_path,
       t.ord, t.grp, t.content,
       ${agencies('lead')} AS lead,
       ${agencies('partner')} AS partners,
       t.date_from, t.due, t.recurrence, t.outputs, t.source,
       t.section_id, t.char_start, t.char_end, t.page
FROM tasks t JOIN v_documents vd ON vd.document_id = t.document_id;`;

/** One row per (task, agency, role): filter on agency without splitting strings. */
export const V_TASK_AGENCIES = `CREATE VIEW v_task_agencies AS
SELECT t.id AS task_id, ta.role, ta.ord AS agency_ord, ta.agency,
       t.document_id, vd.number AS document_number, vd.type AS document_type, vd.issuer, vd.issued, vd.province,
       t.content, t.date_from, t.due, t.recurrence
FROM task_agencies ta
JOIN tasks t ON t.id = ta.task_id
JOIN v_documents vd ON vd.document_id = t.document_id;`;

/** The works (one row per document, through its primary copy) with their number of copies. */
export const V_DOCUMENTS = `CREATE VIEW v_documents AS
SELECT d.id AS document_id, d.file_id, f.path AS file_path, f.hash AS file_hash, d.idx,
       d.type, d.number, d.issued, d.place, d.issuer, d.issuer_parent, d.province,
       d.subject, d.pipeline_version,
       d.id AS work_id, (SELECT count(*) FROM documents c WHERE c.work_id = d.id) AS copies
FROM documents d JOIN files f ON f.id = d.file_id
WHERE coalesce(d.work_id, d.id) = d.id;`;

/** Citation edges; the cited document is the work, whichever copy the citation found. */
export const V_CITATIONS = `CREATE VIEW v_citations AS
SELECT r.id AS reference_id,
       r.document_id AS citing_document_id, vd.number AS citing_number, vd.type AS citing_type,
       vd.issuer AS citing_issuer, vd.issued AS citing_issued, vd.province AS citing_province,
       r.relation,
       r.number AS cited_number, r.number_key AS cited_number_key, r.type AS cited_type, r.name AS cited_name,
       r.issued AS cited_issued, r.issuer AS cited_issuer, r.subject AS cited_subject,
       r.text AS citation, s.text AS context,
       td.id AS target_document_id, td.number AS target_number, td.type AS target_type,
       td.issuer AS target_issuer, td.issued AS target_issued, td.subject AS target_subject,
       r.char_start, r.char_end, r.page
FROM doc_references r
JOIN v_documents vd ON vd.document_id = r.document_id
LEFT JOIN sections s ON s.id = r.section_id
LEFT JOIN documents t0 ON t0.id = r.target_document_id
LEFT JOIN documents td ON td.id = coalesce(t0.work_id, t0.id);`;

/** Quantitative targets with their deadline (and whether it was inferred) and document; `int`: the engine's integer type. */
export const vTargets = (int: string) => `CREATE VIEW v_targets AS
SELECT g.id AS target_id, g.document_id,
       vd.number AS document_number, vd.type AS document_type, vd.issuer, vd.issued, vd.province,
       g.ord, g.comparator, g.value, g.unit, g.subject,
       g.deadline, CAST(substr(g.deadline, 1, 4) AS ${int}) AS deadline_year, g.deadline_inferred,
       g.text, g.section_id, g.char_start, g.char_end, g.page
FROM targets g JOIN v_documents vd ON vd.document_id = g.document_id;`;

export const VIEWS_V1 = `
-- Provincial-level units (data/gazetteer/provinces.tsv), for the province of a document.
CREATE TABLE provinces (
  name TEXT PRIMARY KEY,
  kind TEXT NOT NULL,                     -- tỉnh | thành phố
  code TEXT,
  valid_from TEXT,
  valid_to TEXT,
  merged_into TEXT,
  abbreviations TEXT                      -- "|"-separated short forms
) WITHOUT ROWID;

-- Documents with the file they came from and their province.
CREATE VIEW v_documents AS
SELECT d.id AS document_id, d.file_id, f.path AS file_path, f.hash AS file_hash, d.idx,
       d.type, d.number, d.issued, d.place, d.issuer, d.issuer_parent,
       ${DOCUMENT_PROVINCE('d')} AS province,
       d.subject, d.pipeline_version
FROM documents d JOIN files f ON f.id = d.file_id;

-- One row per task, with its lead and partner agencies and its document.
${vTasks(TASK_AGENCIES)}

-- One row per (task, agency, role): filter on agency without splitting strings.
${V_TASK_AGENCIES}

-- Citation edges: the citing document, how it cites (relation, the citation as written, the
-- section it sits in), what it cites, and the stored document that is, when there is one.
CREATE VIEW v_citations AS
SELECT r.id AS reference_id,
       r.document_id AS citing_document_id, vd.number AS citing_number, vd.type AS citing_type,
       vd.issuer AS citing_issuer, vd.issued AS citing_issued, vd.province AS citing_province,
       r.relation,
       r.number AS cited_number, r.number_key AS cited_number_key, r.type AS cited_type, r.name AS cited_name,
       r.issued AS cited_issued, r.issuer AS cited_issuer, r.subject AS cited_subject,
       r.text AS citation, s.text AS context,
       r.target_document_id, td.number AS target_number, td.type AS target_type,
       td.issuer AS target_issuer, td.issued AS target_issued, td.subject AS target_subject,
       r.char_start, r.char_end, r.page
FROM doc_references r
JOIN v_documents vd ON vd.document_id = r.document_id
LEFT JOIN sections s ON s.id = r.section_id
LEFT JOIN documents td ON td.id = r.target_document_id;

-- Quantitative targets with their deadline and document.
CREATE VIEW v_targets AS
SELECT g.id AS target_id, g.document_id,
       vd.number AS document_number, vd.type AS document_type, vd.issuer, vd.issued, vd.province,
       g.ord, g.comparator, g.value, g.unit, g.subject,
       g.deadline, CAST(substr(g.deadline, 1, 4) AS INTEGER) AS deadline_year,
       g.text, g.section_id, g.char_start, g.char_end, g.page
FROM targets g JOIN v_documents vd ON vd.document_id = g.document_id;
`;

/** Rows of data/gazetteer/provinces.tsv, checked by the gazetteer's row schema (a bad row names file and line). */
export function readProvinces(path = PROVINCES_TSV): Province[] {
  return readTable(path, ProvinceRow);
}

export function loadProvinces(db: Database, rows = readProvinces()): void {
  const ins = db.prepare(
    `INSERT OR REPLACE INTO provinces (name, kind, code, valid_from, valid_to, merged_into, abbreviations)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) ins.run(r.name, r.kind, r.code, r.validFrom, r.validTo, r.mergedInto, r.abbreviations.join('|') || null);
}

/** Views for analysts (and the provinces table they use). Appended to the store's migrations. */
/** v_targets since migration 9: whether the deadline was inferred from the title's horizon. */
export const V_TARGETS = `
${vTargets('INTEGER')}
`;

export const QUERY_VIEWS_MIGRATION: Omit<Migration, 'version'> = {
  name: 'query views: v_documents, v_tasks, v_task_agencies, v_citations, v_targets (+ provinces)',
  up: (db: Database) => {
    db.exec(VIEWS_V1);
    loadProvinces(db);
  },
};

/**
 * Migration 3: the province of a document computed once, when the document is stored, instead
 * of on every read (the correlated lookup cost ~0.2 ms per row: seconds for a listing over a
 * large archive). A column on documents kept by triggers, so the store's writer need not
 * know about it; v_documents reads it.
 */
export const VIEWS_V2 = `
ALTER TABLE documents ADD COLUMN province TEXT;     -- kept by the triggers below
UPDATE documents SET province = ${DOCUMENT_PROVINCE('documents')};
CREATE INDEX documents_province ON documents(province);
CREATE TRIGGER documents_province_insert AFTER INSERT ON documents BEGIN
  UPDATE documents SET province = ${DOCUMENT_PROVINCE('documents')} WHERE id = new.id;
END;
CREATE TRIGGER documents_province_update AFTER UPDATE OF issuer, issuer_parent ON documents BEGIN
  UPDATE documents SET province = ${DOCUMENT_PROVINCE('documents')} WHERE id = new.id;
END;
DROP VIEW v_documents;
CREATE VIEW v_documents AS
SELECT d.id AS document_id, d.file_id, f.path AS file_path, f.hash AS file_hash, d.idx,
       d.type, d.number, d.issued, d.place, d.issuer, d.issuer_parent, d.province,
       d.subject, d.pipeline_version
FROM documents d JOIN files f ON f.id = d.file_id;
`;

export const DOCUMENT_PROVINCE_MIGRATION: Omit<Migration, 'version'> = {
  name: 'documents.province kept by triggers; v_documents reads it',
  up: VIEWS_V2,
};

/** Names of the views, for `vanban export` and the README. */
export const VIEW_NAMES = ['v_documents', 'v_document_copies', 'v_tasks', 'v_task_agencies', 'v_citations', 'v_targets'] as const;

/**
 * Migration 10: one row per document, not per copy. `v_document_copies` lists every stored
 * copy with its work (`work_id`: the id of the work's primary copy) and how its text was read;
 * `v_documents` lists the works, through their primary copy, with the number of copies — and so
 * do the views built on it (v_tasks, v_task_agencies, v_citations, v_targets).
 */
export const V_DOCUMENTS_WORKS = `
DROP VIEW v_documents;
CREATE VIEW v_document_copies AS
SELECT d.id AS document_id, coalesce(d.work_id, d.id) AS work_id, coalesce(d.work_id, d.id) = d.id AS is_primary, d.copy_kind,
       d.file_id, f.path AS file_path, f.hash AS file_hash, f.media_type, d.idx,
       d.type, d.number, d.issued, d.place, d.issuer, d.issuer_parent, d.province,
       d.subject, d.pipeline_version
FROM documents d JOIN files f ON f.id = d.file_id;
${V_DOCUMENTS}
-- The cited document too is the work (its primary copy), whichever copy the citation found.
DROP VIEW v_citations;
${V_CITATIONS}
`;
