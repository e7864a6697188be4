/**
 * A small pool of worker threads running the pipeline, each processing one file at a time
 * with the next ones already queued (QUEUE_DEPTH).
 * Why threads: the text stages are synchronous, so threads are what uses a second core; and
 * a file that runs past its time limit (a stage stuck on a pathological input) is stopped by
 * terminating its thread — impossible for synchronous code in the main thread. The file
 * then fails with a reason and the batch goes on with a fresh thread.
 * Memory is bounded the same way: threads have small heaps, a file that runs one out of memory
 * is retried once in a thread of its own with a heap sized from the file (under the rest of its
 * time limit), and a file that needs more than that fails alone; the main thread never runs the
 * pipeline, so no file can run the process itself out of memory.
 */
import { totalmem } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { VbFile } from '../../schemas/document.ts';
import type { ModelCheck, PipelineOptions } from '../pipeline.ts';
import type { PageProgress, WorkReply } from './pipeline-worker.ts';
import type { SharedModel } from '../restore/index.ts';
import { freePageTurn, makePageTurns } from '../ocr/page-turns.ts';
import { siblingModule, startThread } from '../lib/thread.ts';

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
   * The batch's restoration model in shared memory, chosen by the caller and handed to every
   * thread, replacements included (one copy, not one each; the same model for the whole batch).
   * Asked for when the first file needs a thread: a batch whose files are all stored already
   * never loads it. Undefined: the threads restore with the shipped model.
   */
  model?: () => Promise<SharedModel | undefined>;
}

/** Default limit: generous for text (minutes, where a normal file takes a second), growing with size for scans. */
export function defaultTimeLimitMs(file: VbFile): number {
  return timeLimitForBytes(file.source.size);
}

/** The default limit for a file of this many bytes (a queued file's lease is made from it). */
export function timeLimitForBytes(size: number): number {
  return 300_000 + Math.ceil(size / (1024 * 1024)) * 120_000;
}

/**
 * Old-generation heap of a pipeline thread. Small heaps keep each thread's resident memory near
 * its live data (the restoration model, one file): 404 → 312 MB peak for a 1,000-file batch at
 * the same speed. A file that needs more is retried in a thread of its own (heapBudgetMb).
 */
export const THREAD_HEAP_MB = 96;

/**
 * Heap one file gets in a thread of its own: a base for the modules and the model, and the rest
 * in proportion to the text (each stage keeps a copy of it, in UTF-16, with offsets and
 * records; a text measured at about MB_HEAP_PER_TEXT_MB times its size at its peak).
 */
const BASE_HEAP_MB = 64;
const MB_HEAP_PER_TEXT_MB = 32;

/** Most heap one thread may have: 2 GB, or a quarter of this machine's memory when that is less. */
export function maxHeapMb(): number {
  return Math.min(2048, Math.floor(totalmem() / (4 * 1024 * 1024)));
}

/** Heap the pipeline needs for a file, by its size (measured on texts; scans hold pixels elsewhere). */
function heapNeedMb(file: VbFile): number {
  return BASE_HEAP_MB + Math.ceil((MB_HEAP_PER_TEXT_MB * file.source.size) / (1024 * 1024));
}

/** Heap a file gets in a thread of its own (at least twice a normal thread's, at most maxHeapMb). */
export function heapBudgetMb(file: VbFile): number {
  return Math.min(maxHeapMb(), Math.max(2 * THREAD_HEAP_MB, heapNeedMb(file)));
}

/**
 * Why a text is refused before processing, if it is: it would need more heap than a thread may
 * have (it would run out of memory after minutes of work).
 */
export function memoryRefusal(file: VbFile): string | undefined {
  if (!file.source.mediaType.startsWith('text/')) return undefined;
  const need = heapNeedMb(file);
  const max = maxHeapMb();
  if (need <= max) return undefined;
  const mb = (file.source.size / (1024 * 1024)).toFixed(0);
  return `a ${mb} MB text needs about ${need} MB of memory to process, more than the ${max} MB a pipeline thread may have; not processed (split it into smaller files)`;
}

/** A file handed to a thread, waiting for its reply. */
interface Task {
  id: number;
  file: VbFile;
  resolve: (r: PoolResult) => void;
  reject: (err: FileDropped) => void;
  /** Told once, when a thread starts working on the file (not when it is queued). */
  onStart?: () => void;
  /** Told as a PDF's pages are read. */
  onPages?: (done: number, total: number) => void;
  /** A thread has started working on it (it is in progress, not queued). */
  begun?: boolean;
  /** When its time limit started (a retry has what is left of it). */
  startedAt?: number;
  /** Retried in a thread of its own after running a small one out of memory. */
  alone?: boolean;
}

