/**
 * How alike copies are, and how alike different documents are: the figures behind the
 * thresholds of src/store/copies.ts. Reads an archive made from fixtures/
 * (`bin/vanban ingest fixtures/ --db X.db`) and compares every two documents of different
 * files by their folded text (MinHash over word shingles).
 *
 *   node --import tsx bench/copies.ts X.db [--words 3]
 *
 * Which pairs are copies is known from the fixtures: fixtures/pdf/sNNN-* are made from the
 * first pages of seed NNN (scripts/make-pdf-fixtures.ts), so two documents are copies when they
 * come from the same seed and have the same number (or both none: the seed's unnumbered plan).
 */
import Database from 'better-sqlite3';
import { fold } from '../src/normalize/index.ts';
import { SHINGLE_WORDS, SIGNATURE_SIZE, shingleHashes, similarity, sketchOfHashes, type Sketch } from '../src/store/copies.ts';

const args = process.argv.slice(2);
const dbPath = args.find((a) => !a.startsWith('--'));
if (!dbPath) throw new Error('usage: bench/copies.ts ARCHIVE.db [--words N]');
const wi = args.indexOf('--words');
const k = wi >= 0 ? Number(args[wi + 1]) : SHINGLE_WORDS;

const db = new Database(dbPath, { readonly: true });
const rows = db
  .prepare(
    `SELECT d.id, d.file_id, f.path, d.number_key, substr(f.text, d.char_start + 1, d.char_end - d.char_start) AS text
     FROM documents d JOIN files f ON f.id = d.file_id ORDER BY d.id`,
  )
  .all() as { id: number; file_id: number; path: string; number_key: string | null; text: string }[];

function sketchK(text: string): Sketch & { exact: Set<number> } {
  const exact = shingleHashes(text, fold, k);
  return { ...sketchOfHashes(exact), exact };
}

const seedOf = (path: string) => path.match(/(?:^|\/)s?(\d{3})[_-]/)?.[1] ?? path;
const docs = rows.map((r) => ({ ...r, seed: seedOf(r.path), sk: sketchK(r.text) }));

type Pair = { a: string; b: string; copy: boolean; numbered: boolean; jaccard: number; containment: number; exactJaccard: number; exactContainment: number };
const pairs: Pair[] = [];
const name = (d: (typeof docs)[number]) => `#${d.id} ${d.path.replace(/^.*fixtures\//, '')}${d.number_key ? ` ${d.number_key}` : ''}`;
for (let i = 0; i < docs.length; i++) {
  for (let j = i + 1; j < docs.length; j++) {
    const a = docs[i]!;
    const b = docs[j]!;
    if (a.file_id === b.file_id) continue;
    const copy = a.seed === b.seed && (a.number_key ?? 'none') === (b.number_key ?? 'none');
    const s = similarity(a.sk, b.sk);
    let inter = 0;
    for (const x of a.sk.exact) if (b.sk.exact.has(x)) inter++;
    const union = a.sk.exact.size + b.sk.exact.size - inter;
    pairs.push({
      a: name(a),
      b: name(b),
      copy,
      numbered: Boolean(a.number_key && b.number_key),
      jaccard: s.jaccard,
      containment: s.containment,
      exactJaccard: union ? inter / union : 0,
      exactContainment: Math.min(a.sk.exact.size, b.sk.exact.size) ? inter / Math.min(a.sk.exact.size, b.sk.exact.size) : 0,
    });
  }
}

const range = (xs: number[]) => (xs.length ? `${Math.min(...xs).toFixed(2)} … ${Math.max(...xs).toFixed(2)}` : '—');
const copies = pairs.filter((p) => p.copy);
const others = pairs.filter((p) => !p.copy);
// A copy of the whole text vs one of its first pages: very different sizes.
const sizeOf = new Map(docs.map((d) => [name(d), d.sk.shingles]));
const whole = copies.filter((p) => Math.min(sizeOf.get(p.a)!, sizeOf.get(p.b)!) / Math.max(sizeOf.get(p.a)!, sizeOf.get(p.b)!) >= 0.7);
const part = copies.filter((p) => !whole.includes(p));
console.log(`shingles of ${k} words, ${SIGNATURE_SIZE} hashes; ${docs.length} documents, ${pairs.length} pairs of different files`);
console.log(`copies, same extent     (${whole.length} pairs): MinHash Jaccard ${range(whole.map((p) => p.jaccard))} (exact ${range(whole.map((p) => p.exactJaccard))})`);
console.log(`copies, part of a whole (${part.length} pairs): MinHash Jaccard ${range(part.map((p) => p.jaccard))}, containment ${range(part.map((p) => p.containment))} (exact ${range(part.map((p) => p.exactContainment))})`);
console.log(`not copies              (${others.length} pairs): MinHash Jaccard ${range(others.map((p) => p.jaccard))}, containment ${range(others.map((p) => p.containment))} (exact ${range(others.map((p) => p.exactJaccard))}, ${range(others.map((p) => p.exactContainment))})`);
if (args.includes('--pairs')) {
  for (const p of [...pairs].sort((x, y) => y.containment - x.containment).slice(0, args.includes("--all") ? pairs.length : 60)) {
    console.log(`${p.copy ? 'COPY' : '    '} J ${p.jaccard.toFixed(2)} C ${p.containment.toFixed(2)} (exact ${p.exactJaccard.toFixed(2)} ${p.exactContainment.toFixed(2)})  ${p.a}  ~  ${p.b}`);
  }
}
