/**
 * A pool of OCR threads running tesseract compiled to WebAssembly (tesseract.js-core, one
 * thread per core by default), created lazily on the first page and shut down by
 * `closeOcr()`; or the native `tesseract` binary where it is installed. Fully offline: the
 * Vietnamese model comes from the @tesseract.js-data/vie package.
 */
import { spawn, spawnSync } from 'node:child_process';
import { OCR_ENGINE_CHOICES } from '../../schemas/vocabulary.ts';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { siblingModule, startThread } from '../lib/thread.ts';
import type { WasmJob, WasmReply } from './wasm-worker.ts';

const require = createRequire(import.meta.url);

export interface OcrWord {
  text: string;
  confidence: number; // 0..1
  bbox: [number, number, number, number]; // x0, y0, x1, y1 in pixels of the image
}

export interface OcrLine {
  text: string;
  confidence: number; // 0..1
  bbox: [number, number, number, number];
  words: OcrWord[];
  /** Baseline end points (x0, y0, x1, y1): its slope is the page's skew. */
  baseline: [number, number, number, number] | null;
  /** Index of the tesseract block the line came from (layout regions, in tesseract's order). */
  block: number;
}

export interface OcrPage {
  lines: OcrLine[];
  confidence: number; // mean over words, weighted by length, 0..1
  width: number;
  height: number;
}

/** The traineddata folder: "best_int" (more accurate LSTM, integer weights) when present. */
export function vieLangPath(): string {
  const dir = dirname(require.resolve('@tesseract.js-data/vie/package.json'));
  for (const v of ['4.0.0_best_int', '4.0.0']) {
    const p = join(dir, v);
    if (existsSync(join(p, 'vie.traineddata.gz'))) return p;
  }
  throw new Error(`no vie.traineddata.gz under ${dir}: reinstall @tesseract.js-data/vie`);
}

/**
 * Engine settings beyond the defaults, shared with the benchmark's native run so both do the
 * same work. Official documents have no white-on-black text: trying every weak word inverted
 * (tesseract 5's default) costs time and finds nothing.
 */
export const OCR_PARAMETERS: Record<string, string> = {
  tessedit_do_invert: process.env.VANBAN_OCR_INVERT === '1' ? '1' : '0',
};

interface Job {
  image: Buffer;
  /** Page segmentation mode for this image only (a table cell read alone: '6' block, '7' line). */
  psm?: string;
  resolve: (p: OcrPage) => void;
  reject: (e: unknown) => void;
}

/** An engine failure; `fatal`: the thread can read nothing more. */
class WasmError extends Error {
  constructor(
    message: string,
    readonly fatal: boolean,
  ) {
    super(message);
  }
}

/** One thread running tesseract.js-core (wasm-worker.ts), one page at a time. */
class Worker {
  private nextId = 0;
  /** Why the thread is gone, once it is. */
  private gone: WasmError | null = null;
  private readonly pending = new Map<number, { resolve: (tsv: string) => void; reject: (e: WasmError) => void }>();

  private constructor(private readonly thread: import('node:worker_threads').Worker) {}

  static start(): Promise<Worker> {
    const thread = startThread(siblingModule(import.meta.url, 'wasm-worker'), { workerData: { langPath: vieLangPath(), parameters: { ...WASM_PARAMETERS, ...OCR_PARAMETERS } } });
    const w = new Worker(thread);
    return new Promise((resolve, reject) => {
      const gone = (reason: string) => {
        const e = (w.gone ??= new WasmError(`the OCR thread stopped (${reason})`, true));
        reject(e);
        for (const p of w.pending.values()) p.reject(e);
        w.pending.clear();
      };
      thread.on('message', (m: WasmReply | { ready: true } | { failed: string }) => {
        if ('ready' in m) return resolve(w);
        if ('failed' in m) {
          thread.terminate().catch(() => {});
          return gone(m.failed);
        }
        const p = w.pending.get(m.id);
        w.pending.delete(m.id);
        if ('tsv' in m) p?.resolve(m.tsv);
        else p?.reject(new WasmError(m.error, m.fatal));
      });
      thread.on('error', (err) => gone(String(err?.message ?? err)));
      thread.on('exit', (code) => gone(`exit code ${code}`));
    });
  }

