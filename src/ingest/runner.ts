/**
 * The batch: load each file, skip bytes already stored, run the pipeline on the rest with a
 * small bounded concurrency, and write each result through the ONE database connection, each
 * file all or nothing, files grouped into shared commits (store/group.ts). A file is reported
 * only once it is committed. A failure is a row in `ingest_errors` and an outcome with a
 * reason; it never stops the batch.
 *
 * Files are written in the order of the list (so ids are reproducible), those that finish early
 * waiting their turn in a bounded window. Concurrency here overlaps reading files with the
 * pipeline threads (without threads, the text stages share this event loop).
 *
 * Interrupted (the signal), the batch hands out no more files and drops at once every file no
 * thread has started, even those already queued in a thread: only the files in progress are
 * finished and stored (after the files before them in the list that are stored too).
 */
import type { Message, VbFile } from '../../schemas/document.ts';
import { ENGINE_RULE_PREFIX } from '../../schemas/vocabulary.ts';
import { checkModel, failed, processFile, type PipelineOptions } from '../pipeline.ts';
import { adoptModel, shareModel, type RestoreModel, type SharedModel } from '../restore/index.ts';
import { BatchLearner, learntHashes, readWithModel } from '../restore/train.ts';
import { learntSources, teachQ } from '../store/lm-table.ts';
import { runSqlite } from '../store/sql.ts';
import { availableParallelism } from 'node:os';
import { defaultTimeLimitMs, FileDropped, memoryRefusal, PipelinePool, PoolStartError, QUEUE_DEPTH, type PoolResult } from './pool.ts';
import { addFilePath, clearIngestErrors, currentLm, findFile, recordIngestError, storeFile, WriteGroup, type Db, type Fold, type GroupLimits } from '../store/index.ts';

export type OutcomeStatus = 'ingested' | 'replaced' | 'unchanged' | 'failed';

export interface Outcome {
  path: string;
  status: OutcomeStatus;
  hash: string;
  documents: number;
  pages: number;
  /** For failures: the stage and rule that failed and why. */
  stage?: string;
  rule?: string;
  reason?: string;
  /** Stored by an older pipeline version (unchanged files only). */
  outdated?: boolean;
  /** Restored with another archive model than the batch's (unchanged files only). */
  outdatedModel?: boolean;
  /** The OCR engine that read its pages (wasm, native), when some were OCR'd, and how many. */
  ocrEngine?: string;
  ocrPageCount?: number;
  /** Time the pipeline worked on the file (from when a thread started on it), and storing it. */
  ms: number;
}

export interface Summary {
  total: number;
  ingested: number;
  replaced: number;
  unchanged: number;
  failed: number;
  outdated: number;
  outdatedModel: number;
  documents: number;
  pages: number;
  failures: Outcome[];
  /** Pages OCR'd, by the engine that read them. */
  ocrPages: Record<string, number>;
  /** Files processed at the same time (--jobs, at most the number of files). */
  jobs: number;
  interrupted: boolean;
  elapsedMs: number;
  /** Clean files stored by this batch that the archive's model learnt from (RunOptions.adapt). */
  learnt: number;
}

export interface Reporter {
  start(total: number): void;
  /** The pipeline started working on a file (not when it was queued): it is in progress. */
  begin?(path: string): void;
  /** The pipeline is done with a file (stored, or waiting its turn to be, soon after). */
  end?(path: string): void;
  /** Pages of a PDF in progress read so far, of its total (pipeline threads only). */
  pages?(path: string, done: number, total: number): void;
  file(outcome: Outcome, summary: Summary): void;
  done(summary: Summary): void;
}

/** One unit of work: a path, and how to get its loaded (not yet processed) file. */
export interface Job {
  path: string;
  load: () => Promise<VbFile>;
}

/** Characters of processed text waiting for their turn to be stored, at most (see runJobs). */
const REORDER_CHARS = 64 * 1024 * 1024;

