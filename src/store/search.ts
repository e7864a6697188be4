/**
 * Full-text search over section text. The query is folded the same way the index's `folded`
 * column was (lowercase, no diacritics, đ→d), so "dien tu" finds "điện tử" and "Điện Tử".
 *
 * Vietnamese words are written as separate syllables, so an unquoted multi-word query is
 * usually meant as a phrase: hits containing the whole query as a phrase rank first (bm25
 * within the tier), then hits containing every word. Quoted "…" phrases, a trailing * for a
 * prefix, and OR between terms are understood; anything else in the query is literal text.
 */
import type { SearchHit } from '../../schemas/query.ts';
import type { Db } from './db.ts';
import { all, dialect, runSqlite, type Dialect, type Q } from './sql.ts';
import type { Fold } from './write.ts';

export interface SearchFilters {
  type?: string;
  issuer?: string;
  issuedFrom?: string; // YYYY-MM-DD, inclusive
  issuedTo?: string;
  documentIds?: number[];
}

export interface SearchOptions {
  fold: Fold;
  limit?: number;
  filters?: SearchFilters;
  /** Highlight markers around matched words in snippets. */
  mark?: [string, string];
  /** Snippet length in characters (about). */
  snippetChars?: number;
  /** Hits in every stored copy of a document; by default only in each work's primary copy. */
  copies?: boolean;
}

/** A hit; the shape of `vanban search --json` (schemas/query.ts). */
export type { SearchHit };

interface Term {
  words: string[]; // folded words; more than one = phrase
  prefix: boolean;
}

interface ParsedQuery {
  /** Disjunction of conjunctions of terms, each term once. */
  groups: Term[][];
  /** With one group: its terms as typed, repeats kept (the phrase tier needs the word order). */
  sequence: Term[];
}

const WORD = /[\p{L}\p{N}]+/gu;

function words(s: string, fold: Fold): string[] {
  return fold(s).match(WORD) ?? [];
}

/** Parse the user's query; folding happens here. */
export function parseQuery(query: string, fold: Fold): ParsedQuery {
  const groups: Term[][] = [[]];
  const re = /"([^"]*)"?|(\S+)/g;
  for (let m; (m = re.exec(query)); ) {
    if (m[2] === 'OR') {
      if (groups[groups.length - 1].length) groups.push([]);
      continue;
    }
    const raw = m[1] ?? m[2];
    const prefix = m[1] === undefined && raw.endsWith('*');
    const ws = words(raw, fold);
    if (!ws.length) continue;
    if (m[1] !== undefined) groups[groups.length - 1].push({ words: ws, prefix: false });
    else ws.forEach((w, i) => groups[groups.length - 1].push({ words: [w], prefix: prefix && i === ws.length - 1 }));
  }
  // A term said twice is the same condition: "thực thực … thực" (2,000 times) asked FTS5 for
  // 2,000 doclist scans and bm25 over 2,000 phrases per row (minutes). Same for a repeated group.
  const key = (t: Term) => `${t.prefix ? '*' : ''}${t.words.join(' ')}`;
  const unique = <T>(xs: T[], k: (x: T) => string) => [...new Map(xs.map((x) => [k(x), x])).values()];
  const typed = groups.filter((g) => g.length);
  const deduped = unique(typed.map((g) => unique(g, key)), (g) => g.map(key).sort().join('\n'));
  return { groups: deduped, sequence: typed.length === 1 ? typed[0]! : [] };
}

const quote = (w: string) => `"${w.replace(/"/g, '""')}"`;

function termExpr(t: Term): string {
  return t.words.length > 1 ? quote(t.words.join(' ')) : quote(t.words[0]) + (t.prefix ? '*' : '');
}

/** FTS5 MATCH expression for the folded column: every term of a group, any group. */
export function matchExpression(q: ParsedQuery): string | null {
  if (!q.groups.length) return null;
  const ors = q.groups.map((g) => g.map(termExpr).join(' AND '));
  return `folded : (${ors.map((o) => `(${o})`).join(' OR ')})`;
}

/**
 * Longest query that is also tried as one phrase. FTS5 reads a phrase's doclists once per word
 * of it, for every row holding its first word: a pasted page of 2,000 words as a phrase took
 * half a minute. Longer queries are ranked by their words alone.
 */
export const MAX_PHRASE_WORDS = 64;

/** The whole query as one phrase, when it is a plain run of two or more (at most MAX_PHRASE_WORDS) words. */
export function phraseExpression(q: ParsedQuery): string | null {
  if (q.groups.length !== 1) return null;
  const g = q.sequence;
  if (g.length < 2 || g.length > MAX_PHRASE_WORDS || g.some((t) => t.words.length > 1 || t.prefix)) return null;
  return `folded : ${quote(g.map((t) => t.words[0]).join(' '))}`;
}