  recognize(image: Buffer, psm?: string): Promise<string> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.gone) return reject(this.gone);
      this.pending.set(id, { resolve, reject });
      this.thread.postMessage({ id, image, psm } satisfies WasmJob);
    });
  }

  async terminate(): Promise<void> {
    await this.thread.terminate();
  }
}

/** Every page is taken as 300 dpi, as native's `--dpi 300`: without it tesseract guesses from glyph sizes. */
const WASM_PARAMETERS: Record<string, string> = { preserve_interword_spaces: '0', user_defined_dpi: '300' };

let size = Math.max(1, availableParallelism());
/** The pool's threads, each as it starts (a promise) and, once started, the thread. */
interface Slot {
  ready: Promise<Worker>;
  worker: Worker | null;
}
let workers: Slot[] = [];
let idle: Worker[] = [];
const queue: Job[] = [];

/** Number of workers the pool will use (`--jobs`); takes effect for workers not yet created. */
export function setOcrJobs(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`--jobs must be a positive integer, got ${n}`);
  size = n;
}

export function ocrJobs(): number {
  return size;
}

function pump(): void {
  while (queue.length > 0) {
    const w = idle.pop();
    if (w) {
      run(w, queue.shift()!);
      continue;
    }
    if (workers.length < size) {
      const slot: Slot = { ready: Worker.start(), worker: null };
      workers.push(slot);
      slot.ready.then(
        (w2) => {
          slot.worker = w2;
          idle.push(w2);
          pump();
        },
        (err) => {
          // A worker that cannot start fails the waiting jobs rather than hanging them.
          workers = workers.filter((x) => x !== slot);
          const job = queue.shift();
          job?.reject(err);
          pump();
        },
      );
      continue;
    }
    return;
  }
}

async function run(w: Worker, job: Job): Promise<void> {
  let healthy = true;
  try {
    job.resolve(pageFromTsv(await w.recognize(job.image, job.psm)));
  } catch (err: any) {
    healthy = !(err instanceof WasmError && err.fatal);
    job.reject(new Error(`the OCR engine could not read the image (${String(err?.message ?? err).split('.')[0]})`));
  } finally {
    if (healthy) idle.push(w);
    else retire(w);
    pump();
  }
}

/** Drop a broken worker from the pool; the next job starts a fresh one. */
function retire(w: Worker): void {
  workers = workers.filter((slot) => slot.worker !== w);
  w.terminate().catch(() => {});
}

/**
 * OCR one encoded image (PNG/JPEG/TIFF/BMP/PNM). Pages queue when all workers are busy.
 * `psm`: a page segmentation mode other than auto, for this image only.
 */
export function recognize(image: Buffer, opts: { psm?: '6' | '7' } = {}): Promise<OcrPage> {
  if (ocrEngine() === 'native') return nativeRecognize(image, opts.psm);
  return new Promise((resolve, reject) => {
    queue.push({ image, resolve, reject, psm: opts.psm });
    pump();
  });
}

// ---- optional native engine ----
// tesseract.js runs the LSTM in WASM with 128-bit SIMD (native uses AVX2): about 2× the CPU of the native binary per
// page. Where `tesseract` is installed, batch imports can use it instead (same model, same TSV
// parsing, same settings). `auto` (the default) takes it where it is installed; nothing outside
// npm is required.

/** The engine that reads the pages. */
export type OcrEngine = 'wasm' | 'native';
/** The engine asked for (OCR_ENGINE_CHOICES). */
export type OcrEngineChoice = (typeof OCR_ENGINE_CHOICES)[number];

export function isOcrEngineChoice(v: string): v is OcrEngineChoice {
  return (OCR_ENGINE_CHOICES as readonly string[]).includes(v);
}

