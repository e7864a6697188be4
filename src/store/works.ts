/**
 * One identity per document: every stored document belongs to a work, named by the id of the
 * work's primary (best) copy in `documents.work_id`. A newly stored document joins the works
 * of the documents it is a copy of (src/store/copies.ts decides), merging them when it is a copy
 * of several, and the best copy of the merged work becomes its primary.
 *
 * Candidates come from indexes, not from reading the whole archive: documents with the same
 * number, and documents sharing an LSH band of the text sketch (document_bands).
 */
import type { Db } from './db.ts';
import { prepareCached as prepare } from './statements.ts';
import { bandKeys, compareCopies, conflicting, copyKind, copyReason, sketch, sketchFromBlob, sketchToBlob, type CopyFacts, type CopyKind, type CopyRankFacts } from './copies.ts';
import type { Fold } from './write.ts';

/** How a file's text was obtained, and its mean OCR confidence (1 without OCR). */
export function fileCopyKind(db: Db, fileId: number): { kind: CopyKind; quality: number } {
  const f = prepare(db, 'SELECT media_type FROM files WHERE id = ?').get(fileId) as { media_type: string };
  const pages = prepare(db, 'SELECT method, confidence FROM pages WHERE file_id = ?').all(fileId) as { method: string; confidence: number | null }[];
  const ocr = pages.filter((p) => p.method === 'ocr');
  const quality = ocr.length ? ocr.reduce((a, p) => a + (p.confidence ?? 0), 0) / ocr.length : 1;
  return { kind: copyKind(f.media_type, pages.map((p) => p.method)), quality };
}

/** Store the text sketch and band keys of a document (its text: the file's text over its span). */
export function writeSketch(db: Db, documentId: number, text: string, fold: Fold): void {
  const s = sketch(text, fold);
  prepare(db, 'INSERT OR REPLACE INTO document_sketches (document_id, shingles, minhash) VALUES (?, ?, ?)').run(documentId, s.shingles, sketchToBlob(s));
  prepare(db, 'DELETE FROM document_bands WHERE document_id = ?').run(documentId);
  const ins = prepare(db, 'INSERT INTO document_bands (band_key, document_id) VALUES (?, ?)');
  for (const k of bandKeys(s)) ins.run(k, documentId);
}

type FactRow = { id: number; file_id: number; number_key: string | null; issued: string | null; issuer: string | null; shingles: number | null; minhash: Buffer | null };

const FACTS = `SELECT d.id, d.file_id, d.number_key, d.issued, d.issuer, s.shingles, s.minhash
  FROM documents d LEFT JOIN document_sketches s ON s.document_id = d.id`;

function facts(r: FactRow, fold: Fold): CopyFacts {
  return {
    id: r.id,
    fileId: r.file_id,
    numberKey: r.number_key,
    issued: r.issued,
    issuer: r.issuer ? fold(r.issuer).replace(/[^\p{L}\p{N}]+/gu, ' ').trim() : null,
    sketch: r.shingles === null || !r.minhash ? null : sketchFromBlob(r.shingles, r.minhash),
  };
}

/** Stored documents this one is a copy of. */
export function copiesOf(db: Db, documentId: number, fold: Fold): { id: number; reason: NonNullable<ReturnType<typeof copyReason>> }[] {
  const row = prepare(db, `${FACTS} WHERE d.id = ?`).get(documentId) as FactRow | undefined;
  if (!row) return [];
  const me = facts(row, fold);
  const candidates = new Map<number, FactRow>();
  if (me.numberKey) for (const r of prepare(db, `${FACTS} WHERE d.number_key = ? AND d.file_id <> ?`).all(me.numberKey, me.fileId) as FactRow[]) candidates.set(r.id, r);
  // Documents sharing a band, without those the metadata already rules out (another number,
  // date or issuer), before their signatures are read: a batch of one template sent by every
  // province shares bands by the thousand. The issuer is compared as stored here (the segmenter
  // writes it in one canonical spelling), folded by copyReason.
  const banded = prepare(
    db,
    `${FACTS} WHERE d.id IN (SELECT b.document_id FROM document_bands b
       WHERE b.band_key IN (SELECT band_key FROM document_bands WHERE document_id = @id) AND b.document_id <> @id)
     AND d.file_id <> @file
     AND (d.number_key IS NULL OR @number IS NULL OR d.number_key = @number)
     AND (d.issued IS NULL OR @issued IS NULL OR d.issued = @issued)
     AND (d.issuer IS NULL OR @issuer IS NULL OR d.issuer = @issuer)`,
  ).all({ id: documentId, file: me.fileId, number: me.numberKey, issued: me.issued, issuer: row.issuer }) as FactRow[];
  for (const r of banded) candidates.set(r.id, r);
  const out: { id: number; reason: NonNullable<ReturnType<typeof copyReason>> }[] = [];
  for (const r of candidates.values()) {
    const reason = copyReason(me, facts(r, fold));
    if (reason) out.push({ id: r.id, reason });
  }
  return out.sort((a, b) => a.id - b.id);
}