/**
 * The same query for PostgreSQL's index (a tsvector of the folded text's words): a word, a
 * word prefix (`w:*`), a phrase (`a <-> b`), every term of a group, any group.
 */
export function tsQuery(q: ParsedQuery): string | null {
  if (!q.groups.length) return null;
  const lex = (w: string) => `'${w.replace(/'/g, "''")}'`;
  const term = (t: Term) => (t.words.length > 1 ? `(${t.words.map(lex).join(' <-> ')})` : lex(t.words[0]!) + (t.prefix ? ':*' : ''));
  return q.groups.map((g) => `(${g.map(term).join(' & ')})`).join(' | ');
}

/** The whole query as one phrase for PostgreSQL (see phraseExpression). */
export function tsPhrase(q: ParsedQuery): string | null {
  if (!phraseExpression(q)) return null;
  return q.sequence.map((t) => `'${t.words[0]!.replace(/'/g, "''")}'`).join(' <-> ');
}

function filterSql(f: SearchFilters | undefined, engine: Dialect = 'sqlite'): { sql: string; params: Record<string, unknown> } {
  const conds: string[] = [];
  const params: Record<string, unknown> = {};
  if (f?.type) {
    conds.push('d.type = @type');
    params.type = f.type;
  }
  if (f?.issuer) {
    conds.push('d.issuer = @issuer');
    params.issuer = f.issuer;
  }
  if (f?.issuedFrom) {
    conds.push('d.issued >= @issuedFrom');
    params.issuedFrom = f.issuedFrom;
  }
  if (f?.issuedTo) {
    conds.push('d.issued <= @issuedTo');
    params.issuedTo = f.issuedTo;
  }
  if (f?.documentIds) {
    // Bound as one JSON parameter: any number of ids, no SQL text built from values.
    conds.push(engine === 'sqlite' ? 'd.id IN (SELECT value FROM json_each(@documentIds))' : 'd.id IN (SELECT value::bigint FROM json_array_elements_text(CAST(@documentIds AS json)))');
    params.documentIds = JSON.stringify(f.documentIds.map(Number));
  }
  return { sql: conds.map((c) => ` AND ${c}`).join(''), params };
}

export function search(db: Db, query: string, opts: SearchOptions): SearchHit[] {
  return runSqlite(db, searchQ(query, opts));
}

/**
 * The SQL of a search: FTS5 MATCH and bm25 on SQLite; on PostgreSQL the GIN-indexed tsvector of
 * the folded text and ts_rank (negated, so lower is better as with bm25: the same hits, ranked
 * by the same tiers, the scores of another formula).
 */
function searchSql(engine: Dialect, filter: string, exclude: boolean): string {
  const cols = `s.id AS section_id, s.key, s.kind, s.label, s.heading, s.text, s.char_start, s.char_end, s.page,
              d.id AS document_id, d.idx, d.type, d.number, d.issued, d.issuer, d.subject, f.hash, f.path`;
  if (engine === 'postgres') {
    return `SELECT ${cols}, -ts_rank(x.tsv, to_tsquery('simple', @match)) AS score
       FROM sections_folded x
       JOIN sections s ON s.id = x.id
       JOIN documents d ON d.id = s.document_id
       JOIN files f ON f.id = d.file_id
       WHERE x.tsv @@ to_tsquery('simple', @match) ${filter}
         ${exclude ? "AND NOT (x.tsv @@ to_tsquery('simple', @phrase))" : ''}
       ORDER BY score, s.id
       LIMIT @limit`;
  }
  return `SELECT ${cols}, bm25(sections_fts, 1.0) AS score
       FROM sections_fts
       JOIN sections s ON s.id = sections_fts.rowid
       JOIN documents d ON d.id = s.document_id
       JOIN files f ON f.id = d.file_id
       WHERE sections_fts MATCH @match ${filter}
         ${exclude ? 'AND sections_fts.rowid NOT IN (SELECT rowid FROM sections_fts WHERE sections_fts MATCH @phrase)' : ''}
       ORDER BY score, s.id
       LIMIT @limit`;
}