// Pipeline threads have a module of their own: the choice reaches them through the environment
// (set by the CLI's --engine before any thread starts).
let choice: OcrEngineChoice = isOcrEngineChoice(process.env.VANBAN_OCR_ENGINE ?? '') ? (process.env.VANBAN_OCR_ENGINE as OcrEngineChoice) : 'auto';
let resolved: OcrEngine | null = null;
let nativeRunning = 0;
let tessdataDir: string | null = null;

export function setOcrEngine(e: OcrEngineChoice): void {
  if (!isOcrEngineChoice(e)) throw new Error(`unknown OCR engine ${e} (${OCR_ENGINE_CHOICES.join(', ')})`);
  choice = e;
  resolved = null;
}

/** The engine pages are read with: the choice, `auto` decided once (on first use). */
export function ocrEngine(): OcrEngine {
  return (resolved ??= choice === 'auto' ? (nativeAvailable() ? 'native' : 'wasm') : choice);
}

/**
 * Whether a `tesseract` binary is on PATH and reads the package's vie model (the one tesseract.js
 * uses, so both give the same text): it must list `vie` from that tessdata folder.
 */
export function nativeAvailable(): boolean {
  try {
    // No binary (the usual case): said before the model is unpacked for it.
    if (spawnSync('tesseract', ['--version'], { stdio: 'ignore', timeout: 10_000 }).status !== 0) return false;
    const r = spawnSync('tesseract', ['--list-langs', '--tessdata-dir', nativeTessdata()], { encoding: 'utf8', timeout: 10_000 });
    return r.status === 0 && /^vie$/m.test(`${r.stdout}\n${r.stderr}`);
  } catch {
    return false;
  }
}

/** The package's vie model unpacked once to a temporary tessdata folder for the native binary. */
export function nativeTessdata(): string {
  if (tessdataDir) return tessdataDir;
  const gz = readFileSync(join(vieLangPath(), 'vie.traineddata.gz'));
  const data = gunzipSync(gz);
  const dir = join(tmpdir(), `vanban-tessdata-${data.length}`);
  const file = join(dir, 'vie.traineddata');
  if (!existsSync(file) || statSync(file).size !== data.length) {
    mkdirSync(dir, { recursive: true });
    const part = `${file}.${process.pid}.part`;
    writeFileSync(part, data);
    renameSync(part, file);
  }
  tessdataDir = dir;
  return dir;
}

export function nativeArgs(dir: string, psm = '3'): string[] {
  const params = Object.entries(OCR_PARAMETERS).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  // --dpi as the pool's user_defined_dpi: without it tesseract guesses from glyph sizes.
  return ['--tessdata-dir', dir, '-l', 'vie', '--oem', '1', '--psm', psm, '--dpi', '300', ...params];
}

interface NativeJob {
  image: Buffer;
  psm: string;
  resolve: (p: OcrPage) => void;
  reject: (e: unknown) => void;
}

const nativeJobs: NativeJob[] = [];
let nativePumpQueued = false;
let nativeProcesses = 0;

/** tesseract processes started so far (tests and the benchmark see the batching). */
export function nativeProcessCount(): number {
  return nativeProcesses;
}

function nativeRecognize(image: Buffer, psm = '3'): Promise<OcrPage> {
  return new Promise((resolve, reject) => {
    nativeJobs.push({ image, psm, resolve, reject });
    // Deferred to the end of this turn: a page's cell crops (or a batch of pages) are asked for
    // all at once, and are then shared among the processes instead of one process each.
    if (!nativePumpQueued) {
      nativePumpQueued = true;
      queueMicrotask(nativePump);
    }
  });
}

/**
 * Start processes while there are free slots: each takes the oldest job's psm and its share of
 * the queued jobs with that psm (the queue split over the pool's size, so both cores get work).
 * Every process loads the ~10 MB model, which costs more than reading a cell crop.
 */
