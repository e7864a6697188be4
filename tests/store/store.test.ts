import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fold } from '../../src/normalize/index.ts';
import { canonicalDump, openDb, readFile, recordIngestError, search, storeFile, WriteGroup, type Db } from '../../src/store/index.ts';
import { BOXED_TABLES, LATEST_VERSION, MIGRATIONS, migrate } from '../../src/store/migrations.ts';
import { makeFile, seedText } from './model.ts';
import { createHash } from 'node:crypto';

const ctx = { fold, pipelineVersion: 'test-1' };
let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-store-'));
  db = openDb(join(dir, 'test.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

const seed0 = seedText('000');
const para = (needle: string) => {
  const line = seed0.split('\n').find((l) => l.includes(needle));
  if (!line) throw new Error(needle);
  return line;
};

const forwarding = () =>
  makeFile('a/cover.txt', [
    { number: '7260/VP-KGVX', type: 'Công văn', paragraphs: [para('Ủy ban nhân dân tỉnh Kiên Giang nhận được'), para('Giao Sở Thông tin')], cites: ['815/QĐ-VPCP', '68/NQ-CP'] },
    { number: '815/QĐ-VPCP', type: 'Quyết định', paragraphs: [para('Giao Sở Thông tin'), para('Ủy ban nhân dân tỉnh Kiên Giang nhận được')], cites: [] },
  ]);

describe('schema', () => {
  it('is migrated once, WAL, and refuses a database from a newer vanban', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect((db.prepare('SELECT max(version) AS v FROM schema_version').get() as any).v).toBe(LATEST_VERSION);
    expect(migrate(db)).toBe(LATEST_VERSION);
    expect(count('schema_version')).toBe(LATEST_VERSION);
    db.prepare("INSERT INTO schema_version VALUES (999, 'future', 'x')").run();
    expect(() => migrate(db)).toThrow(/newer/);
  });
});

describe('migration 8: model ids', () => {
  it("gives an archive's model written before it its id (sha256 of the counts); its files record none", () => {
    const path = join(dir, 'v7.db');
    const Database = db.constructor as new (p: string) => Db;
    const old = new Database(path);
    migrate(old, MIGRATIONS.slice(0, 7));
    const data = Buffer.from('counts of an archive');
    old.prepare("INSERT INTO lm_models (name, data, tokens, sources, updated) VALUES ('archive', ?, 4, '[]', 'then')").run(data);
    old.prepare("INSERT INTO files (hash, path, size, media_type, original, text, pipeline_version, ingested_at) VALUES ('h', 'a.txt', 1, 'text/plain', 'x', 'x', 'v', 'then')").run();
    old.close();
    const db8 = openDb(path);
    try {
      expect(db8.prepare('SELECT hash FROM lm_models').pluck().get()).toBe(createHash('sha256').update(data).digest('hex'));
      expect(db8.prepare('SELECT lm_model FROM files').pluck().all()).toEqual([null]);
    } finally {
      db8.close();
    }
  });
});

describe('migration 9: inferred deadlines', () => {
  it("keeps an archive's targets, marked as stated (the mark was not kept), and v_targets shows the column", () => {
    const path = join(dir, 'v8.db');
    const Database = db.constructor as new (p: string) => Db;
    const old = new Database(path);
    migrate(old, MIGRATIONS.slice(0, 8));
    old.prepare("INSERT INTO files (hash, path, size, media_type, original, text, pipeline_version, ingested_at) VALUES ('h', 'a.txt', 1, 'text/plain', 'x', 'x', 'v', 'then')").run();
    old.prepare("INSERT INTO documents (file_id, idx, char_start, char_end, pipeline_version) VALUES (1, 0, 0, 1, 'v')").run();
    old.prepare("INSERT INTO targets (document_id, char_start, char_end, ord, value, unit, comparator, subject, deadline, text) VALUES (1, 0, 1, 0, 90, '%', '>=', 's', '2025-12-31', 't')").run();
    old.close();
    const db9 = openDb(path);
    try {
      expect(db9.prepare('SELECT value, deadline, deadline_inferred FROM v_targets').raw().all()).toEqual([[90, '2025-12-31', 0]]);
    } finally {
      db9.close();
    }
  });
});

describe('migrations 4 and 5: the search index over the folded text, readable by SQLite 3.37+', () => {
  it('carries an archive written before it over: same hits, no stored copies, deletes still reach the index', () => {
    const path = join(dir, 'v3.db');
    const Database = db.constructor as new (p: string) => Db;
    const old = new Database(path);
    migrate(old, MIGRATIONS.slice(0, 3));
    // What an archive from before migration 4 held: text and folded, both indexed and stored.
    expect(old.prepare("SELECT sql FROM sqlite_master WHERE name = 'sections_fts'").pluck().get()).toMatch(/text, folded/);
    // Index rows went straight into sections_fts then; a stand-in table takes today's writes there
    // (and stand-ins for the model id of migration 8, the mark of migration 9, the works of 10 and the boxes of 11).
    old.exec(`CREATE TABLE sections_folded (id INTEGER PRIMARY KEY, folded TEXT);
      CREATE TRIGGER stand_in AFTER INSERT ON sections_folded BEGIN INSERT INTO sections_fts (rowid, folded) VALUES (new.id, new.folded); END;
      ALTER TABLE files ADD COLUMN lm_model TEXT; ALTER TABLE targets ADD COLUMN deadline_inferred INTEGER;
      ALTER TABLE documents ADD COLUMN work_id INTEGER; ALTER TABLE documents ADD COLUMN copy_kind TEXT;
      CREATE TABLE document_sketches (document_id INTEGER PRIMARY KEY, shingles INTEGER, minhash BLOB);
      CREATE TABLE document_bands (band_key INTEGER, document_id INTEGER);
      CREATE TABLE page_lines (file_id, page, ord, char_start, char_end, x0, y0, x1, y1, confidence);
      ALTER TABLE pages ADD COLUMN width REAL; ALTER TABLE pages ADD COLUMN height REAL; ALTER TABLE pages ADD COLUMN dpi REAL;
      ${BOXED_TABLES.map((t) => `ALTER TABLE ${t} ADD COLUMN box TEXT;`).join(' ')}`);
    const stored = storeFile(old, forwarding(), ctx);
    old.exec(`DROP TABLE sections_folded; ALTER TABLE files DROP COLUMN lm_model; ALTER TABLE targets DROP COLUMN deadline_inferred;
      ALTER TABLE documents DROP COLUMN work_id; ALTER TABLE documents DROP COLUMN copy_kind; DROP TABLE document_sketches; DROP TABLE document_bands;
      DROP TABLE page_lines; ALTER TABLE pages DROP COLUMN width; ALTER TABLE pages DROP COLUMN height; ALTER TABLE pages DROP COLUMN dpi;
      ${BOXED_TABLES.map((t) => `ALTER TABLE ${t} DROP COLUMN box;`).join(' ')}`);
    for (const r of old.prepare('SELECT id, heading, text FROM sections').all() as { id: number; heading: string | null; text: string }[]) {
      old.prepare('UPDATE sections_fts SET text = ? WHERE rowid = ?').run(r.text, r.id);
    }
    // copies: true, as an archive before migration 10 has no works to search by
    const before = search(old, 'dich vu cong truc tuyen', { fold, limit: 10, copies: true }).map((h) => [h.section.id, h.snippet]);
    expect(before.length).toBeGreaterThan(0);
    old.close();

    const db4 = openDb(path);
    try {
      expect(db4.prepare("SELECT sql FROM sqlite_master WHERE name = 'sections_fts'").pluck().get()).toMatch(/content\s*=\s*'sections_folded'/);
      expect(db4.prepare("SELECT sql FROM sqlite_master WHERE name = 'sections_fts'").pluck().get()).not.toMatch(/contentless_delete/);
      expect(search(db4, 'dich vu cong truc tuyen', { fold, limit: 10 }).map((h) => [h.section.id, h.snippet])).toEqual(before);
      // The trigger still removes a deleted file's sections from the index.
      db4.prepare('DELETE FROM files WHERE id = ?').run(stored.fileId);
      expect(search(db4, 'dich vu cong truc tuyen', { fold })).toEqual([]);
      expect((db4.prepare('SELECT count(*) AS n FROM sections_fts').get() as { n: number }).n).toBe(0);
      expect((db4.prepare("SELECT count(*) AS n FROM sections_fts WHERE sections_fts MATCH 'dich'").get() as { n: number }).n).toBe(0);
    } finally {
      db4.close();
    }
  });
});

describe('storeFile / readFile', () => {
  it('round-trips the whole document model', () => {
    const file = forwarding();
    storeFile(db, file, ctx);
    expect(readFile(db, file.source.hash)).toEqual(file);
  });

  it('stores one row per document, section, row and cell, with the tree and provenance', () => {
    const file = forwarding();
    const { documentIds } = storeFile(db, file, ctx);
    expect(documentIds).toHaveLength(2);
    expect(count('sections')).toBe(4);
    expect(count('table_cells')).toBe(2 * 4);
    const child = db.prepare("SELECT p.key AS parent FROM sections s JOIN sections p ON p.id = s.parent_id WHERE s.key = 'd1.s1'").get() as any;
    expect(child.parent).toBe('d1.s0');
    const lead = db.prepare("SELECT agency FROM task_agencies WHERE role = 'lead'").all();
    expect(lead).toHaveLength(2);
    const link = db.prepare('SELECT d.idx AS src, t.idx AS dst, kind FROM document_links l JOIN documents d ON d.id = l.document_id JOIN documents t ON t.id = l.target_document_id').get();
    expect(link).toEqual({ src: 1, dst: 0, kind: 'forwards' });
    const msg = db.prepare("SELECT d.idx FROM messages m JOIN documents d ON d.id = m.document_id WHERE m.rule = 'unclosed-table'").get() as any;
    expect(msg.idx).toBe(1);
    const target = db.prepare("SELECT s.key FROM targets t JOIN sections s ON s.id = t.section_id").get() as any;
    expect(target.key).toBe('d0.s1');
  });

  it('replaces a file stored again (force) without duplicating anything', () => {
    const file = forwarding();
    storeFile(db, file, ctx);
    const before = JSON.stringify(canonicalDump(db));
    const again = storeFile(db, { ...file, source: { ...file.source, path: 'b/copy.txt' } }, ctx);
    expect(again.replaced).toBe(true);
    expect(count('files')).toBe(1);
    expect(count('documents')).toBe(2);
    expect(count('sections_fts')).toBe(4);
    expect(count('file_paths')).toBe(2);
    const after = canonicalDump(db) as any;
    expect(after.files[0].paths).toEqual(['a/cover.txt', 'b/copy.txt']);
    expect(JSON.stringify({ ...after, files: after.files.map((f: any) => ({ ...f, paths: ['a/cover.txt'], file: { ...f.file, source: { ...f.file.source, path: 'a/cover.txt' } } })) })).toBe(before);
  });

  it('keeps the stored version when asked to (a concurrent writer stored the same bytes first)', () => {
    const file = forwarding();
    const first = storeFile(db, file, ctx);
    const again = storeFile(db, { ...file, source: { ...file.source, path: 'c/other.txt' } }, ctx, { keepExisting: true });
    expect(again).toEqual({ fileId: first.fileId, documentIds: first.documentIds, replaced: false, kept: true });
    expect(count('documents')).toBe(2);
    expect(count('file_paths')).toBe(2);
  });

  it('writes nothing when a file cannot be stored whole', () => {
    const file = forwarding();
    file.documents[1].sections.push({ ...file.documents[1].sections[0] }); // duplicate section id
    expect(() => storeFile(db, file, ctx)).toThrow(/UNIQUE/);
    for (const t of ['files', 'documents', 'sections', 'sections_fts', 'doc_references', 'messages']) expect(count(t)).toBe(0);
  });
});

describe('citation graph', () => {
  const cited = () => makeFile('b/qd815.txt', [{ number: '815/QĐ-VPCP', type: 'Quyết định', paragraphs: [para('Giao Sở Thông tin')] }]);
  const citing = () => makeFile('a/cv.txt', [{ number: '7260/VP-KGVX', paragraphs: [para('Ủy ban nhân dân tỉnh Kiên Giang nhận được')], cites: ['815/QĐ-VPCP', '68/NQ-CP'] }]);
  const resolved = () =>
    db
      .prepare('SELECT r.number, t.number AS target FROM doc_references r LEFT JOIN documents t ON t.id = r.target_document_id ORDER BY r.number')
      .all();

  it('resolves a citation stored before the cited document, and after it', () => {
    storeFile(db, citing(), ctx);
    expect(resolved()).toEqual([
      { number: '68/NQ-CP', target: null },
      { number: '815/QĐ-VPCP', target: null },
    ]);
    storeFile(db, cited(), ctx);
    expect(resolved()).toEqual([
      { number: '68/NQ-CP', target: null },
      { number: '815/QĐ-VPCP', target: '815/QĐ-VPCP' },
    ]);
    const other = openDb(join(dir, 'other.db'));
    storeFile(other, cited(), ctx);
    storeFile(other, citing(), ctx);
    expect(canonicalDump(other)).toEqual(canonicalDump(db));
    other.close();
  });

  it('prefers the cited document in the citing file over a copy elsewhere', () => {
    const file = forwarding();
    // A copy whose hash sorts first, so only the same-file rule can choose the cover file's document.
    let copy;
    for (let i = 0; !copy || copy.source.hash > file.source.hash; i++) {
      copy = makeFile('0/copy-of-815.txt', [{ number: '815/QĐ-VPCP', paragraphs: [para('Ủy ban nhân dân tỉnh Kiên Giang nhận được')] }], `\n${i}`);
    }
    storeFile(db, copy, ctx);
    storeFile(db, file, ctx);
    const target = db
      .prepare("SELECT f.path FROM doc_references r JOIN documents t ON t.id = r.target_document_id JOIN files f ON f.id = t.file_id WHERE r.number = '815/QĐ-VPCP'")
      .get() as { path: string };
    expect(target.path).toBe('a/cover.txt');
  });

  it('matches numbers written without diacritics (OCR) and never points a document at itself', () => {
    storeFile(db, makeFile('c/ocr.txt', [{ number: '9/QD-VPCP', paragraphs: [para('Giao Sở Thông tin')], cites: ['9/QĐ-VPCP'] }]), ctx);
    expect(resolved()).toEqual([{ number: '9/QĐ-VPCP', target: null }]);
    storeFile(db, makeFile('c/src.txt', [{ number: '9/QĐ-VPCP', paragraphs: [para('Ủy ban nhân dân tỉnh Kiên Giang nhận được')] }]), ctx);
    expect(resolved()).toEqual([{ number: '9/QĐ-VPCP', target: '9/QĐ-VPCP' }]);
  });
});

describe('a batch group', () => {
  it('writes its files\' search rows just before its commit, none of a file rolled back, none of a replaced version', () => {
    const group = new WriteGroup(db);
    const inGroup = { ...ctx, search: group.search };
    const file = forwarding();
    const other = makeFile('d/other.txt', [{ number: '12/KH-UBND', type: 'Kế hoạch', paragraphs: [`${para('Giao Sở Thông tin')} xyzzy`], cites: [] }]);
    other.documents[0].sections.push({ ...other.documents[0].sections[0] }); // cannot be stored whole
    group.begin();
    storeFile(db, file, inGroup);
    expect(() => storeFile(db, other, inGroup)).toThrow(/UNIQUE/);
    expect(count('sections')).toBe(4);
    expect(count('sections_fts')).toBe(0); // held back
    // The same bytes again, processed differently (--force after an upgrade): the rows held
    // for the first version reach the index before its sections are deleted, and go with them.
    const newer = forwarding();
    newer.source.path = 'b/copy.txt';
    for (const d of newer.documents) for (const sec of d.sections) {
      sec.text = sec.text.replace(/giao/gi, 'phân công');
      sec.heading = sec.heading?.replace(/giao/gi, 'phân công') ?? null;
    }
    storeFile(db, newer, inGroup);
    group.end();
    expect(count('sections_fts')).toBe(4);
    const hits = search(db, 'phan cong', { fold, limit: 10 });
    expect(hits.length).toBeGreaterThan(0);
    expect(search(db, 'giao', { fold })).toEqual([]);
    expect(search(db, 'xyzzy', { fold })).toEqual([]);
    db.exec("INSERT INTO sections_fts(sections_fts) VALUES('integrity-check')");
  });
});

describe('search', () => {
  beforeEach(() => {
    storeFile(db, forwarding(), ctx);
  });

  it('finds "điện tử"-style text without diacritics and with đ written d', () => {
    const hits = search(db, 'dich vu cong truc tuyen', { fold, limit: 10 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0].phrase).toBe(true);
    expect(hits[0].snippet).toContain('«dịch vụ công trực tuyến»');
    const dHits = search(db, 'don gian hoa', { fold });
    expect(dHits.map((h) => h.snippet).join(' ')).toMatch(/«đơn giản hóa»/);
    expect(search(db, 'DON GIAN HÓA', { fold }).length).toBe(dHits.length);
  });

  it('ranks whole-phrase hits before hits with the words apart, honours --limit, and returns nothing for no match', () => {
    const hits = search(db, 'tinh Kien Giang', { fold, limit: 50 });
    const firstLoose = hits.findIndex((h) => !h.phrase);
    if (firstLoose >= 0) expect(hits.slice(firstLoose).every((h) => !h.phrase)).toBe(true);
    expect(search(db, 'Giang', { fold, limit: 1 })).toHaveLength(1);
    expect(search(db, 'xyzzyq', { fold })).toEqual([]);
    expect(search(db, '"" *** ((', { fold })).toEqual([]);
  });

  it('treats FTS syntax in the query as text and supports OR and prefixes', () => {
    expect(() => search(db, 'NEAR(a b) AND "x', { fold })).not.toThrow();
    const or = search(db, 'xyzzyq OR Kien', { fold });
    expect(or.length).toBeGreaterThan(0);
    expect(search(db, 'Kie*', { fold }).length).toBe(search(db, 'Kien', { fold }).length);
  });

  it('filters by document fields', () => {
    const all = search(db, 'Kien Giang', { fold, limit: 50 });
    const qd = search(db, 'Kien Giang', { fold, limit: 50, filters: { type: 'Quyết định' } });
    expect(qd.length).toBeGreaterThan(0);
    expect(qd.length).toBeLessThan(all.length);
    expect(qd.every((h) => h.document.type === 'Quyết định')).toBe(true);
    const one = all[0].document.id;
    const byId = search(db, 'Kien Giang', { fold, limit: 50, filters: { documentIds: [one, 999_999] } });
    expect(byId.length).toBeGreaterThan(0);
    expect(byId.every((h) => h.document.id === one)).toBe(true);
    expect(search(db, 'Kien Giang', { fold, filters: { documentIds: [] } })).toEqual([]);
  });
});

describe('ingest_errors', () => {
  it('keeps one row per file and reason, and forgets it when the file (or new bytes at its path) goes through', () => {
    const file = forwarding();
    const err = { path: 'x.txt', hash: file.source.hash, stage: 'segment', rule: 'boom', reason: 'x.txt: boom' };
    recordIngestError(db, err, ctx);
    recordIngestError(db, err, ctx);
    expect(count('ingest_errors')).toBe(1);
    recordIngestError(db, { ...err, path: file.source.path, hash: 'bytes-that-were-there-before' }, ctx);
    recordIngestError(db, { ...err, path: 'elsewhere.txt', hash: 'other' }, ctx);
    expect(count('ingest_errors')).toBe(3);
    storeFile(db, file, ctx);
    expect(db.prepare('SELECT path FROM ingest_errors').all()).toEqual([{ path: 'elsewhere.txt' }]);
  });
});

describe('WAL', () => {
  it('lets a reader query while a writer holds a transaction', () => {
    const reader = openDb(join(dir, 'test.db'), { readonly: true });
    db.prepare('BEGIN IMMEDIATE').run();
    db.prepare("INSERT INTO ingest_errors (path, stage, rule, reason, pipeline_version, first_seen) VALUES ('p', 's', 'r', 'x', 'v', 't')").run();
    expect((reader.prepare('SELECT count(*) AS n FROM ingest_errors').get() as any).n).toBe(0);
    db.prepare('COMMIT').run();
    expect((reader.prepare('SELECT count(*) AS n FROM ingest_errors').get() as any).n).toBe(1);
    reader.close();
  });
});