/** The best copy among these documents (compareCopies). */
function primaryOf(db: Db, ids: number[]): number {
  const ranked: CopyRankFacts[] = ids.map((id) => {
    const d = prepare(db, 'SELECT file_id, char_end - char_start AS length FROM documents WHERE id = ?').get(id) as { file_id: number; length: number };
    return { id, ...fileCopyKind(db, d.file_id), length: d.length };
  });
  return ranked.sort(compareCopies)[0]!.id;
}

/**
 * Put each of these documents into its work: the works of the documents it is a copy of,
 * merged, with the best copy as primary. A document that is no copy is its own work.
 */
export function joinWorks(db: Db, documentIds: number[], fold: Fold): void {
  const members = prepare(db, 'SELECT id FROM documents WHERE work_id = ?');
  const workOf = prepare(db, 'SELECT coalesce(work_id, id) AS w FROM documents WHERE id = ?');
  const factsOf = prepare(db, `${FACTS} WHERE d.id = ?`);
  const setWork = prepare(db, 'UPDATE documents SET work_id = ? WHERE id = ?');
  const read = (id: number) => facts(factsOf.get(id) as FactRow, fold);
  for (const id of documentIds) {
    const own = (workOf.get(id) as { w: number } | undefined)?.w;
    if (own === undefined) continue;
    const all = new Map<number, CopyFacts>();
    for (const r of members.all(own) as { id: number }[]) all.set(r.id, read(r.id));
    all.set(id, read(id));
    // The works of its copies, nearest id first; a work with a document that contradicts one
    // already gathered (another issuer, date or number) stays apart.
    const works: number[] = [];
    for (const c of copiesOf(db, id, fold)) {
      const w = (workOf.get(c.id) as { w: number }).w;
      if (w !== own && !works.includes(w)) works.push(w);
    }
    for (const w of works) {
      const join = (members.all(w) as { id: number }[]).map((r) => read(r.id));
      if (join.some((j) => [...all.values()].some((m) => conflicting(j, m)))) continue;
      for (const j of join) all.set(j.id, j);
    }
    const ids = [...all.keys()];
    const primary = ids.length === 1 ? id : primaryOf(db, ids);
    for (const m of ids) setWork.run(primary, m);
  }
}

/**
 * Documents of other files in the works of this file's documents, which are about to be deleted
 * (the file replaced): the work may have hung together through them, so its other copies are
 * regrouped (`detach`, then `joinWorks`).
 */
export function orphansOf(db: Db, fileId: number): number[] {
  const rows = prepare(
    db,
    `SELECT c.id FROM documents c
     WHERE c.file_id <> @file AND c.work_id IN (SELECT d.work_id FROM documents d WHERE d.file_id = @file)
     ORDER BY c.id`,
  ).all({ file: fileId }) as { id: number }[];
  return rows.map((r) => r.id);
}

/** Make these documents works of their own (before regrouping them). */
export function detach(db: Db, ids: number[]): void {
  const st = prepare(db, 'UPDATE documents SET work_id = id WHERE id = ?');
  for (const id of ids) st.run(id);
}

/** Every document's sketch and work, from scratch: migration 10 on an archive stored before it. */
export function backfillWorks(db: Db, fold: Fold): void {
  const ids: number[] = [];
  const files = db.prepare('SELECT id, text FROM files ORDER BY id').all() as { id: number; text: string }[];
  const docs = db.prepare('SELECT id, char_start, char_end FROM documents WHERE file_id = ? ORDER BY idx');
  const setKind = db.prepare('UPDATE documents SET copy_kind = ?, work_id = id WHERE id = ?');
  for (const f of files) {
    const kind = fileCopyKind(db, f.id).kind;
    for (const d of docs.all(f.id) as { id: number; char_start: number; char_end: number }[]) {
      // JS offsets, as the writer slices them (SQLite's substr counts code points)
      writeSketch(db, d.id, f.text.slice(d.char_start, d.char_end), fold);
      setKind.run(kind, d.id);
      ids.push(d.id);
    }
  }
  joinWorks(db, ids.sort((a, b) => a - b), fold);
}