function nativePump(): void {
  nativePumpQueued = false;
  const share = new Map<string, number>();
  for (const j of nativeJobs) share.set(j.psm, (share.get(j.psm) ?? 0) + 1);
  for (const [psm, n] of share) share.set(psm, Math.ceil(n / size));
  while (nativeRunning < size && nativeJobs.length > 0) {
    const first = nativeJobs.shift()!;
    const batch = [first];
    // An image that a list file may read otherwise than stdin goes alone.
    for (let i = 0; listable(first.image) && i < nativeJobs.length && batch.length < share.get(first.psm)!; ) {
      if (nativeJobs[i].psm === first.psm && listable(nativeJobs[i].image)) batch.push(...nativeJobs.splice(i, 1));
      else i++;
    }
    nativeRunning++;
    runNative(batch).finally(() => {
      nativeRunning--;
      nativePump();
    });
  }
}

/**
 * Images a list file reads as stdin does: PNM, PNG, JPEG. (A TIFF from stdin is read with
 * all its pages, from a list with its first only.)
 */
function listable(image: Buffer): boolean {
  const b0 = image[0];
  const b1 = image[1];
  return (b0 === 0x50 && (b1 === 0x35 || b1 === 0x36)) || (b0 === 0x89 && b1 === 0x50) || (b0 === 0xff && b1 === 0xd8);
}

async function runNative(batch: NativeJob[]): Promise<void> {
  if (batch.length === 1) {
    const [job] = batch;
    await nativeTsv(['stdin'], job.psm, job.image).then((tsv) => job.resolve(pageFromTsv(tsv)), job.reject);
    return;
  }
  // Several images, one process: written to a temporary folder and named in a list file; the
  // TSV gives each image's rows its number (1…) in the list.
  let dir: string | null = null;
  let tsv: string;
  try {
    dir = mkdtempSync(join(tmpdir(), 'vanban-ocr-'));
    const list = batch.map((j, i) => {
      const f = join(dir!, `${i}.img`);
      writeFileSync(f, j.image);
      return f;
    });
    writeFileSync(join(dir, 'list.txt'), list.join('\n') + '\n');
    tsv = await nativeTsv([join(dir, 'list.txt')], batch[0].psm);
  } catch {
    // One unreadable image stops the whole list (and a full disk every list): each image is
    // read alone then, so only its own job fails.
    await Promise.all(batch.map((j) => runNative([j])));
    return;
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  const rows = splitTsvPages(tsv, batch.length);
  batch.forEach((j, i) => j.resolve(pageFromTsv(rows[i])));
}

/** A multi-image TSV cut into each image's rows, by its page_num column (1-based). */
export function splitTsvPages(tsv: string, n: number): string[] {
  const pages: string[][] = Array.from({ length: n }, () => []);
  for (const row of tsv.split('\n')) {
    const k = Number(row.split('\t', 2)[1]) - 1;
    if (k >= 0 && k < n) pages[k].push(row);
  }
  return pages.map((p) => p.join('\n'));
}

/**
 * One tesseract process: TSV of `input` (an image file, a list file, or 'stdin' fed `stdin`).
 * Async so that a model that cannot be unpacked rejects, as a failed process does.
 */
async function nativeTsv(input: string[], psm: string, stdin?: Buffer): Promise<string> {
  const dir = nativeTessdata();
  nativeProcesses++;
  return new Promise<string>((resolve, reject) => {
    const child = spawn('tesseract', [...input, 'stdout', ...nativeArgs(dir, psm), '-c', 'tessedit_create_tsv=1', '-c', 'tessedit_create_txt=0'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    child.on('error', (e: any) => reject(e?.code === 'ENOENT' ? new Error('native OCR engine chosen but `tesseract` is not on PATH') : e));
    // Worded as the tesseract.js path words it: the same failure reads the same whichever engine ran.
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`the OCR engine could not read the image (tesseract exited ${code}: ${err.trim().split('\n').pop()})`))));
    child.stdin.on('error', () => {});
    child.stdin.end(stdin);
  });
}

/** Terminate every worker; the next `recognize` starts a fresh pool. */
export async function closeOcr(): Promise<void> {
  const all = workers;
  workers = [];
  idle = [];
  const settled = await Promise.allSettled(all.map((slot) => slot.ready));
  await Promise.all(settled.map((s) => (s.status === 'fulfilled' ? s.value.terminate().catch(() => {}) : undefined)));
}

