/**
 * Diacritic restoration / OCR post-correction stage.
 *
 * `restoreFile` replaces file.text with the restored text (same number of lines), leaves
 * file.original alone, and lists every changed token in file.restored (offsets into the new
 * text, with a confidence). The model (shipped trigram counts + the archive's adapted counts,
 * channel trie) comes from the caller, who reads the archive's counts through the store.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dataPath } from '../lib/root.ts';
import { remapFile } from '../lib/offsets.ts';
import type { VbFile } from '../../schemas/document.ts';
import { Channel } from './channel.ts';
import { DEFAULT_PARAMS, restoreText, type DecoderParams, type RestoreModel, type RestoreResult } from './decode.ts';
import { AdaptedModel, adaptedWeight, NgramCounts, TrigramModel, type SharedAdapted, type SharedTrigram } from './ngram.ts';
import { syllableInventory } from '../knowledge/syllable.ts';
import { GENRE_LM_FILE, gazetteerText } from './corpus.ts';
import { restoreMessages } from './messages.ts';

export { restoreText, type RestoreModel, type RestoreResult } from './decode.ts';

export interface RestoreOptions {
  /**
   * The model to restore with, chosen by the caller (a batch chooses it once, at its start);
   * default: the shipped model alone.
   */
  model?: RestoreModel;
  /** Force restoration on every line, skipping the detector. */
  force?: boolean;
  /** Never restore. */
  off?: boolean;
}

export const BASE_LM_FILE = dataPath('lm', 'base.bin.gz');
export const CODE_SEGMENTS_FILE = dataPath('lm', 'code-segments.txt');
/** How much one token of the archive's own clean text counts against one of the shipped corpus. */
export const ARCHIVE_WEIGHT = 2;

let BASE: NgramCounts | null = null;
/** The shipped counts, with the names of data/gazetteer/ (so a table's new name is known at once) and the genre documents of data/lm/genre/ counted in. */
export function loadBaseCounts(): NgramCounts {
  if (BASE) return BASE;
  BASE = NgramCounts.deserialize(readFileSync(BASE_LM_FILE));
  BASE.addText(gazetteerText());
  BASE.sources.push('data/gazetteer (names)');
  if (existsSync(GENRE_LM_FILE)) {
    const genre = NgramCounts.deserialize(readFileSync(GENRE_LM_FILE));
    const documents = genre.sources.length;
    genre.sources = []; // one line for them all, not one per document
    BASE.merge(genre);
    BASE.sources.push(`data/lm/genre (${documents} documents)`);
  }
  return BASE;
}

let CHANNEL: Channel | null = null;
function sharedChannel(): Channel {
  return (CHANNEL ??= new Channel());
}

