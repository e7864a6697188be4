/**
 * Adapting the language model to an archive: count the archive's own clean documents and keep
 * the counts in the archive DB (table lm_models). Garbled documents (the scanned half) are not
 * learnt from: the detector judges each file first.
 */
import type { Database } from 'better-sqlite3';
import { cleanMarkup } from './corpus.ts';
import { lineStats } from './decode.ts';
import { NgramCounts } from './ngram.ts';
import { DEFAULT_LM_NAME, readLm, writeLm } from '../store/lm-table.ts';

export interface TrainSource {
  path: string;
  hash: string;
  tokens: number;
}

export interface TrainReport {
  added: TrainSource[];
  skipped: { path: string; reason: string }[];
  totalTokens: number;
  sources: number;
}

/** Fraction of word tokens that look garbled or unmarked: clean Vietnamese is well under 0.3. */
export function garbleRate(text: string): number {
  let words = 0;
  let bad = 0;
  for (const line of text.split('\n')) {
    const s = lineStats(line);
    words += s.words;
    bad += s.invalid + 0.6 * s.plain;
  }
  return words ? bad / words : 1;
}

export const MAX_TRAIN_GARBLE = 0.3;

export function readArchiveCounts(db: Database, name = DEFAULT_LM_NAME): { counts: NgramCounts; sources: TrainSource[] } {
  const row = readLm(db, name);
  if (!row) return { counts: new NgramCounts(), sources: [] };
  return { counts: NgramCounts.deserialize(row.data), sources: JSON.parse(row.sources) as TrainSource[] };
}

/** Add documents (already decoded text) to the archive's model; files seen before (same hash) are skipped. */
export function trainArchive(
  db: Database,
  docs: { path: string; hash: string; text: string }[],
  opts: { name?: string; reset?: boolean } = {},
): TrainReport {
  const name = opts.name ?? DEFAULT_LM_NAME;
  const state = opts.reset ? { counts: new NgramCounts(), sources: [] as TrainSource[] } : readArchiveCounts(db, name);
  const seen = new Set(state.sources.map((s) => s.hash));
  const report: TrainReport = { added: [], skipped: [], totalTokens: 0, sources: 0 };
  for (const d of docs) {
    if (seen.has(d.hash)) {
      report.skipped.push({ path: d.path, reason: 'already learnt (same content)' });
      continue;
    }
    const text = cleanMarkup(d.text);
    const g = garbleRate(text);
    if (g >= MAX_TRAIN_GARBLE) {
      report.skipped.push({ path: d.path, reason: `text looks garbled or unmarked (score ${g.toFixed(2)}); restore it rather than learn from it` });
      continue;
    }
    const before = state.counts.tokens;
    state.counts.addText(text);
    const src = { path: d.path, hash: d.hash, tokens: state.counts.tokens - before };
    state.sources.push(src);
    report.added.push(src);
    seen.add(d.hash);
  }
  state.counts.sources = state.sources.map((s) => s.path);
  if (report.added.length || opts.reset) {
    writeLm(db, {
      name,
      data: state.counts.serialize(),
      tokens: state.counts.tokens,
      sources: JSON.stringify(state.sources),
      updated: new Date().toISOString(),
    });
  }
  report.totalTokens = state.counts.tokens;
  report.sources = state.sources.length;
  return report;
}
