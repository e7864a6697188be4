/**
 * Evaluation runs for restoration (used by scripts/eval-restore.ts and the tests): a gold file
 * against a line range of a source, or a clean text with its diacritics stripped / with
 * simulated OCR noise, optionally leaving that text out of the model (a never-seen document).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { defaultConfusionTable } from './channel.ts';
import { cleanMarkup, SEED_WEIGHT } from './corpus.ts';
import { accuracy, parseLineRange, type Accuracy } from './eval.ts';
import { buildModel, loadBaseCounts, modelFor, restoreText, type RestoreModel } from './index.ts';
import { NgramCounts } from './ngram.ts';
import { baseChar } from '../knowledge/syllable.ts';
import { rng } from '../lib/rng.ts';


export function stripDiacritics(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const low = ch.toLowerCase();
    const b = baseChar(low);
    out += b === low ? ch : ch === low ? b : b.toUpperCase();
  }
  return out;
}

/**
 * Simulated OCR of an English-model engine: most marked letters lose their marks, some are
 * replaced by a typical misreading from the confusion table (ư → w, ố → 6, ị → j …).
 */
export function simulateOcrNoise(text: string, seed = 1): string {
  const rand = rng(seed);
  const table = defaultConfusionTable();
  const inverse = new Map<string, { o: string; cost: number }[]>();
  for (const [o, m] of [...table.single, ...table.multi])
    for (const [c, cost] of m) (inverse.get(c) ?? inverse.set(c, []).get(c)!).push({ o, cost });
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const low = ch.toLowerCase();
    const b = baseChar(low);
    if (b === low) {
      out += ch;
      continue;
    }
    const r = rand();
    let rep: string;
    const alts = inverse.get(low);
    if (alts && r < 0.2) {
      const ws = alts.map((a) => Math.exp(-3 * a.cost));
      let x = rand() * ws.reduce((s, w) => s + w, 0);
      let k = 0;
      while (k < alts.length - 1 && (x -= ws[k]!) > 0) k++;
      rep = alts[k]!.o;
    } else if (r < 0.75) rep = b;
    else rep = low;
    out += ch === low ? rep : rep.toUpperCase();
  }
  return out;
}

export interface EvalOptions {
  gold?: string;
  source?: string;
  lines?: string;
  strip?: string;
  noise?: string;
  leaveOut?: boolean;
  /** The model to score (the caller's archive model); default: the shipped model alone. */
  model?: RestoreModel;
}

export interface EvalResult {
  label: string;
  acc: Accuracy;
  baseline?: Accuracy;
  output: string;
}

/** A model built from the shipped counts minus one clean document's (a never-seen document). */
export function leaveOutModel(file: string): RestoreModel {
  const held = new NgramCounts();
  held.addText(cleanMarkup(readFileSync(file, 'utf8')));
  const counts = new NgramCounts();
  counts.merge(loadBaseCounts());
  counts.merge(held, -SEED_WEIGHT);
  return buildModel({ base: counts });
}

export async function evaluate(o: EvalOptions): Promise<EvalResult> {
  const clean = o.strip ?? o.noise;
  if (clean) {
    const goldText = cleanMarkup(readFileSync(clean, 'utf8'));
    const input = o.strip ? stripDiacritics(goldText) : simulateOcrNoise(goldText);
    const model = o.model ?? (o.leaveOut ? leaveOutModel(clean) : modelFor());
    const res = restoreText(input, model);
    const g = goldText.split('\n');
    return {
      label: `${o.strip ? 'diacritics stripped' : 'simulated OCR noise'}: ${basename(clean)}${o.leaveOut ? ' (left out of the model)' : ''}`,
      acc: accuracy(g, res.text.split('\n')),
      baseline: accuracy(g, input.split('\n')),
      output: res.text,
    };
  }
  if (!o.gold || !o.source) throw new Error('need --gold and --source, or --strip/--noise FILE');
  const src = readFileSync(o.source, 'utf8').split(/\r?\n/);
  const [from, to] = parseLineRange(o.lines, src.length);
  const gold = readFileSync(o.gold, 'utf8').replace(/\n$/, '').split(/\r?\n/);
  const input = src.slice(from - 1, to);
  const model = o.model ?? modelFor();
  // the whole document is decoded (the detector judges it as a whole), then the range is cut
  const res = restoreText(src.join('\n'), model);
  const out = res.text.split('\n').slice(from - 1, to);
  return {
    label: `${basename(o.gold)} vs ${basename(o.source)} lines ${from}-${to}`,
    acc: accuracy(gold, out),
    baseline: accuracy(gold, input),
    output: out.join('\n'),
  };
}
