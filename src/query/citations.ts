/**
 * The citation graph: who cites a document (`cites`), what a document cites (`refs`).
 * Citations are matched by the folded number key the store computes (so "45/2020/ND-CP",
 * "45/2020/nđ-cp" and "45/2020/NĐ-CP" are one number); laws cited by name are matched by
 * their folded name.
 */
import type { Database } from 'better-sqlite3';
import type { CitedDocument, CitingRow, RefRow } from '../../schemas/query.ts';
import { RELATIONS } from '../../schemas/vocabulary.ts';
import { fold } from '../normalize/index.ts';
import { numberKey } from '../store/write.ts';
import { all, runSqlite, type Q } from '../store/sql.ts';
import { SUMMARY_COLUMNS, documentsView, containsWords, foldWords, inIds, resolveDocumentQ, summaryFromRow, type DocumentFilter, type DocumentSummary, filterDocumentIdsQ } from './common.ts';
import { issuerForms } from './agency.ts';
import { sentenceAround } from './sentence.ts';

export type { CitingRow, RefRow };

/** What a citing row and a reference row share: the citation and what it names. */
type Citation = Omit<CitingRow, 'document'> & { cited: CitedDocument };

export interface CitesOptions extends DocumentFilter {
  relation?: string;
}

/**
 * Characters of context read around a citation: enough for the sentence (sentenceAround stops
 * at 400), without copying whole file texts for every row. SQLite counts characters, JS UTF-16
 * units: they agree on Vietnamese text (all in the BMP); the citation is re-found in the window
 * below in case they do not.
 */
const WINDOW = 600;

const CITATION_COLUMNS = `r.id AS ref_id, r.relation, r.text AS citation, r.page, r.char_start, r.char_end,
  r.number AS cited_number, r.type AS cited_type, r.name AS cited_name, r.issued AS cited_issued, r.issuer AS cited_issuer,
  max(0, r.char_start - ${WINDOW}) AS window_start,
  substr(f.text, max(0, r.char_start - ${WINDOW}) + 1, r.char_end - max(0, r.char_start - ${WINDOW}) + ${WINDOW}) AS window_text`;

function citationFromRow(r: Record<string, any>): Citation {
  return {
    referenceId: r.ref_id,
    relation: r.relation,
    citation: r.citation,
    sentence: citationSentence(r),
    page: r.page,
    charStart: r.char_start,
    charEnd: r.char_end,
    cited: { number: r.cited_number, type: r.cited_type, name: r.cited_name, issued: r.cited_issued, issuer: r.cited_issuer },
  };
}

function citationSentence(r: Record<string, any>): string {
  const text = (r.window_text as string | null) ?? '';
  let at = r.char_start - r.window_start;
  const len = r.char_end - r.char_start;
  const probe = (r.citation as string).slice(0, 24);
  if (probe && text.slice(at, at + probe.length) !== probe) {
    // Offsets disagree (astral characters before the citation): the nearest occurrence.
    const before = text.lastIndexOf(probe, at);
    const after = text.indexOf(probe, at);
    const best = [before, after].filter((x) => x >= 0).sort((a, b) => Math.abs(a - at) - Math.abs(b - at))[0];
    if (best !== undefined) at = best;
  }
  return sentenceAround(text, at, at + len);
}

function relationRank(rel: string): number {
  // An archive written by an older extractor may hold a relation no longer in the list: last.
  const i = (RELATIONS as readonly string[]).indexOf(rel);
  return i < 0 ? RELATIONS.length : i;
}

/**
 * Documents that cite `target`: a number ("45/2020/NĐ-CP"), or a law's name
 * ("Luật Giao dịch điện tử", matched folded and by words). One row per citation record; the
 * extractor already keeps one record per cited document per citing document.
 */
export function cites(db: Database, target: string, opts: CitesOptions = {}): CitingRow[] {
  return runSqlite(db, citesQ(target, opts));
}

export function* citesQ(target: string, opts: CitesOptions = {}): Q<CitingRow[]> {
  const ids = yield* filterDocumentIdsQ(opts, issuerForms);
  const key = numberKey(target, fold);
  const looksNumbered = /\d/.test(target) && /\//.test(target);
  let rows: Record<string, any>[];
  // Citing documents: one per work (its primary copy's citations), or every copy with --copies.
  const base = `SELECT ${SUMMARY_COLUMNS}, ${CITATION_COLUMNS}
    FROM doc_references r
    JOIN ${documentsView(opts.copies)} vd ON vd.document_id = r.document_id
    JOIN files f ON f.id = vd.file_id`;
  if (looksNumbered && key) {
    rows = yield* all(`${base} WHERE r.number_key = ? AND ${inIds('r.document_id', ids)}`, [key]);
  } else {
    // By name: the words of the query among the words of the cited name (or type + name).
    const want = foldWords(target);
    const candidates = yield* all(`${base} WHERE r.name IS NOT NULL AND ${inIds('r.document_id', ids)}`);
    // The law itself when its name is given whole; else every law whose name holds the words
    // ("Luật tổ chức chính quyền địa phương" is not also the law that amends it).
    const names = (r: Record<string, any>) => [foldWords(r.cited_name ?? ''), foldWords(`${r.cited_type ?? ''} ${r.cited_name ?? ''}`)];
    const exact = candidates.filter((r) => names(r).some((n) => n.join(' ') === want.join(' ')));
    rows = exact.length ? exact : candidates.filter((r) => names(r).some((n) => containsWords(n, want)));
  }
  const out = rows.map((r) => ({ ...citationFromRow(r), document: summaryFromRow(r) }));
  const filtered = opts.relation ? out.filter((r) => fold(r.relation) === fold(opts.relation!)) : out;
  return filtered.sort(
    (a, b) =>
      (a.document.issued ?? '9999').localeCompare(b.document.issued ?? '9999') ||
      a.document.id - b.document.id ||
      relationRank(a.relation) - relationRank(b.relation) ||
      a.charStart - b.charStart,
  );
}

/**
 * What a document cites, in text order, each resolved to the stored document when present: to
 * the cited work's primary copy, or (`copies`) to the copy the citation was resolved to.
 */
export function refs(db: Database, selector: string, opts: { copies?: boolean } = {}): { document: DocumentSummary; references: RefRow[] } {
  return runSqlite(db, refsQ(selector, opts));
}

export function* refsQ(selector: string, opts: { copies?: boolean } = {}): Q<{ document: DocumentSummary; references: RefRow[] }> {
  const doc = yield* resolveDocumentQ(selector, opts);
  const rows = yield* all(
      `SELECT ${CITATION_COLUMNS}, r.target_document_id,
         td.document_id AS doc_id, td.type AS doc_type, td.number AS doc_number, td.issued AS doc_issued, td.issuer AS doc_issuer,
         td.province AS doc_province, td.subject AS doc_subject, td.file_path AS doc_file, td.idx AS doc_index, td.work_id AS doc_work
       FROM doc_references r
       JOIN documents d ON d.id = r.document_id
       JOIN files f ON f.id = d.file_id
       LEFT JOIN documents t0 ON t0.id = r.target_document_id
       LEFT JOIN ${documentsView(opts.copies)} td ON td.document_id = ${opts.copies ? 't0.id' : 'coalesce(t0.work_id, t0.id)'}
       WHERE r.document_id = ?
       ORDER BY r.char_start, r.ord`,
    [doc.id],
  );
  return {
    document: doc,
    references: rows.map((r) => ({ ...citationFromRow(r), resolved: r.target_document_id == null ? null : summaryFromRow(r) })),
  };
}
