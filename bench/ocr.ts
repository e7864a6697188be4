/**
 * OCR throughput: pages/s of the tesseract.js pool next to native `tesseract` (when on PATH)
 * on the same page images with the same model, and the ratio. Pages are the fixture scans,
 * rendered once the way the ocr stage renders them; both sides get the same files.
 *
 *   node --import tsx bench/ocr.ts [--jobs N] [--pages N]
 *
 * Native runs one process per job, each with its share of the pages as a list file, with
 * OMP_THREAD_LIMIT=1 (tesseract's own threads would otherwise fight over the cores),
 * `--oem 1 --psm 3`, the traineddata of @tesseract.js-data/vie unpacked to a temporary tessdata
 * dir: the same LSTM model the pool uses. vanban's OCR stage on the native engine is timed on
 * the same pages, its runs alternated with native ones (CPU: its own and its tesseract children's).
 *
 * It runs twice: as installed (on x86 it picks AVX2 for the LSTM's int8 matrix products), and
 * with `-c dotproduct=sse`, the 128-bit vectors that are all WebAssembly SIMD has. The second
 * figure shows how much of the gap is vector width rather than the pool.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPdf, renderPageGrey } from '../src/ocr/pdf.ts';
import { closeOcr, nativeArgs, nativeTessdata, recognize, setOcrEngine, setOcrJobs } from '../src/ocr/pool.ts';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const SCANS = ['s000-scan300.pdf', 's001-scan300.pdf', 's004-scan300.pdf', 's000-scan150.pdf', 's001-scan150.pdf'];

export interface OcrBenchResult {
  pages: number;
  jobs: number;
  poolPagesPerSec: number;
  poolSeconds: number;
  /** Pages per CPU-second: what the figures would be on idle cores, whatever else runs. */
  poolPagesPerCpuSec: number;
  nativePagesPerSec: number | null;
  nativeSeconds: number | null;
  nativePagesPerCpuSec: number | null;
  /** pool ÷ native pages/s (wall clock); the target is ≥ 0.9 on 2 cores. */
  ratio: number | null;
  /** The same ratio in pages per CPU-second, robust to a loaded machine. */
  cpuRatio: number | null;
  native: { pagesPerSec: number; seconds: number; processes: number; model: string } | null;
  /** Native tesseract held to SSE (128-bit vectors, as in WebAssembly), and pool ÷ that. */
  nativeSsePagesPerSec: number | null;
  sseRatio: number | null;
  /** vanban's OCR stage on the native engine (its pool of tesseract processes, TSV parsed into pages), and ÷ native alone. */
  vanbanNativePagesPerSec: number | null;
  vanbanNativeRatio: number | null;
  /** The same in pages per CPU-second (vanban's process and its tesseract children). */
  vanbanNativePagesPerCpuSec: number | null;
  vanbanNativeCpuRatio: number | null;
  loadAverage: number;
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

/** Seconds of CPU from bash's `times` line for children ("0m1.234s 0m0.050s"). */
function parseTimes(out: string): number {
  const lines = out.trim().split('\n');
  const m = lines[lines.length - 1].match(/(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/);
  return m ? Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4]) : NaN;
}

/** CPU seconds (user + system) of this process's children that have ended (/proc: ticks, 100 a second). */
function childrenCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'latin1');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) / 100; // cutime, cstime (fields 16, 17)
  } catch {
    return NaN;
  }
}

