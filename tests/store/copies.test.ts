/**
 * Copies of one document (issue 21): which stored documents are one work, which copy is the
 * primary, and the archives stored before migration 10. Files are built by hand from the seed
 * texts; "OCR copies" are the same text with words misread, as a scan gives it.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VbDocument, VbFile } from '../../schemas/document.ts';
import { fold } from '../../src/normalize/index.ts';
import { openDb, storeFile, type Db } from '../../src/store/index.ts';
import { CONTAINMENT_MIN, JACCARD_MIN, compareCopies, copyKind, copyReason, similarity, sketch, type CopyFacts } from '../../src/store/copies.ts';
import { MIGRATIONS, migrate } from '../../src/store/migrations.ts';
import { seedText } from './model.ts';

const ctx = { fold, pipelineVersion: 'test-1' };
let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-copies-'));
  db = openDb(join(dir, 'test.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const lines = (prefix: string, from: number, to?: number) => seedText(prefix).split('\n').slice(from, to).join('\n');
const LETTER = lines('000', 0, 45); // Công văn 7260/VP-KGVX
const PLAN_001 = lines('001', 50); // the unnumbered plan of seed 001
const PLAN_004 = seedText('004');

/** A scan's text: every 20th word misread (letters swapped), marks dropped here and there. */
function ocr(text: string): string {
  let i = 0;
  return text.replace(/[\p{L}\p{N}]{3,}/gu, (w) => {
    i++;
    if (i % 20 === 0) return w[1] + w[0] + w.slice(2);
    if (i % 7 === 0) return w.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
    return w;
  });
}

interface Doc {
  text: string;
  number?: string | null;
  issued?: string | null;
  issuer?: string | null;
  type?: string | null;
}

function file(path: string, docs: Doc[], how: { mediaType?: string; method?: 'textlayer' | 'ocr'; confidence?: number } = {}): VbFile {
  const text = docs.map((d) => d.text).join('\n\n');
  let at = 0;
  const documents: VbDocument[] = docs.map((d, index) => {
    const start = text.indexOf(d.text, at);
    at = start + d.text.length;
    return {
      index,
      start,
      end: at,
      header: {
        type: d.type ?? 'Kế hoạch',
        number: d.number ?? null,
        issued: d.issued ?? null,
        place: null,
        issuer: d.issuer ?? null,
        issuerParent: null,
        province: null,
        subject: null,
        signers: [],
        recipients: [],
        distribution: [],
      },
      links: [],
      sections: [],
      tables: [],
      references: [],
      agencies: [],
      dates: [],
      targets: [],
      tasks: [],
      persons: [],
    };
  });
  const mediaType = how.mediaType ?? (how.method ? 'application/pdf' : 'text/plain');
  return {
    source: { path, hash: createHash('sha256').update(path).update(text).digest('hex'), size: text.length, mediaType, encoding: null },
    original: text,
    text,
    pages: how.method ? [{ page: 1, start: 0, end: text.length, method: how.method, confidence: how.method === 'ocr' ? (how.confidence ?? 0.95) : null }] : [],
    restored: [],
    documents,
    messages: [],
  };
}

const KG = 'Văn phòng Ủy ban nhân dân tỉnh Kiên Giang';
const letter = { text: LETTER, number: '7260/VP-KGVX', issued: '2020-11-17', issuer: KG, type: 'Công văn' };

const works = () => db.prepare('SELECT id, work_id FROM documents ORDER BY id').raw().all() as [number, number][];
const count = (sql: string) => db.prepare(sql).pluck().get() as number;