interface Slot {
  worker: Worker;
  /** Old-generation heap of the thread, MB. */
  heapMb: number;
  ready: Promise<void>;
  /** Files posted to this thread, in order; the first is the one it is processing. */
  queue: Task[];
  /** Time limit of the first file, started when the thread begins it. */
  timer?: NodeJS.Timeout;
  /** The thread said it is ready (a thread that fails before that is the caller's problem: PoolStartError). */
  started: boolean;
}

/**
 * Files posted to a thread at once: the one it processes and the ones after it. The main
 * thread stores every file and commits each group, and a commit that also checkpoints the
 * WAL holds it for 150–300 ms. With only the next file queued, the threads ran dry in those
 * stalls and sat idle ~20 % of a 5,000-file batch; with six they keep working through them.
 */
export const QUEUE_DEPTH = 6;

/**
 * A thread with a scan or PDF queued takes only one file more: those take seconds each, and
 * files queued behind them would wait while the other thread ran out of work.
 */
const QUEUE_DEPTH_OCR = 2;

function room(slot: Slot): boolean {
  const depth = slot.queue.some((t) => !t.file.source.mediaType.startsWith('text/')) ? QUEUE_DEPTH_OCR : QUEUE_DEPTH;
  return slot.queue.length < depth;
}

// Run from the compiled copy (bin/vanban), the thread imports plain JavaScript. Run from the
// sources (tests, tsx), tsx is registered inside the thread first: threads do not inherit the
// main thread's loader, and each registration starts a loader thread of its own.

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

/** The file was still queued when the batch was interrupted (dropQueued): never processed. */
export class FileDropped extends Error {
  constructor() {
    super('dropped: the batch was interrupted before a thread started this file');
  }
}

export class PipelinePool {
  private slots: Slot[] = [];
  private waiting: (() => void)[] = [];
  private nextId = 1;
  private closed = false;
  private model: Promise<SharedModel | undefined> | undefined;
  /** The thread with a large heap, for one file at a time (several would multiply the memory). */
  private big: Slot | undefined;
  /** Files waiting for it. */
  private bigQueue: Task[] = [];
  /** Interrupted: files not yet started are dropped, no new file is taken (dropQueued). */
  private draining = false;

  /** One scanned page prepared at a time across the threads (src/ocr/page-turns.ts). */
  private readonly pageTurns = makePageTurns();

  constructor(private opts: PoolOptions) {}