export function* searchQ(query: string, opts: SearchOptions): Q<SearchHit[]> {
  const engine = yield* dialect();
  const limit = Math.max(1, opts.limit ?? 20);
  const parsed = parseQuery(query, opts.fold);
  const every = engine === 'postgres' ? tsQuery(parsed) : matchExpression(parsed);
  if (!every) return [];
  const phrase = engine === 'postgres' ? tsPhrase(parsed) : phraseExpression(parsed);
  const filter = filterSql(opts.filters, engine);
  // One hit per document, not one per copy: the text of each work's primary copy (works.ts).
  if (!opts.copies) filter.sql += ' AND coalesce(d.work_id, d.id) = d.id';
  const rows: (Record<string, any> & { phrase: boolean })[] = [];
  if (phrase) {
    for (const r of yield* all(searchSql(engine, filter.sql, false), { ...filter.params, match: phrase, limit })) rows.push({ ...r, phrase: true });
  }
  if (rows.length < limit) {
    const params = { ...filter.params, match: every, limit: limit - rows.length, ...(phrase ? { phrase } : {}) };
    for (const r of yield* all(searchSql(engine, filter.sql, !!phrase), params)) rows.push({ ...r, phrase: false });
  }
  const terms = parsed.groups.flat();
  return rows.map((r) => ({
    document: {
      id: r.document_id,
      file: r.hash,
      path: r.path,
      index: r.idx,
      type: r.type,
      number: r.number,
      issued: r.issued,
      issuer: r.issuer,
      subject: r.subject,
    },
    section: {
      id: r.section_id,
      key: r.key,
      kind: r.kind,
      label: r.label,
      heading: r.heading,
      start: r.char_start,
      end: r.char_end,
      page: r.page,
    },
    snippet: snippet(r.heading && !r.text.includes(r.heading) ? `${r.heading}\n${r.text}` : r.text, terms, opts),
    score: r.score,
    phrase: r.phrase,
  }));
}

/** Fold character by character, keeping a map from folded offsets back to the original. */
export function foldWithMap(text: string, fold: Fold): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = fold(ch);
    for (let k = 0; k < f.length; k++) origin.push(i);
    folded += f;
    i += ch.length;
  }
  origin.push(i);
  return { folded, origin };
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Spans (in the original text) where a term matches on word boundaries. */
export function matchSpans(text: string, terms: { words: string[]; prefix: boolean }[], fold: Fold): [number, number][] {
  const { folded, origin } = foldWithMap(text, fold);
  const spans: [number, number][] = [];
  for (const t of terms) {
    // A phrase matches its words separated by any run of non-word characters.
    const pattern = t.words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^\\p{L}\\p{N}]+');
    const re = new RegExp(pattern, 'gu');
    for (let m; (m = re.exec(folded)); ) {
      const s = m.index;
      const e = s + m[0].length;
      if (!isWordChar(folded[s - 1]) && (t.prefix || !isWordChar(folded[e]))) spans.push([origin[s], origin[e]]);
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const sp of spans) {
    const last = merged[merged.length - 1];
    // Adjacent words are marked as one run: «dịch vụ công», not «dịch» «vụ» «công».
    if (last && (sp[0] <= last[1] || /^[^\S\n]+$/.test(text.slice(last[1], sp[0])))) last[1] = Math.max(last[1], sp[1]);
    else merged.push([...sp]);
  }
  return merged;
}

/** A window of the text around the densest cluster of matches, matches marked. */
export function snippet(text: string, terms: Term[], opts: Pick<SearchOptions, 'fold' | 'mark' | 'snippetChars'>): string {
  const [open, close] = opts.mark ?? ['«', '»'];
  const width = opts.snippetChars ?? 200;
  const flat = text.replace(/\s+/g, ' ');
  // Whitespace collapsing keeps offsets only if we match on the collapsed text.
  const spans = matchSpans(flat, terms, opts.fold);
  let from = 0;
  if (spans.length) {
    let best = 0;
    let bestCount = -1;
    for (let i = 0; i < spans.length; i++) {
      let n = 0;
      for (let j = i; j < spans.length && spans[j][1] - spans[i][0] <= width; j++) n++;
      if (n > bestCount) {
        bestCount = n;
        best = i;
      }
    }
    from = Math.max(0, spans[best][0] - Math.floor(width / 4));
  }
  let to = Math.min(flat.length, from + width);
  // Do not cut words in half.
  while (from > 0 && isWordChar(flat[from - 1])) from--;
  while (to < flat.length && isWordChar(flat[to])) to++;
  let out = '';
  let at = from;
  for (const [s, e] of spans) {
    if (e <= from || s >= to) continue;
    out += flat.slice(at, Math.max(at, s)) + open + flat.slice(Math.max(s, from), Math.min(e, to)) + close;
    at = Math.min(e, to);
  }
  out += flat.slice(at, to);
  return (from > 0 ? '…' : '') + out.trim() + (to < flat.length ? '…' : '');
}
