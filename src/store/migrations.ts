/**
 * Ordered schema migrations. A migration is never edited once released: add a new one.
 * `schema_version` holds one row per applied migration; the highest is the database version.
 *
 * Naming: offsets into `files.text` are `char_start`/`char_end` everywhere (provenance),
 * ordering columns are `ord`, and SQL keywords are avoided as column names so analysts can
 * query without quoting.
 */
import type { Database } from 'better-sqlite3';
import { DOCUMENT_PROVINCE_MIGRATION, QUERY_VIEWS_MIGRATION, V_DOCUMENTS_WORKS, V_TARGETS } from './views.ts';
import { fold } from '../knowledge/fold.ts';
import { sectionSearchText } from './write.ts';
import { lmId } from './lm-table.ts';
import { backfillWorks } from './works.ts';

export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database) => void);
}

/** Tables whose rows carry a `box` (migration 11): every one with a page column but pages and messages. */
export const BOXED_TABLES = ['sections', 'tables', 'table_rows', 'doc_references', 'agencies', 'dates', 'targets', 'tasks', 'persons'];

/** Provenance columns every entity table carries. */
const PROV = `
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  section_id INTEGER REFERENCES sections(id) ON DELETE SET NULL,
  char_start INTEGER NOT NULL,
  char_end INTEGER NOT NULL,
  page INTEGER`;

