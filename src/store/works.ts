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
import { all, allEach, exec, get, insertEach, run, runSqlite, type Params, type Q } from './sql.ts';
import { bandKeys, compareCopies, conflicting, copyKind, copyReason, sketch, sketchFromBlob, sketchToBlob, type CopyFacts, type CopyKind, type CopyRankFacts } from './copies.ts';
import type { Fold } from './write.ts';

const FILE_KIND = 'SELECT media_type FROM files WHERE id = ?';
const FILE_PAGES = 'SELECT method, confidence FROM pages WHERE file_id = ?';

/** How a file's text was obtained, and its mean OCR confidence (1 without OCR). */
export function* fileCopyKindQ(fileId: number): Q<{ kind: CopyKind; quality: number }> {
  const f = (yield* get<{ media_type: string }>(FILE_KIND, [fileId]))!;
  const pages = yield* all<{ method: string; confidence: number | null }>(FILE_PAGES, [fileId]);
  return copyKindOf(f, pages);
}

function copyKindOf(f: { media_type: string }, pages: { method: string; confidence: number | null }[]): { kind: CopyKind; quality: number } {
  const ocr = pages.filter((p) => p.method === 'ocr');
  const quality = ocr.length ? ocr.reduce((a, p) => a + (p.confidence ?? 0), 0) / ocr.length : 1;
  return { kind: copyKind(f.media_type, pages.map((p) => p.method)), quality };
}

/** Store the text sketch and band keys of a document (its text: the file's text over its span). */
export function* writeSketch(documentId: number, text: string, fold: Fold): Q<void> {
  const s = sketch(text, fold);
  yield* run('INSERT OR REPLACE INTO document_sketches (document_id, shingles, minhash) VALUES (?, ?, ?)', [documentId, s.shingles, sketchToBlob(s)]);
  yield* run('DELETE FROM document_bands WHERE document_id = ?', [documentId]);
  const keys = bandKeys(s);
  yield* insertEach('document_bands', 'INSERT INTO document_bands (band_key, document_id) VALUES (?, ?)', keys.length, (i) => [keys[i], documentId]);
}

/** The sketches and band keys of documents just written (none yet): one statement for each table. */
export function* writeSketches(docs: { id: number; text: string }[], fold: Fold): Q<void> {
  const sketches = docs.map((d) => ({ id: d.id, s: sketch(d.text, fold) }));
  yield* insertEach('document_sketches', 'INSERT INTO document_sketches (document_id, shingles, minhash) VALUES (?, ?, ?)', sketches.length, (i) => [sketches[i]!.id, sketches[i]!.s.shingles, sketchToBlob(sketches[i]!.s)]);
  const bands = sketches.flatMap(({ id, s }) => bandKeys(s).map((k) => [k, id]));
  yield* insertEach('document_bands', 'INSERT INTO document_bands (band_key, document_id) VALUES (?, ?)', bands.length, (i) => bands[i]!);
}

type FactRow = { id: number; file_id: number; number_key: string | null; issued: string | null; issuer: string | null; shingles: number | null; minhash: Buffer | null; w: number };

