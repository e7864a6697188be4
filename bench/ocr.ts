/**
 * OCR throughput: pages/s of the tesseract.js pool next to native `tesseract` (when on PATH)
 * on the same page images with the same model, and the ratio. Pages are the fixture scans,
 * rendered once the way the ocr stage renders them; both sides get the same files.
 *
 *   node --import tsx bench/ocr.ts [--jobs N] [--pages N]
 *
 * Native runs one process per job with OMP_THREAD_LIMIT=1 (tesseract's own threads would
 * otherwise fight over the cores), `--oem 1 --psm 3`, the traineddata of @tesseract.js-data/vie
 * unpacked to a temporary tessdata dir: the same LSTM model the pool uses.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { openPdf, renderPageGrey } from '../src/ocr/pdf.ts';
import { closeOcr, recognize, setOcrJobs, vieLangPath } from '../src/ocr/pool.ts';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const SCANS = ['s000-scan300.pdf', 's001-scan300.pdf', 's004-scan300.pdf', 's000-scan150.pdf', 's001-scan150.pdf'];

export interface OcrBenchResult {
  pages: number;
  jobs: number;
  poolPagesPerSec: number;
  nativePagesPerSec: number | null;
  /** pool ÷ native; the target is ≥ 0.9 on 2 cores. */
  ratio: number | null;
  note: string | null;
}

/** Page images as the ocr stage would OCR them (scans rendered at ≥ 300 dpi, denoised). */
export async function benchPages(maxPages: number): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const name of SCANS) {
    const path = join(ROOT, 'fixtures/pdf', name);
    const doc = await openPdf(readFileSync(path), path);
    for (let n = 1; n <= doc.numPages && out.length < maxPages; n++) {
      const page = await doc.getPage(n);
      out.push((await renderPageGrey(doc, page, 300, { denoise: true })).image);
    }
    await doc.destroy();
    if (out.length >= maxPages) break;
  }
  return out;
}

function onPath(cmd: string): boolean {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
}

async function nativePagesPerSec(images: Buffer[], jobs: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'vanban-ocr-bench-'));
  try {
    writeFileSync(join(dir, 'vie.traineddata'), gunzipSync(readFileSync(join(vieLangPath(), 'vie.traineddata.gz'))));
    const files = images.map((img, i) => {
      const p = join(dir, `p${i}.pgm`);
      writeFileSync(p, img);
      return p;
    });
    const runOne = (f: string) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn('tesseract', [f, '-', '--tessdata-dir', dir, '-l', 'vie', '--oem', '1', '--psm', '3'], {
          stdio: ['ignore', 'ignore', 'ignore'],
          env: { ...process.env, OMP_THREAD_LIMIT: '1' },
        });
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tesseract exited ${code} on ${f}`))));
      });
    // Warm the page cache and the model load once, outside the timing.
    await runOne(files[0]);
    const queue = [...files];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: jobs }, async () => {
        for (let f = queue.shift(); f; f = queue.shift()) await runOne(f);
      }),
    );
    return files.length / ((performance.now() - t0) / 1000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchOcr(opts: { jobs?: number; pages?: number } = {}): Promise<OcrBenchResult> {
  const jobs = opts.jobs ?? availableParallelism();
  const images = await benchPages(opts.pages ?? 6);
  setOcrJobs(jobs);
  try {
    // Start every worker (model load) outside the timing, as a long batch amortises it.
    await Promise.all(Array.from({ length: jobs }, (_, i) => recognize(images[i % images.length])));
    const t0 = performance.now();
    await Promise.all(images.map((img) => recognize(img)));
    const pool = images.length / ((performance.now() - t0) / 1000);
    const hasNative = onPath('tesseract');
    const native = hasNative ? await nativePagesPerSec(images, jobs) : null;
    return {
      pages: images.length,
      jobs,
      poolPagesPerSec: pool,
      nativePagesPerSec: native,
      ratio: native ? pool / native : null,
      note: hasNative ? null : 'native tesseract not on PATH (apt-get install tesseract-ocr): no comparison',
    };
  } finally {
    await closeOcr();
  }
}

export function formatOcrBench(r: OcrBenchResult): string {
  const f = (x: number | null) => (x == null ? '—' : x.toFixed(2));
  return [
    `ocr: ${r.pages} pages, ${r.jobs} jobs`,
    `  tesseract.js pool  ${f(r.poolPagesPerSec)} pages/s`,
    `  native tesseract   ${f(r.nativePagesPerSec)} pages/s`,
    `  ratio              ${r.ratio == null ? '—' : r.ratio.toFixed(2) + '×'} (target ≥ 0.90×)`,
    ...(r.note ? [`  note: ${r.note}`] : []),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const r = await benchOcr({ jobs: arg('--jobs'), pages: arg('--pages') });
  console.log(formatOcrBench(r));
}