/**
 * Tesseract TSV (level, page, block, par, line, word, left, top, width, height, conf, text)
 * → lines of words. Line baselines are not in TSV: the slope is fitted to the word bottoms.
 */
export function pageFromTsv(tsv: string): OcrPage {
  const lines = new Map<string, OcrLine>();
  let width = 0;
  let height = 0;
  for (const row of tsv.split('\n')) {
    const c = row.split('\t');
    if (c.length < 12) continue;
    const level = Number(c[0]);
    const [left, top, w, h] = [Number(c[6]), Number(c[7]), Number(c[8]), Number(c[9])];
    if (level === 1) {
      width = w;
      height = h;
    }
    if (level !== 5) continue;
    const text = c.slice(11).join('\t').trim();
    if (!text) continue;
    const key = `${c[2]}.${c[3]}.${c[4]}`;
    let line = lines.get(key);
    if (!line) {
      line = { text: '', confidence: 0, bbox: [left, top, left + w, top + h], words: [], baseline: null, block: Number(c[2]) };
      lines.set(key, line);
    }
    line.words.push({ text, confidence: Math.max(0, Number(c[10])) / 100, bbox: [left, top, left + w, top + h] });
  }
  let confSum = 0;
  let confWeight = 0;
  const out: OcrLine[] = [];
  for (const line of lines.values()) {
    const ws = line.words;
    line.text = ws.map((w) => w.text).join(' ');
    line.bbox = [Math.min(...ws.map((w) => w.bbox[0])), Math.min(...ws.map((w) => w.bbox[1])), Math.max(...ws.map((w) => w.bbox[2])), Math.max(...ws.map((w) => w.bbox[3]))];
    let s = 0;
    let n = 0;
    for (const w of ws) {
      s += w.confidence * w.text.length;
      n += w.text.length;
    }
    line.confidence = n ? s / n : 0;
    confSum += s;
    confWeight += n;
    line.baseline = fitBaseline(ws);
    out.push(line);
  }
  return { lines: out, confidence: confWeight ? confSum / confWeight : 0, width, height };
}

/** Least-squares line through the word bottoms (descenders make it noisy; the slope is what counts). */
function fitBaseline(words: OcrWord[]): [number, number, number, number] | null {
  if (words.length < 4) return null;
  const xs = words.map((w) => (w.bbox[0] + w.bbox[2]) / 2);
  const ys = words.map((w) => w.bbox[3]);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  if (sxx === 0) return null;
  const k = sxy / sxx;
  const x0 = words[0].bbox[0];
  const x1 = words[words.length - 1].bbox[2];
  return [x0, my + k * (x0 - mx), x1, my + k * (x1 - mx)];
}

function box(b: { x0: number; y0: number; x1: number; y1: number }): [number, number, number, number] {
  return [b.x0, b.y0, b.x1, b.y1];
}

export function toPage(data: { blocks: any[] | null; confidence: number }): OcrPage {
  const lines: OcrLine[] = [];
  let width = 0;
  let height = 0;
  let confSum = 0;
  let confWeight = 0;
  (data.blocks ?? []).forEach((block, bi) => {
    for (const para of block.paragraphs ?? []) {
      for (const line of para.lines ?? []) {
        const words: OcrWord[] = (line.words ?? [])
          .filter((w: any) => w.text.trim().length > 0)
          .map((w: any) => ({ text: w.text, confidence: w.confidence / 100, bbox: box(w.bbox) }));
        if (words.length === 0) continue;
        for (const w of words) {
          confSum += w.confidence * w.text.length;
          confWeight += w.text.length;
        }
        width = Math.max(width, line.bbox.x1);
        height = Math.max(height, line.bbox.y1);
        lines.push({
          text: words.map((w) => w.text).join(' '),
          confidence: line.confidence / 100,
          bbox: box(line.bbox),
          words,
          baseline: line.baseline ? [line.baseline.x0, line.baseline.y0, line.baseline.x1, line.baseline.y1] : null,
          block: bi,
        });
      }
    }
  });
  return { lines, confidence: confWeight ? confSum / confWeight : 0, width, height };
}