function codeSegments(): Set<string> {
  return new Set(
    readFileSync(CODE_SEGMENTS_FILE, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
}

/**
 * Build a model from the shipped counts plus optional extra counts (an archive's), optionally
 * leaving the shipped counts out (for experiments).
 */
export function buildModel(opts: { extra?: NgramCounts[]; base?: NgramCounts | null; params?: Partial<DecoderParams> } = {}): RestoreModel {
  const base = opts.base === undefined ? loadBaseCounts() : opts.base;
  let counts: NgramCounts;
  if (!opts.extra?.length && base) counts = base;
  else {
    counts = new NgramCounts();
    if (base) counts.merge(base);
    for (const e of opts.extra ?? []) counts.merge(e, ARCHIVE_WEIGHT);
  }
  const merged = new TrigramModel(counts, syllableInventory().length);
  let lm: TrigramModel | AdaptedModel = merged;
  if (opts.extra?.length) {
    const own = new NgramCounts();
    for (const e of opts.extra) own.merge(e);
    if (own.tokens) lm = new AdaptedModel(merged, new TrigramModel(own, syllableInventory().length), adaptedWeight(own.tokens));
  }
  const codes = codeSegments();
  for (const c of counts.codes.keys()) codes.add(c);
  return { lm, channel: sharedChannel(), codes, params: { ...DEFAULT_PARAMS, ...opts.params } };
}

/**
 * An archive's own counts (`vanban lm train`), as the caller read them from the archive: the
 * restore stage never opens the database. `id` names the model (files record it).
 */
export interface ArchiveCounts {
  id: string;
  data: Uint8Array;
}

let SHIPPED: RestoreModel | null = null;
let ARCHIVE: { id: string; model: RestoreModel } | null = null;

/**
 * The model for an archive's counts, or the shipped model alone (null), built once: a command
 * restoring many texts with one archive's model builds it the first time only.
 */
export function modelFor(archive: ArchiveCounts | null = null): RestoreModel {
  if (!archive) return (SHIPPED ??= buildModel());
  if (ARCHIVE?.id === archive.id) return ARCHIVE.model;
  const model = buildModel({ extra: [NgramCounts.deserialize(archive.data)] });
  ARCHIVE = { id: archive.id, model };
  return model;
}

/** A built model as data for other threads: its tables live in SharedArrayBuffers. */
export interface SharedModel {
  /** The archive model's id; null for the shipped model alone. */
  id: string | null;
  lm: SharedTrigram | SharedAdapted;
  codes: string[];
  params: DecoderParams;
}

/**
 * The model for a batch, once, in shared memory: the batch's pipeline threads all adopt it
 * (`adoptModel`) instead of each building its own ~25 MB of tables. The unshared copy built
 * on the way is dropped from this thread's caches.
 */
export function shareModel(archive: ArchiveCounts | null): SharedModel {
  const model = modelFor(archive);
  const shared: SharedModel = { id: archive?.id ?? null, lm: model.lm.share(), codes: [...model.codes], params: model.params };
  SHIPPED = ARCHIVE = BASE = null;
  return shared;
}

/** The model shared by another thread (or this one), to hand to `restoreFile`. */
export function adoptModel(s: SharedModel): RestoreModel {
  const lm = 'own' in s.lm ? AdaptedModel.fromShared(s.lm) : TrigramModel.fromShared(s.lm);
  return { lm, channel: sharedChannel(), codes: new Set(s.codes), params: s.params };
}

/** OCR confidence below which a line is restored even when it looks like clean Vietnamese. */
export const LOW_OCR_CONFIDENCE = 0.85;

/**
 * Lines of the text that OCR read with low confidence: their words may be valid syllables and
 * still wrong (bold capitals: "VĂN" read as "VẤN"), which the detector alone cannot see.
 */
export function lowConfidenceLines(file: VbFile): Set<number> {
  return new Set(lowConfidenceSpans(file).keys());
}

/** The same, with the low-confidence page lines' spans in each text line (line-local offsets). */
export function lowConfidenceSpans(file: VbFile): Map<number, [number, number][]> {
  const out = new Map<number, [number, number][]>();
  const starts = [0];
  for (let i = file.text.indexOf('\n'); i !== -1; i = file.text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (const page of file.pages) {
    for (const l of page.lines ?? []) {
      if (l.confidence === null || l.confidence >= LOW_OCR_CONFIDENCE) continue;
      const li = lineAt(l.start);
      const at = starts[li]!;
      (out.get(li) ?? out.set(li, []).get(li)!).push([l.start - at, l.end - at]);
    }
  }
  return out;
}

export async function restoreFile(file: VbFile, opts: RestoreOptions = {}): Promise<VbFile> {
  if (opts.off) return file;
  const model = opts.model ?? modelFor();
  const spans = lowConfidenceSpans(file);
  const res: RestoreResult = restoreText(file.text, model, { force: opts.force, forceLines: new Set(spans.keys()), forceSpans: spans });
  if (res.tokens.length === 0) return file;
  // pages, their lines and earlier messages move with the text (tokens may change its length)
  remapFile(file, res.text, res.edits);
  file.restored = res.tokens;
  const low = res.tokens.filter((t) => t.confidence < 0.5).length;
  file.messages.push({
    stage: 'restore',
    ruleId: 'restore-applied',
    reason: `restored ${res.tokens.length} tokens on ${res.lines.length} lines (${low} with confidence < 0.5)`,
    severity: 'info',
    start: null,
    end: null,
    page: null,
  });
  file.messages.push(...restoreMessages(res.tokens, res.rules, file.pages));
  return file;
}
