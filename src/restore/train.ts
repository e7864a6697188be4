/**
 * Adapting the language model to an archive: count the archive's own clean documents on top of
 * what it learnt before. Garbled documents (the scanned half) are not learnt from: the detector
 * judges each file first. The counts are read from and written to the archive by the caller
 * (`vanban lm train`, through the store's lm_models table): this stage never opens a database.
 */
import { cleanMarkup } from './corpus.ts';
import { lineStats } from './decode.ts';
import type { VbFile } from '../../schemas/document.ts';
import { NgramCounts } from './ngram.ts';

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

/** What an archive learnt so far, as its model row keeps it: the counts and the sources (JSON). */
export interface LearntCounts {
  data: Uint8Array;
  sources: string;
}

/** The model to write back: counts, their token total and sources (JSON), as lm_models keeps them. */
export interface TrainedCounts {
  data: Buffer;
  tokens: number;
  sources: string;
}

export function readArchiveCounts(previous: LearntCounts | null): { counts: NgramCounts; sources: TrainSource[] } {
  if (!previous) return { counts: new NgramCounts(), sources: [] };
  return { counts: NgramCounts.deserialize(previous.data), sources: JSON.parse(previous.sources) as TrainSource[] };
}

/**
 * Add documents (already decoded text) to what the archive learnt before (null: nothing, or
 * `reset`); files seen before (same hash) are skipped. `trained` is the new model for the
 * caller to store, absent when nothing changed.
 */
export function trainArchive(
  previous: LearntCounts | null,
  docs: { path: string; hash: string; text: string }[],
  opts: { reset?: boolean } = {},
): { report: TrainReport; trained?: TrainedCounts } {
  const state = opts.reset ? readArchiveCounts(null) : readArchiveCounts(previous);
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
  report.totalTokens = state.counts.tokens;
  report.sources = state.sources.length;
  if (!report.added.length && !opts.reset) return { report };
  return { report, trained: { data: state.counts.serialize(), tokens: state.counts.tokens, sources: JSON.stringify(state.sources) } };
}

/**
 * Whether a file was read with the restoration model: restoration changed some of it, or some
 * of it is OCR (post-corrected with it). Another model could read such a file otherwise; a clean
 * text is what it is whatever the model. (The store's MODEL_DEPENDENT asks the same of a stored file.)
 */
export function readWithModel(file: VbFile): boolean {
  return Boolean(file.restored?.length) || file.pages.some((p) => p.method === 'ocr');
}

/** The hashes of the files a model was learnt from (its sources, as lm_models keeps them). */
export function learntHashes(sources: string | null): Set<string> {
  return new Set(sources ? (JSON.parse(sources) as TrainSource[]).map((s) => s.hash) : []);
}

/**
 * What a batch learns from the clean files it stores: `ingest` teaches the archive's model as it
 * goes (its restoration model stays the one the batch started with). Clean is text or a text
 * layer that restoration left alone and that does not look garbled: never OCR, never text the
 * model itself restored (it would learn its own mistakes). Only the files are noted as they are
 * stored; they are judged and counted once, at the end of the batch (`into`), from their stored
 * text, after the files another writer taught the model meanwhile are left out.
 */
export class BatchLearner {
  private readonly files: { path: string; hash: string }[] = [];

  constructor(private readonly known: Set<string>) {}

  /**
   * Note a stored file that was not read with the model; whether it was noted. Its text is
   * judged (garbled or not) once, when the batch ends: nothing is read here, on the batch's way.
   */
  learn(file: VbFile): boolean {
    const hash = file.source.hash;
    if (this.known.has(hash) || readWithModel(file)) return false;
    this.files.push({ path: file.source.path, hash });
    this.known.add(hash);
    return true;
  }

  get size(): number {
    return this.files.length;
  }

  /**
   * The files `steps` last handed to a model that was then committed are done: a later teach
   * (a long-running worker teaches now and then) does not go through them again.
   */
  taught(): void {
    this.files.splice(0, this.offered);
    this.offered = 0;
  }

  private offered = 0;

  /**
   * The archive's model with this batch's files added (`textOf` reads a stored file's text);
   * undefined when there is nothing new to learn.
   */
  into(previous: LearntCounts | null, textOf: (hash: string) => string | undefined): { trained?: TrainedCounts; added: TrainSource[] } {
    const steps = this.steps(previous);
    let r = steps.next();
    while (!r.done) r = steps.next(textOf(r.value));
    return r.value;
  }

  /**
   * `into` as steps, for a reader that is not synchronous (a PostgreSQL archive): yields the hash
   * of each file whose stored text it needs, is given the text back (undefined: not stored).
   * The files are learnt in the order of their paths (then hashes), not in the order they were
   * stored: the model's counts and id do not depend on which of several threads or workers
   * finished first, so the same files give the same model on either engine.
   */
  *steps(previous: LearntCounts | null): Generator<string, { trained?: TrainedCounts; added: TrainSource[] }, string | undefined> {
    const state = readArchiveCounts(previous);
    const learnt = new Set(state.sources.map((s) => s.hash));
    const added: TrainSource[] = [];
    this.offered = this.files.length;
    const files = this.files.slice(0, this.offered).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
    for (const f of files) {
      const stored = learnt.has(f.hash) ? undefined : yield f.hash;
      if (stored === undefined) continue;
      const text = cleanMarkup(stored);
      if (garbleRate(text) >= MAX_TRAIN_GARBLE) continue;
      const before = state.counts.tokens;
      state.counts.addText(text);
      added.push({ ...f, tokens: state.counts.tokens - before });
      learnt.add(f.hash);
    }
    if (!added.length) return { added };
    state.sources.push(...added);
    state.counts.sources = state.sources.map((s) => s.path);
    return { added, trained: { data: state.counts.serialize(), tokens: state.counts.tokens, sources: JSON.stringify(state.sources) } };
  }
}
