/**
 * Evaluate restoration: exact-syllable and diacritics-ignored accuracy.
 *
 *   node --import tsx scripts/eval-restore.ts --gold fixtures/restore/002.gold.txt \
 *        --source fixtures/002_014cd450a2b81092.txt --lines 140-
 *   node --import tsx scripts/eval-restore.ts --strip fixtures/003_5da961df0b57dbee.txt --leave-out
 *
 * --gold G --source S --lines A-B : restore lines A–B of S and compare line by line with G.
 * --strip F : take clean text F, remove every diacritic, restore it, compare with F.
 * --noise F : same with simulated OCR noise (seeded) instead of plain stripping.
 * --leave-out : subtract F's counts from the shipped model first, so F is a never-seen document.
 * --db PATH : use the archive's adapted model. --errors N : list the first N errors.
 */
import { readFileSync } from 'node:fs';
import { evaluate } from '../src/restore/evaluate.ts';
import { modelFor } from '../src/restore/index.ts';
import { currentLmAt } from '../src/store/lm-table.ts';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const res = await evaluate({
  gold: opt('--gold'),
  source: opt('--source'),
  lines: opt('--lines'),
  strip: opt('--strip'),
  noise: opt('--noise'),
  leaveOut: args.includes('--leave-out'),
  ...(opt('--db') ? { model: modelFor(currentLmAt(opt('--db')!)) } : {}),
});
const nErr = Number(opt('--errors') ?? 0);
console.log(`${res.label}`);
console.log(`syllables: ${res.acc.total}`);
console.log(`exact-syllable accuracy: ${(res.acc.exactRate * 100).toFixed(2)}%`);
console.log(`diacritics-ignored accuracy: ${(res.acc.foldedRate * 100).toFixed(2)}%`);
if (res.baseline) console.log(`(input before restoration: exact ${(res.baseline.exactRate * 100).toFixed(2)}%, diacritics-ignored ${(res.baseline.foldedRate * 100).toFixed(2)}%)`);
for (const e of res.acc.errors.slice(0, nErr)) console.log(`  line ${e.line + 1}: gold "${e.gold}" got "${e.got}"`);
void readFileSync;
