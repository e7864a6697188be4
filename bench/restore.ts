/**
 * Restoration throughput, syllables per second on one core. The decoder is synchronous, so the
 * figures divide by this process's CPU time (user + system): on a shared machine wall time
 * counts other processes' load; wall-clock figures are reported beside them.
 *
 *   node --import tsx bench/restore.ts [--ms 4000]
 *
 * Figures:
 *  - sylPerSec: seed 002 (real OCR output without a Vietnamese model, the stage's real input),
 *    detector on, repeated for `ms` — steady state, the candidate caches warm as they are after
 *    the first files of a batch.
 *  - coldSylPerSec: first pass over texts never seen by this process (simulated OCR noise on the
 *    clean seeds), with empty candidate caches: the worst case of a batch's first file.
 *  - strippedSylPerSec: clean seed 001 with every diacritic removed, every line restored.
 *  - cleanSylPerSec: clean seeds as they are (the detector leaves them alone).
 *  - loadMs: loading the shipped model (once per process).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SYL = /[\p{L}\p{N}]+/gu;
const count = (s: string) => (s.match(SYL) ?? []).length;

export interface RestoreBenchResult {
  sylPerSec: number;
  syllables: number;
  runs: number;
  seconds: number;
  wallSylPerSec: number;
  coldSylPerSec: number;
  strippedSylPerSec: number;
  cleanSylPerSec: number;
  loadMs: number;
}

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

/** Run fn until `ms` of CPU time have passed; CPU and wall seconds. */
function repeat(fn: () => void, ms: number): { runs: number; seconds: number; wall: number } {
  let runs = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  do {
    fn();
    runs++;
  } while (cpuSeconds(c0) * 1000 < ms);
  return { runs, seconds: cpuSeconds(c0), wall: (performance.now() - t0) / 1000 };
}

export async function benchRestore(opts: { ms?: number; quick?: boolean } = {}): Promise<RestoreBenchResult> {
  const ms = opts.ms ?? (opts.quick ? 1500 : 4000);
  const { buildModel, restoreText } = await import('../src/restore/index.ts');
  const { simulateOcrNoise, stripDiacritics } = await import('../src/restore/evaluate.ts');
  const fixtures = join(ROOT, 'fixtures');
  const files = readdirSync(fixtures).filter((f) => /^\d{3}_.*\.txt$/.test(f));
  const read = (prefix: string) => readFileSync(join(fixtures, files.find((f) => f.startsWith(prefix))!), 'utf8');

  const t0 = performance.now();
  const model = buildModel();
  const loadMs = performance.now() - t0;

  // cold: first pass over unseen noisy texts
  const noisy = ['000', '001', '003', '004'].map((p, i) => simulateOcrNoise(read(p), 7 + i));
  const coldSyl = noisy.reduce((a, t) => a + count(t), 0);
  const c0 = process.cpuUsage();
  for (const t of noisy) restoreText(t, model);
  const coldSylPerSec = coldSyl / cpuSeconds(c0);

  // steady state on the real OCR document
  const ocr = read('002');
  restoreText(ocr, model);
  const syllables = count(ocr);
  const a = repeat(() => restoreText(ocr, model), ms);

  const stripped = stripDiacritics(read('001'));
  restoreText(stripped, model, { force: true });
  const b = repeat(() => restoreText(stripped, model, { force: true }), ms / 2);

  const clean = ['000', '001', '003', '004'].map(read);
  const cleanSyl = clean.reduce((x, t) => x + count(t), 0);
  const c = repeat(() => clean.forEach((t) => restoreText(t, model)), ms / 4);

  return {
    sylPerSec: Math.round((syllables * a.runs) / a.seconds),
    syllables,
    runs: a.runs,
    seconds: Math.round(a.seconds * 100) / 100,
    wallSylPerSec: Math.round((syllables * a.runs) / a.wall),
    coldSylPerSec: Math.round(coldSylPerSec),
    strippedSylPerSec: Math.round((count(stripped) * b.runs) / b.seconds),
    cleanSylPerSec: Math.round((cleanSyl * c.runs) / c.seconds),
    loadMs: Math.round(loadMs),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--ms');
  const r = await benchRestore({ ms: i > 0 ? Number(process.argv[i + 1]) : undefined });
  console.log(`restore, one core:`);
  console.log(`  real OCR text (seed 002), steady state: ${r.sylPerSec} syllables/s (${r.runs} runs of ${r.syllables} syllables in ${r.seconds} CPU s; wall clock ${r.wallSylPerSec}/s)`);
  console.log(`  unseen noisy text, cold caches:        ${r.coldSylPerSec} syllables/s`);
  console.log(`  text typed without diacritics:         ${r.strippedSylPerSec} syllables/s`);
  console.log(`  clean text (left alone):               ${r.cleanSylPerSec} syllables/s`);
  console.log(`  model load: ${r.loadMs} ms (once per process)`);
  console.log(`target ≥ 10000 syllables/s: ${r.sylPerSec >= 10000 ? 'met' : 'NOT met'}`);
}