async function nativeRun(images: Buffer[], jobs: number, extra: string[] = []): Promise<{ pagesPerSec: number; pagesPerCpuSec: number; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'vanban-ocr-bench-'));
  try {
    const tessdata = nativeTessdata();
    const files = images.map((img, i) => {
      const p = join(dir, `p${i}.pgm`);
      writeFileSync(p, img);
      return p;
    });
    // bash's `times` reports the CPU the tesseract child used, which the load of other
    // processes on a shared machine does not inflate.
    const runOne = (input: string) =>
      new Promise<number>((resolve, reject) => {
        const args = [input, '-', ...nativeArgs(tessdata), ...extra];
        const child = spawn('bash', ['-c', 'tesseract "$@" >/dev/null 2>&1 || exit 1; times', 'bash', ...args], {
          stdio: ['ignore', 'pipe', 'ignore'],
          env: { ...process.env, OMP_THREAD_LIMIT: '1' },
        });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve(parseTimes(out)) : reject(new Error(`tesseract failed on ${input}`))));
      });
    await runOne(files[0]); // warm the page cache and the model file
    // As one would run tesseract alone on a batch: one process per job, each with its share
    // of the pages in a list file (one model load per process, not per page).
    const share = Math.ceil(files.length / jobs);
    const lists = Array.from({ length: Math.ceil(files.length / share) }, (_, k) => {
      const list = join(dir, `list${k}.txt`);
      writeFileSync(list, files.slice(k * share, (k + 1) * share).join('\n') + '\n');
      return list;
    });
    const t0 = performance.now();
    const cpu = (await Promise.all(lists.map(runOne))).reduce((a, b) => a + b, 0);
    const seconds = (performance.now() - t0) / 1000;
    return { pagesPerSec: files.length / seconds, pagesPerCpuSec: files.length / cpu, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchOcr(opts: { jobs?: number; pages?: number } = {}): Promise<OcrBenchResult> {
  const jobs = opts.jobs ?? availableParallelism();
  const images = await benchPages(opts.pages ?? 6);
  setOcrJobs(jobs);
  setOcrEngine('wasm');
  try {
    // Start every worker (model load) outside the timing, as a long batch amortises it.
    await Promise.all(Array.from({ length: jobs }, (_, i) => recognize(images[i % images.length])));
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(images.map((img) => recognize(img)));
    const poolSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    const pool = images.length / poolSeconds;
    const poolCpu = images.length / ((cpu.user + cpu.system) / 1e6);
    await closeOcr();
    const hasNative = onPath('tesseract');
    // The same pages through vanban's OCR stage on the native engine, alternated with tesseract
    // alone (native, vanban, native, vanban) and the better run of each kept: a loaded machine
    // slows some runs, and keeping the better of two for one side only would favour that side.
    const vanbanNative = async () => {
      setOcrEngine('native');
      try {
        await recognize(images[0]!); // the model unpacked outside the timing
        const c = process.cpuUsage();
        const k = childrenCpuSeconds();
        const t = performance.now();
        await Promise.all(images.map((img) => recognize(img)));
        const seconds = (performance.now() - t) / 1000;
        const used = process.cpuUsage(c);
        const cpu = (used.user + used.system) / 1e6 + (childrenCpuSeconds() - k);
        return { pagesPerSec: images.length / seconds, pagesPerCpuSec: images.length / cpu, seconds };
      } finally {
        setOcrEngine('wasm');
      }
    };
    const better = <T extends { pagesPerSec: number }>(a: T | null, b: T | null) => (a && b ? (a.pagesPerSec >= b.pagesPerSec ? a : b) : (a ?? b));
    const native1 = hasNative ? await nativeRun(images, jobs) : null;
    const vn1 = hasNative ? await vanbanNative() : null;
    const native2 = hasNative ? await nativeRun(images, jobs) : null;
    const vn2 = hasNative ? await vanbanNative() : null;
    const native = better(native1, native2);
    const vn = better(vn1, vn2);
    const sse = hasNative ? await nativeRun(images, jobs, ['-c', 'dotproduct=sse']).catch(() => null) : null;
    return {
      pages: images.length,
      jobs,
      poolPagesPerSec: pool,
      poolSeconds,
      poolPagesPerCpuSec: poolCpu,
      nativePagesPerSec: native?.pagesPerSec ?? null,
      nativeSeconds: native?.seconds ?? null,
      nativePagesPerCpuSec: native?.pagesPerCpuSec ?? null,
      ratio: native ? pool / native.pagesPerSec : null,
      cpuRatio: native ? poolCpu / native.pagesPerCpuSec : null,
      nativeSsePagesPerSec: sse?.pagesPerSec ?? null,
      sseRatio: sse ? pool / sse.pagesPerSec : null,
      vanbanNativePagesPerSec: vn?.pagesPerSec ?? null,
      vanbanNativeRatio: vn && native ? vn.pagesPerSec / native.pagesPerSec : null,
      vanbanNativePagesPerCpuSec: vn?.pagesPerCpuSec ?? null,
      vanbanNativeCpuRatio: vn && native ? vn.pagesPerCpuSec / native.pagesPerCpuSec : null,
      native: native ? { pagesPerSec: native.pagesPerSec, seconds: native.seconds, processes: jobs, model: 'vie 4.0.0_best_int (@tesseract.js-data/vie), --oem 1 --psm 3' } : null,
      loadAverage: loadavg()[0],
      note: hasNative ? null : 'native tesseract not on PATH (apt-get install tesseract-ocr): no comparison',
    };
  } finally {
    await closeOcr();
  }
}

export function formatOcrBench(r: OcrBenchResult): string {
  const f = (x: number | null) => (x == null ? '—' : x.toFixed(2));
  const x = (v: number | null) => (v == null ? '—' : v.toFixed(2) + '×');
  return [
    `ocr: ${r.pages} pages, ${r.jobs} jobs, load average ${r.loadAverage.toFixed(1)}`,
    `                     pages/s   pages/CPU-s`,
    `  tesseract.js pool  ${f(r.poolPagesPerSec).padStart(7)}   ${f(r.poolPagesPerCpuSec).padStart(7)}`,
    `  native tesseract   ${f(r.nativePagesPerSec).padStart(7)}   ${f(r.nativePagesPerCpuSec).padStart(7)}`,
    `  ratio              ${x(r.ratio).padStart(7)}   ${x(r.cpuRatio).padStart(7)}   (target ≥ 0.90×)`,
    `  native, SSE only   ${f(r.nativeSsePagesPerSec).padStart(7)}             (ratio ${x(r.sseRatio)}: WebAssembly's vector width)`,
    `  vanban, native     ${f(r.vanbanNativePagesPerSec).padStart(7)}   ${f(r.vanbanNativePagesPerCpuSec).padStart(7)}   (ratio ${x(r.vanbanNativeRatio)} to native alone, ${x(r.vanbanNativeCpuRatio)} per CPU-s; target ≥ 0.95×)`,
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
