/**
 * A small pool of worker threads running the pipeline, one file per thread at a time.
 * Why threads: the text stages are synchronous, so threads are what uses a second core; and
 * a file that runs past its time limit (a stage stuck on a pathological input) is stopped by
 * terminating its thread — impossible for synchronous code in the main thread. The file
 * then fails with a reason and the batch goes on with a fresh thread.
 */
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { VbFile } from '../../schemas/document.ts';
import type { ModelCheck, PipelineOptions } from '../pipeline.ts';
import type { WorkReply } from './pipeline-worker.ts';
import type { SharedModel } from '../restore/index.ts';

export interface PoolOptions {
  size: number;
  /** Time limit for one file, in ms, from its size in bytes; 0 or less = no limit. */
  timeLimitMs: (file: VbFile) => number;
  pipeline: PipelineOptions;
  /** OCR worker threads inside each pipeline thread. */
  ocrJobs?: number;
  /** Module the threads run (tests replace it); default ./pipeline-worker.ts. */
  entry?: URL;
  /**
   * The restoration model in shared memory, adopted by every thread (one copy, not one each).
   * Asked for when the first file needs a thread: a batch whose files are all stored already
   * never loads it. Undefined (or a failure): each thread loads its own.
   */
  model?: () => Promise<SharedModel | undefined>;
}

/** Default limit: generous for text (minutes, where a normal file takes a second), growing with size for scans. */
export function defaultTimeLimitMs(file: VbFile): number {
  return 300_000 + Math.ceil(file.source.size / (1024 * 1024)) * 120_000;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: boolean;
}

// Run from the compiled copy (bin/vanban), the thread imports plain JavaScript. Run from the
// sources (tests, tsx), tsx is registered inside the thread first: threads do not inherit the
// main thread's loader, and each registration starts a loader thread of its own.
const BOOT = `
const { workerData } = require('node:worker_threads');
const tsx = workerData.tsxApi ? import(workerData.tsxApi).then((m) => m.register()) : Promise.resolve();
tsx.then(() => import(workerData.entry));
`;
const OWN_EXT = extname(fileURLToPath(import.meta.url));

function errorFile(file: VbFile, ruleId: string, reason: string): VbFile {
  return { ...file, messages: [...file.messages, { stage: 'pipeline', ruleId, reason, severity: 'error', start: null, end: null, page: null }] };
}

export interface PoolResult {
  file: VbFile;
  /** The thread's check of the file against the document model (absent when it failed). */
  checked?: ModelCheck;
}

/** The threads themselves cannot start (not a problem of the file). */
export class PoolStartError extends Error {}

export class PipelinePool {
  private slots: Slot[] = [];
  private waiting: ((s: Slot) => void)[] = [];
  private nextId = 1;
  private closed = false;
  private model: Promise<SharedModel | undefined> | undefined;
  private sharedModel: SharedModel | undefined;

  constructor(private opts: PoolOptions) {}

  private spawn(): Slot {
    const entry = this.opts.entry ?? new URL(`./pipeline-worker${OWN_EXT}`, import.meta.url);
    const worker = new Worker(BOOT, {
      eval: true,
      // Small heaps keep each thread's resident memory near its live data (the restoration model,
      // one file): 404 → 312 MB peak for a 1,000-file batch at the same speed. A file that needs
      // more fails alone ("worker-crashed") and the thread is replaced.
      resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 96 },
      workerData: {
        tsxApi: entry.pathname.endsWith('.ts') ? pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href : undefined,
        entry: entry.href,
        ocrJobs: this.opts.ocrJobs,
        model: this.sharedModel,
      },
    });
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: any) => {
        if (m?.ready) {
          worker.off('message', onMessage);
          worker.off('error', reject);
          resolve();
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    ready.catch(() => {}); // reported when the slot is used
    return { worker, ready, busy: false };
  }

  private acquire(): Promise<Slot> {
    const idle = this.slots.find((s) => !s.busy);
    if (idle) {
      idle.busy = true;
      return Promise.resolve(idle);
    }
    if (this.slots.length < this.opts.size) {
      const s = this.spawn();
      s.busy = true;
      this.slots.push(s);
      return Promise.resolve(s);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  /** Replace a thread that was stopped or died. */
  private replace(slot: Slot): Slot {
    void slot.worker.terminate().catch(() => {});
    const fresh = this.spawn();
    fresh.busy = true;
    this.slots[this.slots.indexOf(slot)] = fresh;
    return fresh;
  }

  /** Process one file in a thread; the result says whether the thread checked it against the model. */
  async run(file: VbFile): Promise<PoolResult> {
    if (this.closed) throw new Error('pipeline pool is closed');
    if (this.opts.model) this.sharedModel = await (this.model ??= this.opts.model().catch(() => undefined));
    let slot = await this.acquire();
    try {
      await slot.ready;
    } catch (err: any) {
      slot = this.replace(slot);
      this.release(slot);
      throw new PoolStartError(`could not start a pipeline thread: ${err?.message ?? err}`);
    }
    const id = this.nextId++;
    const limit = this.opts.timeLimitMs(file);
    return new Promise<PoolResult>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (result: PoolResult, broken: boolean) => {
        clearTimeout(timer);
        slot.worker.off('message', onMessage);
        slot.worker.off('error', onError);
        slot.worker.off('exit', onExit);
        if (broken) slot = this.replace(slot);
        this.release(slot);
        resolve(result);
      };
      const onMessage = (m: WorkReply) => {
        if (m.id !== id) return;
        if ('error' in m) finish({ file: errorFile(file, 'pipeline-failed', m.error.split('\n')[0]) }, false);
        else finish({ file: m.file, checked: m.checked }, false);
      };
      const onError = (err: Error) => finish({ file: errorFile(file, 'worker-crashed', `the pipeline thread died: ${err.message}`) }, true);
      const onExit = (code: number) => finish({ file: errorFile(file, 'worker-crashed', `the pipeline thread exited (code ${code})`) }, true);
      slot.worker.on('message', onMessage);
      slot.worker.once('error', onError);
      slot.worker.once('exit', onExit);
      if (limit > 0) {
        timer = setTimeout(
          () => finish({ file: errorFile(file, 'time-limit', `processing took longer than ${Math.round(limit / 1000)} s and was stopped (a stage is stuck on this input; see --time-limit)`) }, true),
          limit,
        );
      }
      slot.worker.postMessage({ id, file, options: this.opts.pipeline });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => {})));
    this.slots = [];
  }
}