const INITIAL = `
CREATE TABLE files (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,              -- sha256 of the bytes: the unit of identity
  path TEXT NOT NULL,                     -- path it was first ingested from
  size INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  encoding TEXT,
  original TEXT NOT NULL,                 -- decoded text before normalisation/restoration
  text TEXT NOT NULL,                     -- normalised + restored text; every offset points here
  pipeline_version TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);

-- Every path the same bytes were seen under.
CREATE TABLE file_paths (
  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  PRIMARY KEY (file_id, path)
) WITHOUT ROWID;

CREATE TABLE pages (
  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  page INTEGER NOT NULL,
  char_start INTEGER NOT NULL,
  char_end INTEGER NOT NULL,
  method TEXT NOT NULL,                   -- text | textlayer | ocr
  confidence REAL,
  PRIMARY KEY (file_id, page)
) WITHOUT ROWID;

-- Tokens the restoration stage changed, offsets into files.text.
CREATE TABLE restored_tokens (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  char_start INTEGER NOT NULL,
  char_end INTEGER NOT NULL,
  original TEXT NOT NULL,
  restored TEXT NOT NULL,
  confidence REAL NOT NULL
);
CREATE INDEX restored_tokens_file ON restored_tokens(file_id, char_start);

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,                   -- position of the document in its file (0-based)
  char_start INTEGER NOT NULL,
  char_end INTEGER NOT NULL,
  type TEXT,
  number TEXT,                            -- canonical số/ký hiệu "7260/VP-KGVX"
  number_key TEXT,                        -- number folded for matching citations ("7260/VP-KGVX", "45/2020/ND-CP")
  issued TEXT,                            -- YYYY-MM-DD
  place TEXT,
  issuer TEXT,
  issuer_parent TEXT,
  subject TEXT,
  pipeline_version TEXT NOT NULL,
  UNIQUE (file_id, idx)
);
CREATE INDEX documents_number_key ON documents(number_key);
CREATE INDEX documents_issued ON documents(issued);
CREATE INDEX documents_type ON documents(type);
CREATE INDEX documents_issuer ON documents(issuer);

CREATE TABLE document_signers (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  name TEXT,
  title TEXT,
  authority TEXT,                         -- "KT. Chủ tịch", "TM. Ủy ban nhân dân" … or NULL
  PRIMARY KEY (document_id, ord)
) WITHOUT ROWID;

-- Kính gửi (kind = 'recipient') and Nơi nhận (kind = 'distribution') entries, in order.
CREATE TABLE document_recipients (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('recipient', 'distribution')),
  ord INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (document_id, kind, ord)
) WITHOUT ROWID;

-- Links between documents of the same file (a cover letter forwards a plan …).
CREATE TABLE document_links (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  target_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,                     -- forwards | issues | appendix_of
  PRIMARY KEY (document_id, target_document_id, kind)
) WITHOUT ROWID;

CREATE TABLE sections (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  key TEXT NOT NULL,                      -- id within the file, "d0.s12"
  parent_id INTEGER REFERENCES sections(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  label TEXT,
  heading TEXT,
  text TEXT NOT NULL,
  ord INTEGER NOT NULL,
  depth INTEGER NOT NULL,
  char_start INTEGER NOT NULL,
  char_end INTEGER NOT NULL,
  page INTEGER,
  UNIQUE (document_id, key)
);
CREATE INDEX sections_parent ON sections(parent_id);

CREATE TABLE tables (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  section_id INTEGER REFERENCES sections(id) ON DELETE SET NULL,
  columns TEXT NOT NULL,                  -- JSON array of column headers
  char_start INTEGER NOT NULL,
  char_end INTEGER NOT NULL,
  page INTEGER,
  UNIQUE (document_id, key)
);

CREATE TABLE table_rows (
  id INTEGER PRIMARY KEY,
  table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
  row_index INTEGER NOT NULL,
  kind TEXT NOT NULL,                     -- data | group
  label TEXT,
  grp TEXT,                               -- label of the innermost group row above
  char_start INTEGER NOT NULL,
  char_end INTEGER NOT NULL,
  page INTEGER,
  UNIQUE (table_id, row_index)
);

CREATE TABLE table_cells (
  row_id INTEGER NOT NULL REFERENCES table_rows(id) ON DELETE CASCADE,
  col_index INTEGER NOT NULL,
  col TEXT NOT NULL,                      -- the column header
  text TEXT NOT NULL,
  PRIMARY KEY (row_id, col_index)
) WITHOUT ROWID;

-- Cited documents. target_document_id is the stored document whose number the citation
-- names (the citation graph); resolved on insert in both directions.
CREATE TABLE doc_references (
  id INTEGER PRIMARY KEY,
  ${PROV},
  ord INTEGER NOT NULL,
  number TEXT,
  number_key TEXT,
  type TEXT,
  name TEXT,
  issued TEXT,
  issuer TEXT,
  subject TEXT,
  relation TEXT NOT NULL,
  text TEXT NOT NULL,
  target_document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL
);
CREATE INDEX doc_references_document ON doc_references(document_id);
CREATE INDEX doc_references_number_key ON doc_references(number_key);
CREATE INDEX doc_references_target ON doc_references(target_document_id);

CREATE TABLE agencies (
  id INTEGER PRIMARY KEY,
  ${PROV},
  ord INTEGER NOT NULL,
  text TEXT NOT NULL,
  canonical TEXT NOT NULL,
  kind TEXT,
  province TEXT
);
CREATE INDEX agencies_document ON agencies(document_id);
CREATE INDEX agencies_canonical ON agencies(canonical);

CREATE TABLE dates (
  id INTEGER PRIMARY KEY,
  ${PROV},
  ord INTEGER NOT NULL,
  text TEXT NOT NULL,
  kind TEXT NOT NULL,                     -- date | month | quarter | year | period | deadline | recurrence
  date_from TEXT,                         -- YYYY-MM-DD
  date_to TEXT,
  recurrence TEXT
);
CREATE INDEX dates_document ON dates(document_id);

CREATE TABLE targets (
  id INTEGER PRIMARY KEY,
  ${PROV},
  ord INTEGER NOT NULL,
  value REAL NOT NULL,
  unit TEXT NOT NULL,
  comparator TEXT NOT NULL,
  subject TEXT NOT NULL,
  deadline TEXT,
  text TEXT NOT NULL
);
CREATE INDEX targets_document ON targets(document_id);

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  ${PROV},
  ord INTEGER NOT NULL,
  content TEXT NOT NULL,
  date_from TEXT,
  due TEXT,
  recurrence TEXT,
  outputs TEXT,
  grp TEXT,
  source TEXT NOT NULL                    -- table | section
);
CREATE INDEX tasks_document ON tasks(document_id);

CREATE TABLE task_agencies (
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('lead', 'partner')),
  ord INTEGER NOT NULL,
  agency TEXT NOT NULL,
  PRIMARY KEY (task_id, role, ord)
) WITHOUT ROWID;
CREATE INDEX task_agencies_agency ON task_agencies(agency);

CREATE TABLE persons (
  id INTEGER PRIMARY KEY,
  ${PROV},
  ord INTEGER NOT NULL,
  name TEXT NOT NULL,
  title TEXT
);
CREATE INDEX persons_document ON persons(document_id);
CREATE INDEX persons_name ON persons(name);

-- Problems the stages reported (warnings and info included), with positions into files.text.
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,  -- the document the position falls in
  ord INTEGER NOT NULL,
  stage TEXT NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  reason TEXT NOT NULL,
  char_start INTEGER,
  char_end INTEGER,
  page INTEGER
);
CREATE INDEX messages_file ON messages(file_id);

-- Files that could not be ingested. Not tied to files: a failed file is never stored.
CREATE TABLE ingest_errors (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  hash TEXT NOT NULL DEFAULT '',          -- '' when the bytes could not be read
  stage TEXT NOT NULL,
  rule TEXT NOT NULL,
  reason TEXT NOT NULL,
  pipeline_version TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  UNIQUE (path, hash, stage, rule, pipeline_version)
);
CREATE INDEX ingest_errors_hash ON ingest_errors(hash);

-- Full-text index over section text. rowid = sections.id. 'text' is the section text as
-- written (diacritics removed by the tokenizer); 'folded' is the text folded by the
-- application (lowercase, no diacritics, đ→d), because remove_diacritics never folds đ.
-- Queries are folded the same way and matched against 'folded'.
CREATE VIRTUAL TABLE sections_fts USING fts5(
  text, folded,
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER sections_fts_delete AFTER DELETE ON sections BEGIN
  DELETE FROM sections_fts WHERE rowid = old.id;
END;
`;