export interface RunOptions {
  db: Db;
  fold: Fold;
  pipelineVersion: string;
  /** Reprocess files already stored. */
  force?: boolean;
  concurrency?: number;
  pipeline?: PipelineOptions;
  reporter?: Reporter;
  /** Stop taking new files (in-flight ones finish and are stored). */
  signal?: AbortSignal;
  /** Replace the pipeline (tests). */
  process?: (file: VbFile) => Promise<VbFile>;
  /**
   * Run the pipeline in worker threads (default), each file under a time limit; false runs
   * it in this thread (no limit can be enforced there).
   */
  threads?: boolean;
  /** Time limit for one file in ms (0 = none); default grows with the file's size. */
  timeLimitMs?: number;
  /** Module the pipeline threads run (tests). */
  poolEntry?: URL;
  /**
   * Teach the archive's restoration model the clean files this batch stores (added when the
   * batch ends; the batch itself restores with the model it started with).
   */
  adapt?: boolean;
  /** How many files, or how many ms of work, share one transaction (default 64 files, 250 ms). */
  group?: GroupLimits;
}

export function emptySummary(): Summary {
  return { total: 0, ingested: 0, replaced: 0, unchanged: 0, failed: 0, outdated: 0, outdatedModel: 0, documents: 0, pages: 0, failures: [], ocrPages: {}, jobs: 0, interrupted: false, elapsedMs: 0, learnt: 0 };
}

function firstError(file: VbFile): Message | undefined {
  return file.messages.find((m) => m.severity === 'error');
}

/** Record a file that failed before or during processing (after `ms` of work); returns its outcome. */
export function recordFailure(db: Db, path: string, hash: string, stage: string, rule: string, reason: string, pipelineVersion: string, ms: number): Outcome {
  // Stages prefix reasons with the path; the path has its own column.
  if (reason.startsWith(`${path}: `)) reason = reason.slice(path.length + 2);
  recordIngestError(db, { path, hash, stage, rule, reason }, { pipelineVersion });
  return { path, status: 'failed', hash, documents: 0, pages: 0, stage, rule, reason, ms };
}

/**
 * Add what a batch learnt to the archive's model, in one write transaction (a concurrent
 * `lm train` or ingest waits). A model that cannot be written is said, and the batch stands.
 */
function teach(db: Db, learner: BatchLearner): number {
  if (!learner.size) return 0;
  try {
    const write = db.transaction(() => runSqlite(db, teachQ(learner, new Date().toISOString())).length);
    return write.immediate();
  } catch (err: any) {
    process.stderr.write(`vanban: the archive's model could not learn this batch's files: ${err?.message ?? err}\n`);
    return 0;
  }
}