  private spawn(heapMb = THREAD_HEAP_MB): Slot {
    const entry = this.opts.entry ?? siblingModule(import.meta.url, 'pipeline-worker');
    const worker = startThread(entry, {
      resourceLimits: { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: heapMb },
      workerData: {
        ocrJobs: this.opts.ocrJobs,
        pageTurns: this.pageTurns,
      },
    });
    // A thread that ends (terminated past its time limit, crashed) gives back a page turn it held.
    const tid = worker.threadId;
    worker.once('exit', () => freePageTurn(this.pageTurns, tid));
    // The thread starts (imports its modules) while the model loads, and gets the model as its
    // first message: files are posted only once the thread is ready and has it.
    const model = (this.model ?? Promise.resolve(undefined)).then((m) => {
      if (m) worker.postMessage({ model: m });
    });
    const booted = new Promise<void>((resolve, reject) => {
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
    const ready = Promise.all([booted, model]).then(() => {});
    ready.catch(() => {}); // reported when the slot is used
    const slot: Slot = { worker, heapMb, ready, queue: [], started: false };
    ready.then(() => (slot.started = true), () => {});
    worker.on('message', (m: WorkReply | PageProgress | { ready: true }) => {
      if (!('id' in m)) return;
      const task = slot.queue[0];
      if (task?.id !== m.id) return;
      if ('pages' in m) return void task.onPages?.(m.pages.done, m.pages.total);
      if ('error' in m) this.settle(slot, { file: errorFile(task.file, 'pipeline-failed', m.error.split('\n')[0]) }, false);
      else {
        // The checked copy is the same object as m.file (one message keeps identity).
        if (task.file.original && !m.file.original) m.file.original = task.file.original;
        this.settle(slot, { file: m.file, checked: m.checked }, false);
      }
    });
    worker.once('error', (err: any) => {
      if (err?.code === 'ERR_WORKER_OUT_OF_MEMORY') this.outOfMemory(slot);
      else this.fail(slot, 'worker-crashed', `the pipeline thread died: ${err.message}`);
    });
    worker.once('exit', (code) => this.fail(slot, 'worker-crashed', `the pipeline thread exited (code ${code})`));
    return slot;
  }

  /** A thread of the pool, or the large one, not yet replaced or stopped. */
  private live(slot: Slot): boolean {
    return slot === this.big || this.slots.includes(slot);
  }

  /** The first file of a thread that broke (died, or stopped at its time limit) fails with this reason. */
  private fail(slot: Slot, ruleId: string, reason: string): void {
    if (!slot.started || !this.live(slot)) return;
    const task = slot.queue[0];
    if (task) this.settle(slot, { file: errorFile(task.file, ruleId, reason) }, true);
    else if (slot === this.big) this.endBig();
    else this.drop(slot); // died idle: the next file starts a new one
  }

  /** Take a thread out of the pool (stopping it), which leaves room for a caller waiting for one. */
  private drop(slot: Slot): void {
    clearTimeout(slot.timer);
    this.slots.splice(this.slots.indexOf(slot), 1);
    void slot.worker.terminate().catch(() => {});
    this.waiting.shift()?.();
  }

  /**
   * The thread's first file ran it out of memory: retried once in a thread of its own with a
   * heap sized from the file (the files queued behind it go on in a fresh small thread); if
   * that is not enough, it fails.
   */
  private outOfMemory(slot: Slot): void {
    if (!slot.started || !this.live(slot)) return;
    const task = slot.queue[0];
    if (!task) return void (slot === this.big ? this.endBig() : this.drop(slot));
    const budget = heapBudgetMb(task.file);
    if (task.alone || budget <= slot.heapMb) {
      const reason = `needs more than ${slot.heapMb} MB of memory (the most a pipeline thread may have for this file); not processed`;
      return this.settle(slot, { file: errorFile(task.file, 'out-of-memory', reason) }, true);
    }
    this.settle(slot, undefined, true);
    task.alone = true;
    this.bigQueue.push(task);
    this.startBig();
  }

  /** Start the large thread on the next file waiting for it, unless it is busy. */
  private startBig(): void {
    if (this.big || this.closed) return;
    const task = this.bigQueue.shift();
    if (!task) return;
    const slot = (this.big = this.spawn(heapBudgetMb(task.file)));
    slot.queue.push(task);
    slot.ready.then(
      () => {
        if (slot !== this.big) return;
        this.post(slot, task);
        this.startClock(slot);
      },
      (err) => {
        if (slot !== this.big) return;
        this.settle(slot, { file: errorFile(task.file, 'worker-crashed', `a pipeline thread with more memory could not start: ${err?.message ?? err}`) }, true);
      },
    );
  }

  /** The large thread's file is done: stop it (its memory goes back) and start the next. */
  private endBig(): void {
    const slot = this.big!;
    clearTimeout(slot.timer);
    this.big = undefined;
    void slot.worker.terminate().catch(() => {});
    this.startBig();
  }

  /**
   * The thread's first file is done; a broken thread is replaced and gets the files queued
   * behind it. Without a result the file is not answered (it is retried elsewhere).
   */
  private settle(slot: Slot, result: PoolResult | undefined, broken: boolean): void {
    clearTimeout(slot.timer);
    const task = slot.queue.shift()!;
    if (slot === this.big) {
      this.endBig();
      if (result) task.resolve(result);
      return;
    }
    if (broken) {
      void slot.worker.terminate().catch(() => {});
      const fresh = this.spawn();
      fresh.queue = slot.queue;
      this.slots[this.slots.indexOf(slot)] = fresh;
      for (const t of fresh.queue) this.post(fresh, t);
      // The next file's clock starts once the replacement is ready: on a busy machine starting
      // one takes seconds, and counted in the file's limit it failed file after file. A
      // replacement that cannot start fails the files queued in it (the next file to come meets
      // PoolStartError and the batch goes on in the main thread).
      fresh.ready.then(
        () => {
          if (this.slots.includes(fresh)) this.startClock(fresh);
        },
        (err) => {
          if (!this.slots.includes(fresh)) return;
          this.drop(fresh);
          for (const t of fresh.queue.splice(0)) t.resolve({ file: errorFile(t.file, 'worker-crashed', `the pipeline thread could not be restarted: ${err?.message ?? err}`) });
        },
      );
    } else this.startClock(slot);
    if (result) task.resolve(result);
    this.waiting.shift()?.();
  }

  private post(slot: Slot, task: Task): void {
    // The stages never change a text file's `original` (only OCR writes one, for scans and PDFs,
    // which arrive without): it stays here instead of being copied there and back (~30 KB each way).
    const file = task.file.original ? { ...task.file, original: '' } : task.file;
    slot.worker.postMessage({ id: task.id, file, options: this.opts.pipeline });
  }

  /**
   * The thread is now working on its first file: say so (once; a retry is the same work) and
   * start its time limit (a retry has what is left of it).
   */
  private startClock(slot: Slot): void {
    clearTimeout(slot.timer);
    const task = slot.queue[0];
    if (!task) return;
    if (!task.begun) {
      task.begun = true;
      task.onStart?.();
    }
    const limit = this.opts.timeLimitMs(task.file);
    if (limit <= 0) return;
    task.startedAt ??= Date.now();
    slot.timer = setTimeout(
      () => this.settle(slot, { file: errorFile(task.file, 'time-limit', `processing took longer than ${Math.round(limit / 1000)} s and was stopped (a stage is stuck on this input; see --time-limit)`) }, true),
      Math.max(0, limit - (Date.now() - task.startedAt)),
    );
  }

  /**
   * Queue the task in a thread with room for it: an idle one, a new one, or the one with the
   * shortest queue. Queued at once, in the same step as the choice, so callers coming at the
   * same moment see the queue it now has.
   */
  private async acquire(task: Task): Promise<Slot> {
    for (;;) {
      if (this.draining) throw new FileDropped();
      let slot = this.slots.find((s) => s.queue.length === 0);
      if (!slot && this.slots.length < this.opts.size) {
        slot = this.spawn();
        this.slots.push(slot);
      }
      if (!slot) for (const s of this.slots) if (room(s) && (!slot || s.queue.length < slot.queue.length)) slot = s;
      if (slot) {
        slot.queue.push(task);
        return slot;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /**
   * Process one file in a thread; the result says whether the thread checked it against the
   * model. `onStart` is called when a thread starts on it. Throws FileDropped when the batch
   * is interrupted before that (dropQueued).
   */
  async run(file: VbFile, onStart?: () => void, onPages?: (done: number, total: number) => void): Promise<PoolResult> {
    if (this.closed) throw new Error('pipeline pool is closed');
    if (this.draining) throw new FileDropped();
    // Asked for once, when the first file needs a thread; threads started meanwhile wait for it.
    if (this.opts.model) this.model ??= this.opts.model().catch(() => undefined);
    const task: Task = { id: this.nextId++, file, resolve: () => {}, reject: () => {}, onStart, onPages };
    const result = new Promise<PoolResult>((resolve, reject) => ((task.resolve = resolve), (task.reject = reject)));
    result.catch(() => {}); // dropped while this call still waits for a thread: the caller hears it below
    // A text that surely needs more than a small thread has goes straight to a thread of its own.
    if (file.source.mediaType.startsWith('text/') && heapNeedMb(file) > 2 * THREAD_HEAP_MB) {
      task.alone = true;
      this.bigQueue.push(task);
      this.startBig();
      return result;
    }
    // Queued before the thread is ready, so concurrent callers see the queue it will have.
    const slot = await this.acquire(task);
    try {
      await slot.ready;
    } catch (err: any) {
      const at = slot.queue.indexOf(task);
      if (at >= 0) slot.queue.splice(at, 1);
      if (this.slots.includes(slot) && slot.queue.length === 0) this.drop(slot);
      else this.waiting.shift()?.();
      throw new PoolStartError(`could not start a pipeline thread: ${err?.message ?? err}`);
    }
    // The thread may have been replaced while starting (a file before this one broke it): the
    // replacement got this file already. Or the file was dropped meanwhile (dropQueued).
    if (!this.slots.includes(slot) || !slot.queue.includes(task)) return result;
    this.post(slot, task);
    if (slot.queue[0] === task) this.startClock(slot);
    return result;
  }

  /**
   * The batch is interrupted (the first Ctrl-C): every file a thread has not started yet is
   * dropped at once (its run() throws FileDropped, and its thread is told to skip it), and no
   * new file is taken. The files in progress go on to their end.
   */
  dropQueued(): void {
    this.draining = true;
    const dropped: Task[] = this.bigQueue.splice(0);
    for (const slot of this.slots) {
      const keep = slot.queue.filter((t) => t.begun);
      const drop = slot.queue.filter((t) => !t.begun);
      if (!drop.length) continue;
      slot.queue = keep;
      slot.worker.postMessage({ drop: drop.map((t) => t.id) });
      dropped.push(...drop);
    }
    for (const t of dropped) t.reject(new FileDropped());
    // Callers waiting for room in a thread learn they are dropped too.
    for (const wake of this.waiting.splice(0)) wake();
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.big ? [...this.slots, this.big] : this.slots;
    this.slots = [];
    this.big = undefined;
    this.bigQueue = [];
    for (const s of slots) clearTimeout(s.timer);
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => {})));
  }
}
