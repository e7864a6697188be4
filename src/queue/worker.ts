/**
 * `vanban worker`: take files from the queue (queue.ts), run the pipeline in the same thread
 * pool as `ingest` (ingest/pool.ts: time limits, memory budgets, OCR threads), store each file
 * in one transaction (store/pg-store.ts). Any number of workers on any number of machines share
 * one queue.
 *
 * A failure of the file itself (unreadable, a stage error, past its time limit) is for good:
 * one row in `ingest_errors`, and the job is done. A failure that can pass (the database went
 * away, the thread pool could not start) fails the job, and pg-boss offers it again after a
 * backoff; on its last attempt it too is recorded for good. A worker that dies holds its jobs
 * only until their lease runs out: then another worker takes them.
 */
import { availableParallelism, hostname } from 'node:os';
import type PgBoss from 'pg-boss';
import type { Message, VbFile } from '../../schemas/document.ts';
import { loadFile, MAX_FILE_BYTES } from '../load/index.ts';
import { fold } from '../normalize/index.ts';
import { checkModel, failed } from '../pipeline.ts';
import { shareModel, type SharedModel } from '../restore/index.ts';
import { BatchLearner, learntHashes, readWithModel } from '../restore/train.ts';
import { currentLmQ, learntSourcesQ, teachQ } from '../store/lm-table.ts';
import { defaultTimeLimitMs, memoryRefusal, PipelinePool, PoolStartError } from '../ingest/pool.ts';
import { pgRead, pgTransaction, WRITE_LOCK, type PgArchive } from '../store/pg.ts';
import { filePathsQ } from '../store/read.ts';
import { reloadFile, storedSourceQ, type ReprocessFile } from '../ingest/reprocess.ts';
import { run } from '../store/sql.ts';
import { addKnownPathPg, findFilePg, recordIngestErrorPg, storeFilePg } from '../store/pg-store.ts';
import { PIPELINE_VERSION } from '../version.ts';
import { QUEUE, startBoss, type FileJob } from './queue.ts';

export interface WorkerOptions {
  archive: PgArchive;
  /** Files processed at once (pipeline threads). */
  jobs: number;
  /** Stop once no job is queued, waiting for a retry, or running anywhere. */
  exitWhenEmpty?: boolean;
  /** Path prefixes as this machine mounts the shared storage: [queued prefix, local prefix]. */
  pathMap?: [string, string][];
  /** Time limit for one file in ms (0 = none); default as in ingest, never past the job's lease. */
  timeLimitMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
  /** One line per file (stderr by default). */
  log?: (line: string) => void;
  /** Module the pipeline threads run (tests). */
  poolEntry?: URL;
  /** Seconds between two looks at an empty queue. */
  pollSeconds?: number;
  /**
   * Teach the archive's restoration model the clean files this worker stores (as `ingest`
   * does on SQLite: restore/train.ts BatchLearner), when the worker stops and every
   * `teachEverySeconds` while it runs. The worker itself restores with the model it started with.
   */
  adapt?: boolean;
  /** Seconds between two teachings of a worker that runs on (default 600). */
  teachEverySeconds?: number;
}

export interface WorkerSummary {
  worker: string;
  ingested: number;
  /** Of the ingested: stored bytes processed again and replaced (`ingest --force`, reprocess). */
  replaced: number;
  unchanged: number;
  failed: number;
  /** Jobs given back to the queue after a failure that can pass. */
  retried: number;
  documents: number;
  pages: number;
  /** Clean files the archive's model learnt from (WorkerOptions.adapt). */
  learnt: number;
  elapsedMs: number;
}

