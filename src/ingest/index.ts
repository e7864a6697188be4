/**
 * Batch import: expand the inputs, run every file through the pipeline into the database,
 * report progress and a summary. Used by `vanban ingest`; `reprocess` reuses the runner.
 */
import { availableParallelism } from 'node:os';
import type { VbFile } from '../../schemas/document.ts';
import { emptyFile, loadFile } from '../load/index.ts';
import { pathFromString } from '../lib/path-bytes.ts';
import { fold } from '../normalize/index.ts';
import { closeDb, openDb } from '../store/index.ts';
import { PIPELINE_VERSION } from '../version.ts';
import { expandInputs, readPathList, type UnusableInput } from './expand.ts';
import { formatSummary, JsonLog, LineLog, TtyProgress } from './progress.ts';
import { runJobs, type Job, type Reporter, type Summary } from './runner.ts';

export { expandInputs, parsePathList, readPathList } from './expand.ts';
export { runJobs, type Job, type Outcome, type Reporter, type Summary, type RunOptions } from './runner.ts';
export { formatSummary, JsonLog, LineLog, TtyProgress } from './progress.ts';

export interface IngestRequest {
  inputs: string[];
  from?: string;
  db: string;
  force?: boolean;
  json?: boolean;
  concurrency?: number;
  maxBytes?: number;
  progress?: boolean;
  quiet?: boolean;
  threads?: boolean;
  timeLimitMs?: number;
  /** Teach the archive's model the clean files stored (runJobs' adapt). */
  adapt?: boolean;
}

export function chooseReporter(opts: { json?: boolean; progress?: boolean; quiet?: boolean }): Reporter {
  if (opts.json) return new JsonLog(process.stdout);
  // --quiet: failures and the summary only, on a terminal too.
  if (opts.progress !== false && !opts.quiet && process.stderr.isTTY) return new TtyProgress(process.stderr);
  return new LineLog(process.stderr, !opts.quiet);
}

/**
 * Ctrl-C once: drop the files not started, finish those in progress, store them, print the
 * summary. Twice: leave at once (the database stays consistent either way: one transaction per
 * file).
 */
export function interruptible(): { signal: AbortSignal; dispose: () => void } {
  const ctl = new AbortController();
  let first = 0;
  const onSigint = () => {
    // On a terminal one Ctrl-C reaches this process twice: from the terminal and forwarded by
    // bin/vanban's launcher. A second one within REPEAT_MS is that same keypress.
    if (ctl.signal.aborted) {
      if (Date.now() - first >= REPEAT_MS) process.exit(130);
      return;
    }
    first = Date.now();
    process.stderr.write('\nvanban: stopping: finishing the files in progress, the others are left for the next run (Ctrl-C again to quit now)\n');
    ctl.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  return {
    signal: ctl.signal,
    dispose: () => {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigint);
    },
  };
}

/** Two interrupts closer than this are one keypress (see interruptible). */
const REPEAT_MS = 300;

export async function runIngest(req: IngestRequest): Promise<Summary> {
  const { isPgUrl } = await import('../store/pg.ts');
  if (isPgUrl(req.db)) return ingestIntoPostgres(req);
  const listed = req.from ? await readPathList(req.from) : [];
  const { files, unusable } = await expandInputs([...req.inputs.map(pathFromString), ...listed]);
  const jobs: Job[] = [
    // Inputs that name nothing are failures too: recorded, reported and counted like files.
    ...unusable.map((u) => ({ path: u.input, load: async () => inputError(u) })),
    ...files.map((path) => ({ path, load: () => loadFile(path, req.maxBytes) })),
  ];
  const db = openDb(req.db);
  const reporter = chooseReporter(req);
  const { signal, dispose } = interruptible();
  try {
    const summary = await runJobs(jobs, {
      db,
      fold,
      pipelineVersion: PIPELINE_VERSION,
      force: req.force,
      concurrency: req.concurrency,
      reporter,
      signal,
      threads: req.threads,
      timeLimitMs: req.timeLimitMs,
      adapt: req.adapt,
    });
    if (!req.json) process.stdout.write(formatSummary(summary));
    return summary;
  } finally {
    dispose();
    closeDb(db);
    await releaseWorkers();
  }
}

/** The OCR worker pool keeps the process alive until it is closed. */
export async function releaseWorkers(): Promise<void> {
  const { closeOcr } = await import('../ocr/index.ts');
  await closeOcr();
}

function inputError(u: UnusableInput): VbFile {
  const file = emptyFile(u.input);
  file.messages.push({ stage: 'input', ruleId: u.rule, reason: u.reason, severity: 'error', start: null, end: null, page: null });
  return file;
}

/**
 * `vanban ingest --db postgresql://…`: the cluster's path on one machine: the inputs queued
 * (queue/add.ts), then a worker (queue/worker.ts) runs until the queue is empty.
 */
async function ingestIntoPostgres(req: IngestRequest): Promise<Summary> {
  const t0 = Date.now();
  const { openPg, closePg } = await import('../store/pg.ts');
  const { addToQueue } = await import('../queue/add.ts');
  const jobs = req.concurrency ?? availableParallelism();
  const a = await openPg(req.db, { max: jobs + 4 });
  const { signal, dispose } = interruptible();
  try {
    const added = await addToQueue(a, { inputs: req.inputs, from: req.from, force: req.force });
    const summary = await drainQueue(a, { ...req, concurrency: jobs }, signal, t0);
    Object.assign(summary, { total: added.files + added.unusable, unchanged: summary.unchanged + added.stored, failed: summary.failed + added.unusable });
    if (req.json) process.stdout.write(`${JSON.stringify({ summary })}\n`);
    else process.stdout.write(formatSummary(summary));
    return summary;
  } finally {
    dispose();
    await closePg(a);
    await releaseWorkers();
  }
}

/**
 * A worker on this machine until the queue is empty (`ingest` and `reprocess` on PostgreSQL),
 * its outcome as ingest's Summary; failures are said on stderr as they come.
 */
export async function drainQueue(
  a: import('../store/pg.ts').PgArchive,
  req: Pick<IngestRequest, 'maxBytes' | 'timeLimitMs' | 'quiet' | 'adapt'> & { concurrency: number },
  signal: AbortSignal,
  t0 = Date.now(),
): Promise<Summary> {
  const { runWorker } = await import('../queue/worker.ts');
  const { emptySummary } = await import('./runner.ts');
  const failures: Summary['failures'] = [];
  const w = await runWorker({
    archive: a,
    jobs: req.concurrency,
    exitWhenEmpty: true,
    maxBytes: req.maxBytes,
    timeLimitMs: req.timeLimitMs,
    adapt: req.adapt,
    signal,
    log: (line) => {
      const m = /^failed (.*?): (\S+?)\/(\S+?): (.*)$/.exec(line);
      if (m) failures.push({ path: m[1]!, status: 'failed', hash: '', documents: 0, pages: 0, stage: m[2], rule: m[3], reason: m[4], ms: 0 });
      if (!req.quiet || m) process.stderr.write(`${line}\n`);
    },
  });
  const summary = emptySummary();
  Object.assign(summary, {
    total: w.ingested + w.unchanged + w.failed,
    // As on SQLite: stored bytes processed again (--force, reprocess) are counted apart.
    ingested: w.ingested - w.replaced,
    replaced: w.replaced,
    learnt: w.learnt,
    unchanged: w.unchanged,
    failed: w.failed,
    documents: w.documents,
    pages: w.pages,
    failures,
    jobs: req.concurrency,
    interrupted: signal.aborted,
    elapsedMs: Date.now() - t0,
  });
  return summary;
}