describe('the similarity of copies (pure)', () => {
  it('finds a scan of a text near-identical, a first part contained, another document neither', () => {
    const text = sketch(PLAN_001, fold);
    expect(similarity(text, sketch(ocr(PLAN_001), fold)).jaccard).toBeGreaterThanOrEqual(JACCARD_MIN);
    const firstPages = similarity(text, sketch(ocr(PLAN_001.slice(0, 2500)), fold));
    expect(firstPages.jaccard).toBeLessThan(JACCARD_MIN);
    expect(firstPages.containment).toBeGreaterThanOrEqual(CONTAINMENT_MIN);
    const other = similarity(text, sketch(PLAN_004, fold));
    expect(other.jaccard).toBeLessThan(0.2);
    expect(other.containment).toBeLessThan(CONTAINMENT_MIN);
  });

  it('groups by number only with the same issuer and date; never two documents of one file', () => {
    const s = sketch(LETTER, fold);
    const a: CopyFacts = { id: 1, fileId: 1, numberKey: '7260/VP-KGVX', issued: '2020-11-17', issuer: 'van phong', sketch: s };
    expect(copyReason(a, { ...a, id: 2, fileId: 2 })).toBe('number');
    expect(copyReason(a, { ...a, id: 2, fileId: 2, issuer: 'so tai chinh' })).toBeNull();
    expect(copyReason(a, { ...a, id: 2, fileId: 2, issued: '2021-11-17' })).toBeNull();
    expect(copyReason(a, { ...a, id: 2, fileId: 2, numberKey: '7261/VP-KGVX' })).toBeNull();
    expect(copyReason(a, { ...a, id: 2, fileId: 1 })).toBeNull();
    // A scan whose number OCR could not read: the text decides.
    expect(copyReason(a, { ...a, id: 2, fileId: 2, numberKey: null, issuer: null })).toBe('text');
    expect(copyReason(a, { ...a, id: 2, fileId: 2, numberKey: null, sketch: sketch(PLAN_004, fold) })).toBeNull();
    expect(copyReason({ ...a, numberKey: null }, { ...a, id: 2, fileId: 2, numberKey: null, issuer: 'so tai chinh' })).toBeNull();
  });

  it('ranks text and born-digital copies over OCR, then better OCR, then the whole over a part', () => {
    expect(copyKind('text/plain', [])).toBe('text');
    expect(copyKind('application/pdf', ['textlayer', 'ocr'])).toBe('mixed');
    const c = (id: number, kind: 'text' | 'textlayer' | 'ocr', quality: number, length: number) => ({ id, kind, quality, length });
    const ranked = [c(1, 'ocr', 0.97, 900), c(2, 'textlayer', 1, 500), c(3, 'ocr', 0.93, 900), c(4, 'text', 1, 900)].sort(compareCopies).map((x) => x.id);
    expect(ranked).toEqual([4, 2, 1, 3]);
  });
});