/**
 * The search index keeps only what searching reads: the folded text, indexed, without a stored
 * copy (contentless, with deletes by rowid). Queries only ever matched 'folded' and snippets
 * are cut from sections.text, so the indexed 'text' column and both stored copies were
 * written on every import for nothing: about a third of the database and of its write time.
 */
const CONTENTLESS_FTS = `
CREATE VIRTUAL TABLE sections_fts_v4 USING fts5(
  folded,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO sections_fts_v4 (rowid, folded) SELECT rowid, folded FROM sections_fts;
DROP TRIGGER sections_fts_delete;
DROP TABLE sections_fts;
ALTER TABLE sections_fts_v4 RENAME TO sections_fts;
CREATE TRIGGER sections_fts_delete AFTER DELETE ON sections BEGIN
  DELETE FROM sections_fts WHERE rowid = old.id;
END;
`;

/**
 * The archive's adapted language model (`vanban lm train`), kept in the archive so what an
 * archive teaches the program stays with it. IF NOT EXISTS: archives made before this migration
 * may already hold the table, created by `lm train` itself.
 */
const LM_MODELS = `
CREATE TABLE IF NOT EXISTS lm_models (
  name TEXT PRIMARY KEY,
  data BLOB NOT NULL,
  tokens INTEGER NOT NULL,
  sources TEXT NOT NULL,
  updated TEXT NOT NULL
);
`;

/**
 * The province is part of the document header, decided once by extract and written with the
 * document; the triggers that recomputed it by a narrower rule (issuer only) go. Rows stored
 * before keep the value the triggers gave them: the header's province is not stored apart from
 * that column, and recomputing it here would need extract's Vietnamese rules in the store;
 * `vanban reprocess --all` rewrites them with extract's decision.
 */
