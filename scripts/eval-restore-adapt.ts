/**
 * How restoration improves as an archive learns its own documents:
 *
 *   node --import tsx scripts/eval-restore-adapt.ts --test dev/heldout [--train dev/extract --train dev/heldout2 …] [--noise]
 *
 * Learns the --train folders' documents as `ingest` does (normalised, garbled or unmarked ones
 * refused by trainArchive), then strips every diacritic from each clean --test document (or
 * adds simulated OCR noise) and restores it with the archive's model. Prints the exact-syllable
 * accuracy over all test syllables and per document. No --train: the shipped model alone.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { normalizeText } from '../src/normalize/index.ts';
import { cleanMarkup } from '../src/restore/corpus.ts';
import { restoreText } from '../src/restore/decode.ts';
import { accuracy } from '../src/restore/eval.ts';
import { simulateOcrNoise, stripDiacritics } from '../src/restore/evaluate.ts';
import { modelFor } from '../src/restore/index.ts';
import { garbleRate, MAX_TRAIN_GARBLE, trainArchive } from '../src/restore/train.ts';

const args = process.argv.slice(2);
const all = (name: string) => args.flatMap((a, i) => (args[i - 1] === name ? [a] : []));
const documents = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.(txt|md)$/.test(f) && f !== 'README.md')
    .sort()
    .map((f) => join(dir, f));

const train = all('--train').flatMap(documents).map((path) => {
  const text = normalizeText(readFileSync(path, 'utf8'));
  return { path, hash: createHash('sha256').update(text).digest('hex'), text };
});
const { report, trained } = trainArchive(null, train);
const lines = report.added.reduce((n, a) => n + train.find((t) => t.path === a.path)!.text.split('\n').filter((l) => l.trim()).length, 0);
const model = modelFor(trained ? { id: 'eval', data: trained.data } : null);

let right = 0;
let total = 0;
const per: string[] = [];
for (const path of all('--test').flatMap(documents)) {
  const gold = cleanMarkup(normalizeText(readFileSync(path, 'utf8')));
  if (garbleRate(gold) >= MAX_TRAIN_GARBLE) continue; // typed without marks itself: no gold
  const input = args.includes('--noise') ? simulateOcrNoise(gold) : stripDiacritics(gold);
  const acc = accuracy(gold.split('\n'), restoreText(input, model).text.split('\n'));
  right += acc.exactRate * acc.total;
  total += acc.total;
  per.push(`${basename(path)} ${(acc.exactRate * 100).toFixed(2)} %`);
}
console.log(`learnt ${report.added.length} documents, ${lines} lines, ${report.totalTokens} tokens (${report.skipped.length} refused)`);
console.log(`${args.includes('--noise') ? 'simulated OCR noise' : 'diacritics stripped'}: exact syllables ${((right / total) * 100).toFixed(2)} % of ${total}`);
for (const p of per) console.log(`  ${p}`);