describe('storing copies', () => {
  it('puts a text, its PDF and its scans in one work, the text as primary whatever the order', () => {
    storeFile(db, file('scan150.pdf', [{ ...letter, text: ocr(LETTER) }], { method: 'ocr', confidence: 0.93 }), ctx);
    storeFile(db, file('scan300.pdf', [{ ...letter, text: ocr(LETTER), issuer: null }], { method: 'ocr', confidence: 0.96 }), ctx);
    expect(works()).toEqual([[1, 2], [2, 2]]); // the better scan first, until …
    storeFile(db, file('letter.pdf', [letter], { method: 'textlayer' }), ctx);
    storeFile(db, file('letter.txt', [letter]), ctx);
    expect(works()).toEqual([[1, 4], [2, 4], [3, 4], [4, 4]]); // … a text copy arrives
    expect(count('SELECT count(*) FROM v_documents')).toBe(1);
    expect(count('SELECT count(*) FROM v_document_copies')).toBe(4);
    expect(db.prepare('SELECT file_path, copies FROM v_documents').raw().get()).toEqual(['letter.txt', 4]);
  });

  it('keeps apart what only looks alike: same number from another issuer or date, another text', () => {
    storeFile(db, file('a.txt', [letter]), ctx);
    storeFile(db, file('b.txt', [{ ...letter, issuer: 'Sở Tài chính tỉnh An Giang' }]), ctx);
    storeFile(db, file('c.txt', [{ ...letter, issued: '2021-11-17' }]), ctx);
    storeFile(db, file('d.txt', [{ text: PLAN_001, issuer: 'Ủy ban nhân dân tỉnh Vĩnh Long' }]), ctx);
    storeFile(db, file('e.txt', [{ text: PLAN_004 }]), ctx);
    // One template, two provinces: the same text from another issuer is another document …
    storeFile(db, file('f.txt', [{ text: PLAN_001.replaceAll('Vĩnh Long', 'Trà Vinh'), issuer: 'Ủy ban nhân dân tỉnh Trà Vinh' }]), ctx);
    expect(works()).toEqual([[1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [6, 6]]);
    // … and a scan whose issuer was not read, like both, joins one of them, not both.
    storeFile(db, file('g.pdf', [{ text: ocr(PLAN_001) }], { method: 'ocr' }), ctx);
    expect(works()).toEqual([[1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [6, 6], [7, 4]]);
  });

  it('groups documents without a number by their text: a scan, the first pages, inside a file of several', () => {
    storeFile(db, file('plans.txt', [{ text: PLAN_001 }, { text: PLAN_004 }]), ctx);
    storeFile(db, file('plan-scan.pdf', [{ text: ocr(PLAN_001) }], { method: 'ocr' }), ctx);
    storeFile(db, file('plan-p1.pdf', [{ text: PLAN_004.slice(0, 3000) }], { method: 'textlayer' }), ctx);
    expect(works()).toEqual([[1, 1], [2, 2], [3, 1], [4, 2]]);
    expect(count('SELECT count(*) FROM v_documents')).toBe(2);
  });

  it('regroups the copies when the primary copy is stored again (reprocess, --force)', () => {
    const txt = file('letter.txt', [letter]);
    storeFile(db, txt, ctx);
    storeFile(db, file('scan.pdf', [{ ...letter, text: ocr(LETTER) }], { method: 'ocr' }), ctx);
    storeFile(db, file('letter.pdf', [letter], { method: 'textlayer' }), ctx);
    expect(works()).toEqual([[1, 1], [2, 1], [3, 1]]);
    storeFile(db, txt, ctx); // replaces documents 1: the work's primary is new
    expect(works()).toEqual([[2, 4], [3, 4], [4, 4]]);
    // Nothing points at a document that is gone.
    expect(count('SELECT count(*) FROM documents WHERE work_id NOT IN (SELECT id FROM documents)')).toBe(0);
  });
});

describe('migration 10 on an archive stored before it', () => {
  it('sketches and groups every stored document: one row per work in v_documents', () => {
    const path = join(dir, 'v9.db');
    const Database = db.constructor as new (p: string) => Db;
    const old = new Database(path);
    migrate(old, MIGRATIONS.slice(0, 9));
    const insFile = old.prepare("INSERT INTO files (hash, path, size, media_type, original, text, pipeline_version, ingested_at) VALUES (?, ?, 1, ?, '', ?, 'v', 'then')");
    const insDoc = old.prepare("INSERT INTO documents (file_id, idx, char_start, char_end, type, number, number_key, issued, issuer, pipeline_version) VALUES (?, ?, 0, ?, 'Công văn', ?, ?, ?, ?, 'v')");
    const add = (hash: string, p: string, mediaType: string, text: string, number: string | null, method?: string) => {
      const id = Number(insFile.run(hash, p, mediaType, text).lastInsertRowid);
      insDoc.run(id, 0, text.length, number, number, number ? '2020-11-17' : null, number ? KG : null);
      if (method) old.prepare('INSERT INTO pages (file_id, page, char_start, char_end, method, confidence) VALUES (?, 1, 0, ?, ?, 0.95)').run(id, text.length, method);
    };
    add('a', 'scan.pdf', 'application/pdf', ocr(LETTER), '7260/VP-KGVX', 'ocr');
    add('b', 'letter.txt', 'text/plain', LETTER, '7260/VP-KGVX');
    add('c', 'plan.txt', 'text/plain', PLAN_001, null);
    add('d', 'plan-scan.pdf', 'application/pdf', ocr(PLAN_001), null, 'ocr');
    add('e', 'other.txt', 'text/plain', PLAN_004, null);
    old.close();

    const db10 = openDb(path);
    try {
      expect(db10.prepare('SELECT id, work_id, copy_kind FROM documents ORDER BY id').raw().all()).toEqual([
        [1, 2, 'ocr'],
        [2, 2, 'text'],
        [3, 3, 'text'],
        [4, 3, 'ocr'],
        [5, 5, 'text'],
      ]);
      expect(db10.prepare('SELECT document_id, copies FROM v_documents ORDER BY document_id').raw().all()).toEqual([[2, 2], [3, 2], [5, 1]]);
      expect(db10.prepare('SELECT count(*) FROM v_document_copies').pluck().get()).toBe(5);
      expect(db10.prepare('SELECT count(*) FROM document_sketches').pluck().get()).toBe(5);
    } finally {
      db10.close();
    }
  });
});

describe('show: a field the shown copy lacks', () => {
  it('is taken from the best copy that has it, and says which', async () => {
    const { show } = await import('../../src/query/show.ts');
    // The text copy lost its date line; its scan kept it.
    storeFile(db, file('letter.txt', [{ ...letter, issued: null }]), ctx);
    storeFile(db, file('letter-scan.pdf', [{ ...letter, text: ocr(LETTER) }], { method: 'ocr' }), ctx);
    expect(new Set(works().map(([, w]) => w)).size).toBe(1);
    const s = show(db, '1');
    expect(s.copies[0]).toMatchObject({ id: 1, primary: true });
    expect(s.document).toMatchObject({ id: 1, issued: '2020-11-17', filledFrom: { issued: 2 } });
    // The copy itself, with --copies, is shown as it is.
    expect(show(db, '1', { copies: true }).document).toMatchObject({ issued: null, filledFrom: {} });
  });
});