/** A failure of the file, not of the machine: recorded once, never retried. */
class FileFailure extends Error {
  constructor(
    readonly stage: string,
    readonly rule: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** `--path-map FROM=TO` values, checked; the error names the value. */
export function parsePathMaps(values: string[]): [string, string][] {
  return values.map((v) => {
    const at = v.indexOf('=');
    if (at <= 0 || at === v.length - 1) throw new Error(`--path-map ${v}: expected FROM=TO (a path prefix as queued, and where this machine sees it)`);
    return [v.slice(0, at), v.slice(at + 1)];
  });
}

export function mapPath(path: string, maps: [string, string][]): string {
  for (const [from, to] of maps) if (path.startsWith(from)) return to + path.slice(from.length);
  return path;
}

const firstError = (file: VbFile): Message | undefined => file.messages.find((m) => m.severity === 'error');
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((r) => {
    const wake = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', wake);
      r();
    };
    const t = setTimeout(wake, ms);
    signal?.addEventListener('abort', wake, { once: true });
  });

export async function runWorker(opts: WorkerOptions): Promise<WorkerSummary> {
  const t0 = Date.now();
  const a = opts.archive;
  const worker = `${hostname()}:${process.pid}`;
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const summary: WorkerSummary = { worker, ingested: 0, replaced: 0, unchanged: 0, failed: 0, retried: 0, documents: 0, pages: 0, learnt: 0, elapsedMs: 0 };
  const boss = await startBoss(a, { supervise: true });
  // Workers seen by `queue status`. Under the schema lock: two workers starting at once would
  // both create it (CREATE … IF NOT EXISTS is not safe against a concurrent one).
  await pgTransaction(
    a,
    (function* () {
      yield* run('SELECT pg_advisory_xact_lock(?)', [WRITE_LOCK + 1]);
      yield* run(`CREATE TABLE IF NOT EXISTS vanban_workers (
        worker TEXT PRIMARY KEY, started_at TIMESTAMPTZ NOT NULL, seen_at TIMESTAMPTZ NOT NULL,
        running BIGINT NOT NULL DEFAULT 0, done BIGINT NOT NULL DEFAULT 0)`);
    })(),
  );
  let running = 0;
  const beat = () =>
    a.pool
      .query(
        `INSERT INTO vanban_workers (worker, started_at, seen_at, running, done) VALUES ($1, now(), now(), $2, $3)
         ON CONFLICT (worker) DO UPDATE SET seen_at = now(), running = EXCLUDED.running, done = EXCLUDED.done`,
        [worker, running, summary.ingested + summary.unchanged + summary.failed],
      )
      .catch(() => {});
  await beat();
  const heartbeat = setInterval(beat, 5_000);
  heartbeat.unref();

  // The model every file of this worker is restored with, read once: the archive's at start.
  let model: Promise<SharedModel> | undefined;
  // The id and the counts are read together: a model another worker teaches meanwhile is
  // neither recorded nor used by this one (the counts are kept until the pool builds the model).
  let archiveLm = await pgRead(a, currentLmQ());
  const lmModel = archiveLm?.id ?? null;
  const learner = opts.adapt ? new BatchLearner(learntHashes(await pgRead(a, learntSourcesQ()))) : undefined;
  // What this worker learnt, added to the archive's model in one transaction under the model's
  // advisory lock (lm-table.ts LM_LOCK): workers on other machines teaching at the same moment
  // wait for each other, and each adds its files to the model the previous one committed.
  let teaching = Promise.resolve();
  const teach = () =>
    (teaching = teaching.then(async () => {
      if (!learner?.size) return;
      try {
        summary.learnt += (await pgTransaction(a, teachQ(learner, new Date().toISOString()))).length;
        learner.taught();
      } catch (err: any) {
        log(`vanban: worker ${worker}: the archive's model could not learn the files stored: ${err?.message ?? err}`);
      }
    }));
  const teacher = learner ? setInterval(teach, (opts.teachEverySeconds ?? 600) * 1000) : undefined;
  teacher?.unref();
  const limits = new WeakMap<VbFile, number>();
  const pool = new PipelinePool({
    size: opts.jobs,
    timeLimitMs: (f) => limits.get(f) ?? (opts.timeLimitMs ?? defaultTimeLimitMs(f)),
    pipeline: {},
    ocrJobs: Math.max(1, Math.floor(availableParallelism() / opts.jobs)),
    entry: opts.poolEntry,
    model: () =>
      (model ??= (async () => {
        const shared = shareModel(archiveLm);
        archiveLm = null; // the counts now live in the model
        return shared;
      })()),
  });
  const ctx = { fold, pipelineVersion: PIPELINE_VERSION };
  const maps = opts.pathMap ?? [];

  /**
   * What a reprocess job reruns: the stored file and its paths; null when there is nothing to
   * do: the bytes are gone from the archive, or were redone since queued. Read outside the
   * file's loading, so a database that went away is retried, not recorded as the file's failure.
   */
  const storedToRerun = async (job: FileJob): Promise<ReprocessFile | null> => {
    const known = await findFilePg(a, job.hash);
    const was = job.reprocess!;
    if (!known || known.pipelineVersion !== was.pipelineVersion || known.lmModel !== was.lmModel) return null;
    return { id: known.id, path: job.path, hash: job.hash, size: job.size, ...was, paths: await pgRead(a, filePathsQ(known.id)) };
  };

  const handle = async (job: PgBoss.JobWithMetadata<FileJob>): Promise<string> => {
    const queued = job.data.path;
    const local = mapPath(queued, maps);
    const rerun = job.data.reprocess ? await storedToRerun(job.data) : undefined;
    if (rerun === null) {
      summary.unchanged++;
      return `unchanged ${queued}`;
    }
    const maxBytes = opts.maxBytes ?? MAX_FILE_BYTES;
    let file: VbFile;
    try {
      // A rerun reads its bytes from a stored path that still has them, or its stored text.
      file = rerun ? await reloadFile(rerun, () => pgRead(a, storedSourceQ(rerun.id)), { maxBytes, local: (p) => mapPath(p, maps) }) : await loadFile(local, maxBytes);
    } catch (err: any) {
      throw new FileFailure('load', 'load-failed', String(err?.message ?? err));
    }
    const loadError = firstError(file);
    if (loadError) throw new FileFailure(loadError.stage, loadError.ruleId, loadError.reason);
    const hash = file.source.hash;
    // `ingest --force`: bytes stored before are processed again and replaced, as on SQLite.
    const known = rerun || job.data.force ? undefined : await findFilePg(a, hash);
    if (known) {
      await addKnownPathPg(a, known.id, queued, hash);
      summary.unchanged++;
      return `unchanged ${queued}`;
    }
    const tooBig = memoryRefusal(file);
    if (tooBig) throw new FileFailure('pipeline', 'too-large', tooBig);
    // Never past the lease, or another worker would take the file while this one still works.
    const own = opts.timeLimitMs ?? defaultTimeLimitMs(file);
    const leaseMs = job.expireInSeconds * 1000;
    const lease = leaseMs - Math.min(30_000, leaseMs / 4);
    limits.set(file, own > 0 ? Math.min(own, lease) : lease);
    let out: VbFile;
    let checked;
    try {
      const result = await pool.run(file, () => {});
      out = result.file;
      checked = result.checked;
    } catch (err: any) {
      if (err instanceof PoolStartError) throw err; // the machine's, not the file's: retried
      throw new FileFailure('pipeline', 'pipeline-failed', String(err?.message ?? err));
    }
    const err = failed(out) ? firstError(out) : undefined;
    if (err) throw new FileFailure(err.stage, err.ruleId, err.reason);
    const check = checked ?? checkModel(out);
    if (!check.ok) throw new FileFailure('store', 'invalid-model', check.problem);
    const processed = restorePath(check.file, local, queued);
    const storing = Date.now();
    // A rerun replaces the stored version (as `reprocess` on SQLite); an ingest keeps one another worker stored first.
    const stored = await storeFilePg(a, processed, { ...ctx, lmModel: readWithModel(processed) ? lmModel : null }, { keepExisting: !rerun && !job.data.force });
    if (stored.kept) {
      summary.unchanged++;
      return `unchanged ${queued}`;
    }
    // What an ingest stores teaches the model (a rerun, as `reprocess` on SQLite, does not).
    if (!rerun) learner?.learn(processed);
    summary.ingested++;
    if (stored.replaced) summary.replaced++;
    summary.documents += stored.documentIds.length;
    summary.pages += processed.pages.length;
    return `${rerun || stored.replaced ? 'reprocessed' : 'ingested'} ${queued} (${stored.documentIds.length} document${stored.documentIds.length === 1 ? '' : 's'}, ${processed.pages.length} page${processed.pages.length === 1 ? '' : 's'}; stored in ${Date.now() - storing} ms)`;
  };

  const recordFailure = async (job: PgBoss.JobWithMetadata<FileJob>, stage: string, rule: string, reason: string) => {
    const path = job.data.path;
    const local = mapPath(path, maps);
    // Stages prefix reasons with the path; the path has its own column.
    for (const p of [path, local]) if (reason.startsWith(`${p}: `)) reason = reason.slice(p.length + 2);
    await recordIngestErrorPg(a, { path, hash: job.data.hash, stage, rule, reason }, ctx);
    summary.failed++;
  };

  const slot = async () => {
    while (!opts.signal?.aborted) {
      let job: PgBoss.JobWithMetadata<FileJob> | undefined;
      try {
        [job] = await boss.fetch<FileJob>(QUEUE, { includeMetadata: true });
      } catch (err: any) {
        log(`vanban: worker ${worker}: queue: ${err?.message ?? err}`);
        await sleep(2000, opts.signal);
        continue;
      }
      if (!job) {
        if (opts.exitWhenEmpty && (await queueEmpty(a))) return;
        await sleep((opts.pollSeconds ?? 1) * 1000, opts.signal);
        continue;
      }
      running++;
      const started = Date.now();
      try {
        const line = await handle(job);
        // Stored in its own transaction already: a complete that fails leaves a job whose file
        // the next worker finds stored (unchanged).
        await boss.complete(QUEUE, job.id).catch((e) => log(`vanban: worker ${worker}: ${e?.message ?? e}`));
        log(`${line}, ${Date.now() - started} ms`);
      } catch (err: any) {
        if (err instanceof FileFailure) {
          // Recorded, then done; if the database is gone meanwhile, the lease brings the file back.
          await recordFailure(job, err.stage, err.rule, err.message)
            .then(() => boss.complete(QUEUE, job.id))
            .catch((e) => log(`vanban: worker ${worker}: ${e?.message ?? e}`));
          log(`failed ${job.data.path}: ${err.stage}/${err.rule}: ${err.message}`);
        } else if (job.retryCount >= job.retryLimit) {
          // The last attempt: this failure is for good too.
          await recordFailure(job, 'queue', 'retries-exhausted', `${job.retryLimit + 1} attempts: ${err?.message ?? err}`).catch(() => {});
          await boss.complete(QUEUE, job.id).catch(() => {});
          log(`failed ${job.data.path}: ${err?.message ?? err} (after ${job.retryLimit + 1} attempts)`);
        } else {
          summary.retried++;
          await boss.fail(QUEUE, job.id, { message: String(err?.message ?? err) }).catch(() => {});
          log(`retrying ${job.data.path}: ${err?.message ?? err}`);
        }
      } finally {
        running--;
      }
    }
  };

  try {
    // Two files per pipeline thread: one in the thread while the other is loaded or stored, so
    // the thread never waits on the database (ingest overlaps them the same way).
    await Promise.all(Array.from({ length: opts.jobs * 2 }, slot));
  } finally {
    clearInterval(heartbeat);
    clearInterval(teacher);
    await pool.close();
    await teach();
    await beat();
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
  }
  summary.elapsedMs = Date.now() - t0;
  return summary;
}

/** No job queued, waiting for a retry, or running, in the whole cluster. */
async function queueEmpty(a: PgArchive): Promise<boolean> {
  const r = await a.pool.query("SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active')", [QUEUE]);
  return r.rows[0].n === 0;
}

/** The file as stored: under the path it was queued by, not this machine's mount of it. */
function restorePath(file: VbFile, local: string, queued: string): VbFile {
  if (local === queued) return file;
  return {
    ...file,
    source: { ...file.source, path: queued },
    messages: file.messages.map((m) => ({ ...m, reason: m.reason.split(local).join(queued) })),
  };
}