export async function runJobs(jobs: Job[], opts: RunOptions): Promise<Summary> {
  const t0 = Date.now();
  const summary = emptySummary();
  summary.total = jobs.length;
  opts.reporter?.start(jobs.length);
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? availableParallelism(), jobs.length || 1));
  summary.jobs = concurrency;
  // The restoration model is the archive's model as the batch starts: every file of the batch
  // is restored with it, and records it, even when `vanban lm train` changes it meanwhile.
  const restoring = !opts.process && !opts.pipeline?.restore?.off;
  let archiveLm = restoring ? currentLm(opts.db) : null;
  const lmModel = archiveLm?.id ?? null;
  const learner = opts.adapt && !opts.process ? new BatchLearner(learntHashes(learntSources(opts.db))) : undefined;
  let batchModel: Promise<{ shared: SharedModel; model: RestoreModel }> | undefined;
  // Built when the first file needs it (a batch of stored files never does), for the threads
  // and this thread alike.
  const model = () =>
    (batchModel ??= (async () => {
      const shared = shareModel(archiveLm);
      archiveLm = null; // the counts now live in the model
      return { shared, model: adoptModel(shared) };
    })());
  const withModel = async (): Promise<PipelineOptions> => {
    const pipeline = opts.pipeline ?? {};
    return restoring ? { ...pipeline, restore: { ...pipeline.restore, model: (await model()).model } } : pipeline;
  };
  let pool: PipelinePool | undefined;
  let createdPool: PipelinePool | undefined;
  if (!opts.process && opts.threads !== false && jobs.length) {
    const limit = opts.timeLimitMs;
    pool = new PipelinePool({
      size: concurrency,
      timeLimitMs: limit === undefined ? defaultTimeLimitMs : () => limit,
      pipeline: opts.pipeline ?? {},
      ocrJobs: Math.max(1, Math.floor(availableParallelism() / concurrency)),
      entry: opts.poolEntry,
      model: restoring ? async () => (await model()).shared : undefined,
    });
    createdPool = pool;
  }
  type Process = (f: VbFile, onStart: () => void, onPages?: (done: number, total: number) => void) => Promise<PoolResult>;
  const inThread: Process = async (f, onStart) => {
    onStart();
    return { file: await processFile(f, await withModel()) };
  };
  const inPool: Process = async (f, onStart, onPages) => {
    if (!pool) return inThread(f, onStart);
    try {
      // A file too big for a thread's heap is retried there in a thread with more; if even that
      // is not enough it fails alone. Never redone here, where no time limit applies and running
      // out of memory would end the process.
      return await pool.run(f, onStart, onPages);
    } catch (err) {
      if (!(err instanceof PoolStartError)) throw err;
      // Threads cannot start here: carry on in this thread, without time limits, and say so
      // (files over the memory budget are still refused, before processing: see memoryRefusal).
      if (pool) process.stderr.write(`vanban: ${err.message}; processing in the main thread (no time limit)\n`);
      pool = undefined; // closed at the end, with files other threads may still be running
      return inThread(f, onStart);
    }
  };
  const custom = opts.process;
  const processOne: Process = custom
    ? async (f, onStart) => {
        onStart();
        return { file: await custom(f) };
      }
    : inPool;
  // Bytes being processed right now, so two copies in one batch are processed once.
  const inFlight = new Map<string, { index: number; stored: Promise<void> }>();
  const seen = new Set<string>();

  const finish = (o: Outcome) => {
    if (o.status === 'failed') {
      summary.failed++;
      summary.failures.push(o);
    } else summary[o.status]++;
    if (o.outdated) summary.outdated++;
    if (o.outdatedModel) summary.outdatedModel++;
    summary.documents += o.documents;
    summary.pages += o.pages;
    if (o.ocrEngine) summary.ocrPages[o.ocrEngine] = (summary.ocrPages[o.ocrEngine] ?? 0) + (o.ocrPageCount ?? 0);
    summary.elapsedMs = Date.now() - t0;
    opts.reporter?.file(o, summary);
  };

  const group = new WriteGroup(opts.db, opts.group);
  // Every write of a file (its documents, or its failure) is a thunk run in the order of the
  // batch's list, whatever order the files finish in: document ids follow the list, so the
  // same batch gives the same ids on every run and with any --jobs. A file dropped by an
  // interruption writes nothing (null): the files after it are not held back by it.
  type Commit = (() => Outcome | null) & { chars?: number };
  const DROPPED: Commit = () => null;
  const fail = (path: string, hash: string, stage: string, rule: string, reason: string, ms: number): Commit => () => {
    group.begin();
    return recordFailure(opts.db, path, hash, stage, rule, reason, opts.pipelineVersion, ms);
  };
  // Bytes stored by this run (a copy later in the list, or loaded out of order, is a path).
  const storedNow = new Set<string>();

  const prepare = async (job: Job, index: number): Promise<Commit> => {
    // A file's time counts from when the pipeline starts on it (reset then), to when it is done.
    let from = Date.now();
    let to: number | undefined;
    const elapsed = () => (to ?? Date.now()) - from;
    let file: VbFile;
    try {
      file = await job.load();
    } catch (err: any) {
      return fail(job.path, '', 'load', 'load-failed', `${job.path}: ${err?.message ?? err}`, elapsed());
    }
    const hash = file.source.hash;
    const loadError = firstError(file);
    if (loadError) return fail(job.path, hash, loadError.stage, loadError.ruleId, loadError.reason, elapsed());
    if (opts.signal?.aborted) return DROPPED;

    // The same bytes earlier in the list: wait for them to be stored, then add this path.
    // (Bytes claimed by a file later in the list are not waited for: it waits for this one.)
    const pending = inFlight.get(hash);
    if (pending && pending.index < index) await pending.stored;
    if (opts.signal?.aborted) return DROPPED;
    const known = findFile(opts.db, hash);
    // --force reprocesses stored bytes once per run, not once per copy.
    if (known && (!opts.force || seen.has(hash))) {
      const ms = elapsed();
      return () => {
        group.begin();
        addFilePath(opts.db, known.id, job.path);
        clearIngestErrors(opts.db, job.path, hash);
        const outdated = known.pipelineVersion !== opts.pipelineVersion;
        const outdatedModel = restoring && known.modelDependent && known.lmModel !== lmModel;
        return { path: job.path, status: 'unchanged', hash, documents: 0, pages: 0, ...(outdated ? { outdated } : {}), ...(outdatedModel ? { outdatedModel } : {}), ms };
      };
    }

    // A text too large to process within the memory a thread may have is refused up front.
    const tooBig = custom ? undefined : memoryRefusal(file);
    if (tooBig) return fail(job.path, hash, 'pipeline', 'too-large', tooBig, elapsed());

    let release!: () => void;
    const claim = { index, stored: new Promise<void>((r) => (release = r)) };
    if (!inFlight.has(hash)) inFlight.set(hash, claim);
    seen.add(hash);
    const done = (commit: Commit): Commit => () => {
      try {
        return commit();
      } finally {
        if (inFlight.get(hash) === claim) inFlight.delete(hash);
        release();
      }
    };
    let result: PoolResult;
    let begun = false;
    try {
      // A model that cannot be built fails the file, rather than restoring with another one.
      if (restoring) await model();
      if (opts.signal?.aborted) return done(DROPPED);
      result = await processOne(
        file,
        () => {
          begun = true;
          from = Date.now();
          opts.reporter?.begin?.(job.path);
        },
        (done, total) => opts.reporter?.pages?.(job.path, done, total),
      );
    } catch (err: any) {
      if (err instanceof FileDropped) return done(DROPPED);
      return done(fail(job.path, hash, 'pipeline', 'pipeline-failed', `${job.path}: ${err?.message ?? err}`, elapsed()));
    } finally {
      to = Date.now();
      if (begun) opts.reporter?.end?.(job.path);
    }
    const out = result.file;
    const err = failed(out) ? firstError(out) : undefined;
    if (err) return done(fail(job.path, hash, err.stage, err.ruleId, err.reason, elapsed()));
    // Pipeline threads check their own output (checkModel); what ran here is checked here.
    const checked = result.checked ?? checkModel(out);
    if (!checked.ok) return done(fail(job.path, hash, 'store', 'invalid-model', `${job.path}: ${checked.problem}`, elapsed()));
    const processed = checked.file;
    const worked = elapsed();
    // The ocr stage names the engine that read the pages in an info message (engine-wasm …).
    const engine = processed.messages.find((m) => m.stage === 'ocr' && m.ruleId.startsWith(ENGINE_RULE_PREFIX))?.ruleId.slice(ENGINE_RULE_PREFIX.length);
    const ocr = engine ? { ocrEngine: engine, ocrPageCount: processed.pages.filter((p) => p.method === 'ocr').length } : {};
    const store = done(() => {
      const storing = Date.now();
      const ms = () => worked + (Date.now() - storing);
      let stored;
      try {
        group.begin();
        stored = storeFile(opts.db, processed, { fold: opts.fold, pipelineVersion: opts.pipelineVersion, lmModel: readWithModel(processed) ? lmModel : null, search: group.search }, { keepExisting: !opts.force || storedNow.has(hash) });
      } catch (e: any) {
        return fail(job.path, hash, 'store', 'store-failed', `${job.path}: ${e?.message ?? e}`, ms())();
      }
      storedNow.add(hash);
      if (!stored.kept) learner?.learn(processed);
      if (stored.kept) return { path: job.path, status: 'unchanged', hash, documents: 0, pages: 0, ms: ms() };
      return {
        path: job.path,
        status: stored.replaced ? 'replaced' : 'ingested',
        hash,
        documents: stored.documentIds.length,
        pages: processed.pages.length,
        ...ocr,
        ms: ms(),
      };
    });
    return Object.assign(store, { chars: processed.text.length });
  };

  // Files processed ahead of their turn wait here, up to a window of files and of bytes read,
  // so one long scan at the head of the list does not idle the threads (nor fill memory).
  const ready = new Map<number, { commit: Commit; chars: number }>();
  let committed = 0; // files [0, committed) are written
  let readyChars = 0;
  let waiting: (() => void)[] = [];
  const flush = () => {
    for (let r = ready.get(committed); r; r = ready.get(committed)) {
      ready.delete(committed);
      readyChars -= r.chars;
      committed++;
      const outcome = r.commit();
      if (outcome) group.done((err) => finish(err ? lost(outcome, err) : outcome));
    }
    wakeWaiting();
  };
  const wakeWaiting = () => {
    const wake = waiting;
    waiting = [];
    for (const w of wake) w();
  };
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      if (opts.signal?.aborted) {
        summary.interrupted = true;
        return;
      }
      if (next >= committed + reorderFiles || readyChars > REORDER_CHARS) {
        await new Promise<void>((r) => waiting.push(r));
        continue;
      }
      const index = next++;
      const job = jobs[index]!;
      const commit = await prepare(job, index);
      const chars = commit.chars ?? 0;
      ready.set(index, { commit, chars });
      readyChars += chars;
      flush();
    }
  };
  // The group's commit failed (disk full…): the file is not stored; say so, and try to note it.
  const lost = (o: Outcome, err: Error): Outcome => {
    const reason = `the database could not commit: ${err.message}`;
    try {
      recordFailure(opts.db, o.path, o.hash, 'store', 'commit-failed', reason, opts.pipelineVersion, o.ms);
    } catch {
      // the database is unwritable; the outcome still says why
    }
    return { path: o.path, status: 'failed', hash: o.hash, documents: 0, pages: 0, stage: 'store', rule: 'commit-failed', reason, ms: o.ms };
  };
  // With threads, per thread: the files queued in it (pool.ts) and two more the main thread
  // is loading or storing.
  const inFlightFiles = pool ? Math.min(jobs.length, concurrency * (QUEUE_DEPTH + 2)) : concurrency;
  const reorderFiles = Math.max(64, 4 * inFlightFiles);
  const interrupt = () => {
    summary.interrupted = true;
    pool?.dropQueued();
    wakeWaiting(); // callers waiting for room in the window see the signal and stop
  };
  if (opts.signal?.aborted) interrupt();
  else opts.signal?.addEventListener('abort', interrupt, { once: true });
  try {
    await Promise.all(Array.from({ length: inFlightFiles }, worker));
  } finally {
    opts.signal?.removeEventListener('abort', interrupt);
    group.end();
    await createdPool?.close();
    if (learner) summary.learnt = teach(opts.db, learner);
  }
  summary.elapsedMs = Date.now() - t0;
  opts.reporter?.done(summary);
  return summary;
}