const FACTS = `SELECT d.id, d.file_id, d.number_key, d.issued, d.issuer, s.shingles, s.minhash, coalesce(d.work_id, d.id) AS w
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
type Copy = { id: number; reason: NonNullable<ReturnType<typeof copyReason>>; /** its work */ work: number };

export function copiesOf(db: Db, documentId: number, fold: Fold): Copy[] {
  return runSqlite(db, copiesOfQ(documentId, fold));
}

export function* copiesOfQ(documentId: number, fold: Fold): Q<Copy[]> {
  const row = yield* get<FactRow>(`${FACTS} WHERE d.id = ?`, [documentId]);
  if (!row) return [];
  return copiesAmong(row, yield* allEach<FactRow>(copyReads(row, fold)), fold);
}

/**
 * The reads of the candidates for a document's copies (its FACTS row): documents with its
 * number, and documents sharing a band, without those the metadata already rules out (another
 * number, date or issuer), before their signatures are read: a batch of one template sent by
 * every province shares bands by the thousand. The issuer is compared as stored here (the
 * segmenter writes it in one canonical spelling), folded by copyReason.
 */
function copyReads(row: FactRow, fold: Fold): { sql: string; params: Params }[] {
  const me = facts(row, fold);
  const reads: { sql: string; params: Params }[] = [];
  if (me.numberKey) reads.push({ sql: `${FACTS} WHERE d.number_key = ? AND d.file_id <> ?`, params: [me.numberKey, me.fileId] });
  reads.push({
    sql: `${FACTS} WHERE d.id IN (SELECT b.document_id FROM document_bands b
       WHERE b.band_key IN (SELECT band_key FROM document_bands WHERE document_id = @id) AND b.document_id <> @id)
     AND d.file_id <> @file
     AND (d.number_key IS NULL OR @number IS NULL OR d.number_key = @number)
     AND (d.issued IS NULL OR @issued IS NULL OR d.issued = @issued)
     AND (d.issuer IS NULL OR @issuer IS NULL OR d.issuer = @issuer)`,
    params: { id: row.id, file: me.fileId, number: me.numberKey, issued: me.issued, issuer: row.issuer },
  });
  return reads;
}

/** The copies among the candidates copyReads found (their answers, in its order). */
function copiesAmong(row: FactRow, found: FactRow[][], fold: Fold): Copy[] {
  const me = facts(row, fold);
  const candidates = new Map<number, FactRow>();
  for (const rows of found) for (const r of rows) candidates.set(r.id, r);
  const out: Copy[] = [];
  for (const r of candidates.values()) {
    const reason = copyReason(me, facts(r, fold));
    if (reason) out.push({ id: r.id, reason, work: r.w });
  }
  return out.sort((a, b) => a.id - b.id);
}

/** The best copy among these documents (compareCopies). Reads of one kind sent together. */
function* primaryOf(ids: number[]): Q<number> {
  const docs = (yield* allEach<{ file_id: number; length: number }>(ids.map((id) => ({ sql: 'SELECT file_id, char_end - char_start AS length FROM documents WHERE id = ?', params: [id] })))).map((r) => r[0]!);
  const files = yield* allEach<any>(docs.flatMap((d) => [{ sql: FILE_KIND, params: [d.file_id] }, { sql: FILE_PAGES, params: [d.file_id] }]));
  const ranked: CopyRankFacts[] = ids.map((id, i) => ({ id, ...copyKindOf(files[2 * i]![0]!, files[2 * i + 1]!), length: docs[i]!.length }));
  return ranked.sort(compareCopies)[0]!.id;
}

/**
 * Put each of these documents into its work: the works of the documents it is a copy of,
 * merged, with the best copy as primary. A document that is no copy is its own work.
 */
export function* joinWorks(documentIds: number[], fold: Fold): Q<void> {
  // A work's documents with their facts, in one read (the order of their ids).
  // Reads that need no answer of one another are sent together (PostgreSQL: one round trip).
  const members = (w: number) => ({ sql: `${FACTS} WHERE d.work_id = ? ORDER BY d.id`, params: [w] });
  for (const id of documentIds) {
    const me = yield* get<FactRow>(`${FACTS} WHERE d.id = ?`, [id]);
    if (!me) continue;
    const own = me.w;
    const gathered = new Map<number, CopyFacts>();
    const workOf = new Map<number, number>();
    const [ownRows, ...found] = yield* allEach<FactRow>([members(own), ...copyReads(me, fold)]);
    for (const r of ownRows!) {
      gathered.set(r.id, facts(r, fold));
      workOf.set(r.id, r.w);
    }
    gathered.set(id, facts(me, fold));
    workOf.set(id, own);
    // The works of its copies, nearest id first; a work with a document that contradicts one
    // already gathered (another issuer, date or number) stays apart.
    const works: number[] = [];
    for (const c of copiesAmong(me, found, fold)) {
      if (c.work !== own && !works.includes(c.work)) works.push(c.work);
    }
    const memberRows = yield* allEach<FactRow>(works.map(members));
    for (let wi = 0; wi < works.length; wi++) {
      const rows = memberRows[wi]!;
      const join = rows.map((r) => facts(r, fold));
      if (join.some((j) => [...gathered.values()].some((m) => conflicting(j, m)))) continue;
      for (const [i, j] of join.entries()) {
        gathered.set(j.id, j);
        workOf.set(j.id, rows[i]!.w);
      }
    }
    const ids = [...gathered.keys()];
    const primary = ids.length === 1 ? id : yield* primaryOf(ids);
    // Only the documents whose work changes are written.
    for (const m of ids) if (workOf.get(m) !== primary) yield* exec('UPDATE documents SET work_id = ? WHERE id = ?', [primary, m]);
  }
}

/**
 * Documents of other files in the works of this file's documents, which are about to be deleted
 * (the file replaced): the work may have hung together through them, so its other copies are
 * regrouped (`detach`, then `joinWorks`).
 */
export function* orphansOf(fileId: number): Q<number[]> {
  const rows = yield* all<{ id: number }>(
    `SELECT c.id FROM documents c
     WHERE c.file_id <> @file AND c.work_id IN (SELECT d.work_id FROM documents d WHERE d.file_id = @file)
     ORDER BY c.id`,
    { file: fileId },
  );
  return rows.map((r) => r.id);
}

/** Make these documents works of their own (before regrouping them). */
export function* detach(ids: number[]): Q<void> {
  for (const id of ids) yield* exec('UPDATE documents SET work_id = id WHERE id = ?', [id]);
}

/** Every document's sketch and work, from scratch: migration 10 on an archive stored before it. */
export function backfillWorks(db: Db, fold: Fold): void {
  const ids: number[] = [];
  const files = db.prepare('SELECT id, text FROM files ORDER BY id').all() as { id: number; text: string }[];
  const docs = db.prepare('SELECT id, char_start, char_end FROM documents WHERE file_id = ? ORDER BY idx');
  const setKind = db.prepare('UPDATE documents SET copy_kind = ?, work_id = id WHERE id = ?');
  for (const f of files) {
    const kind = runSqlite(db, fileCopyKindQ(f.id)).kind;
    for (const d of docs.all(f.id) as { id: number; char_start: number; char_end: number }[]) {
      // JS offsets, as the writer slices them (SQLite's substr counts code points)
      runSqlite(db, writeSketch(d.id, f.text.slice(d.char_start, d.char_end), fold));
      setKind.run(kind, d.id);
      ids.push(d.id);
    }
  }
  runSqlite(db, joinWorks(ids.sort((a, b) => a - b), fold));
}