const PROVINCE_FROM_HEADER = `
DROP TRIGGER IF EXISTS documents_province_insert;
DROP TRIGGER IF EXISTS documents_province_update;
`;
/**
 * The search index as SQLite 3.37+ reads it (Debian 12's sqlite3 3.40, Python's sqlite3):
 * contentless_delete needs 3.43. The folded text now sits in a plain table the FTS5 index
 * takes its content from, so deleting a section deletes its index entry with the old text.
 * Ranks are unchanged: the same text in the same single indexed column. The contentless index
 * cannot give its text back, so the folded text is rebuilt from the sections with the same
 * fold the import uses.
 */
const FOLDED_TEXT_FTS = `
CREATE TABLE sections_folded (
  id INTEGER PRIMARY KEY,                 -- sections.id
  folded TEXT NOT NULL
);
CREATE VIRTUAL TABLE sections_fts USING fts5(
  folded,
  content = 'sections_folded', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER sections_folded_insert AFTER INSERT ON sections_folded BEGIN
  INSERT INTO sections_fts (rowid, folded) VALUES (new.id, new.folded);
END;
CREATE TRIGGER sections_folded_delete AFTER DELETE ON sections_folded BEGIN
  INSERT INTO sections_fts (sections_fts, rowid, folded) VALUES ('delete', old.id, old.folded);
END;
CREATE TRIGGER sections_fts_delete AFTER DELETE ON sections BEGIN
  DELETE FROM sections_folded WHERE id = old.id;
END;
`;

function foldedTextFts(db: Database): void {
  const indexed = db.prepare('SELECT s.id, s.heading, s.text FROM sections s WHERE s.id IN (SELECT rowid FROM sections_fts) ORDER BY s.id').all() as { id: number; heading: string | null; text: string }[];
  db.exec('DROP TRIGGER sections_fts_delete; DROP TABLE sections_fts;');
  db.exec(FOLDED_TEXT_FTS);
  const ins = db.prepare('INSERT INTO sections_folded (id, folded) VALUES (?, ?)');
  for (const r of indexed) ins.run(r.id, fold(sectionSearchText(r.heading, r.text)));
}

/**
 * The model a file was restored with is part of what the file records, so `vanban reprocess
 * --outdated-model` can find the files made with another one. A model's id is the hash of its
 * counts (lm-table.ts). Files stored before this migration record none (NULL, as a file made
 * with the shipped model alone): which archive model made them was not kept.
 */
function lmModelIds(db: Database): void {
  db.exec('ALTER TABLE lm_models ADD COLUMN hash TEXT; ALTER TABLE files ADD COLUMN lm_model TEXT;');
  const set = db.prepare('UPDATE lm_models SET hash = ? WHERE name = ?');
  for (const r of db.prepare('SELECT name, data FROM lm_models').all() as { name: string; data: Buffer }[]) set.run(lmId(r.data), r.name);
}

/**
 * A target's deadline read from the title's horizon ("Kế hoạch … giai đoạn 2021–2025"), not from
 * its own words, is marked, so an analyst can tell a stated date from an inferred one. Targets
 * stored before this migration read 0: the mark was not kept (reprocess to get it).
 */
const TARGET_DEADLINE_INFERRED = `
ALTER TABLE targets ADD COLUMN deadline_inferred INTEGER NOT NULL DEFAULT 0;
DROP VIEW v_targets;
${V_TARGETS}
`;

/**
 * One identity per document (src/store/copies.ts, works.ts): the same document stored as a text,
 * a PDF and scans is one work. `work_id` is the id of the work's primary (best) copy, the
 * document's own id when it is the primary; `copy_kind` says how its text was read. The text
 * sketch (MinHash signature) and its LSH band keys let a new copy find its work by index.
 * Archives stored before: every document is sketched and grouped here, from the stored text.
 */
const WORKS = `
ALTER TABLE documents ADD COLUMN work_id INTEGER;     -- id of the primary copy of the document's work
ALTER TABLE documents ADD COLUMN copy_kind TEXT;      -- text | textlayer | mixed | ocr
CREATE INDEX documents_work ON documents(work_id);
CREATE TABLE document_sketches (
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  shingles INTEGER NOT NULL,                          -- distinct folded word shingles
  minhash BLOB NOT NULL                               -- MinHash signature, uint32 little-endian
);
CREATE TABLE document_bands (
  band_key INTEGER NOT NULL,                          -- LSH band of the signature (copies.ts bandKeys)
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX document_bands_key ON document_bands(band_key);
CREATE INDEX document_bands_document ON document_bands(document_id);
${V_DOCUMENTS_WORKS}
`;

function works(db: Database): void {
  db.exec(WORKS);
  backfillWorks(db, fold);
}

/**
 * Where on the page (issue 19): the laid-out lines of PDF and scan pages with their boxes and the
 * page sizes, and a box beside the page of every section, table, row and entity (JSON
 * [x0, y0, x1, y1], PDF points from the page's top-left; NULL for text files and for rows stored
 * before: `vanban reprocess` fills them).
 */
const BOXES = `
CREATE TABLE page_lines (
  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  page INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  char_start INTEGER NOT NULL,
  char_end INTEGER NOT NULL,
  x0 REAL NOT NULL, y0 REAL NOT NULL, x1 REAL NOT NULL, y1 REAL NOT NULL,
  confidence REAL,                        -- OCR confidence 0..1; NULL for text-layer lines
  PRIMARY KEY (file_id, page, ord)
) WITHOUT ROWID;
ALTER TABLE pages ADD COLUMN width REAL;
ALTER TABLE pages ADD COLUMN height REAL;
ALTER TABLE pages ADD COLUMN dpi REAL;
${BOXED_TABLES.map((t) => `ALTER TABLE ${t} ADD COLUMN box TEXT;`).join('\n')}
`;

export const MIGRATIONS: Migration[] = [
  { version: 1, name: 'initial schema', up: INITIAL },
  // Analysts' views (src/store/views.ts, owned by the query layer).
  { version: 2, ...QUERY_VIEWS_MIGRATION },
  { version: 3, ...DOCUMENT_PROVINCE_MIGRATION },
  { version: 4, name: 'contentless search index over folded text only', up: CONTENTLESS_FTS },
  { version: 5, name: 'archive language model table', up: LM_MODELS },
  { version: 6, name: 'documents.province written by the store from the header (extract decides it); triggers dropped', up: PROVINCE_FROM_HEADER },
  { version: 7, name: 'search index over a folded-text table, readable by SQLite 3.37+', up: foldedTextFts },
  { version: 8, name: 'model ids (lm_models.hash) and the model each file was made with (files.lm_model)', up: lmModelIds },
  { version: 9, name: 'targets.deadline_inferred (deadline from the title horizon); v_targets shows it', up: TARGET_DEADLINE_INFERRED },
  { version: 10, name: 'one identity per document: documents.work_id (primary copy), copy_kind, text sketches; v_documents lists works, v_document_copies every copy', up: works },
  { version: 11, name: 'boxes: page_lines, page sizes, and a box on every section, table, row and entity', up: BOXES },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export function currentVersion(db: Database): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const row = db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

/** Apply pending migrations, each in its own transaction. Returns the resulting version. */
export function migrate(db: Database, migrations: Migration[] = MIGRATIONS): number {
  let version = currentVersion(db);
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (version > latest) {
    throw new Error(`database schema version ${version} is newer than this vanban knows (${latest}); upgrade vanban`);
  }
  for (const m of migrations) {
    if (m.version <= version) continue;
    // IMMEDIATE: two processes opening a fresh database must not both run a migration.
    const apply = db.transaction(() => {
      if (currentVersion(db) >= m.version) return;
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    });
    apply.immediate();
    version = m.version;
  }
  return version;
}
