/**
 * The ingest queue, on the archive's own PostgreSQL: pg-boss (its tables in schema `pgboss`),
 * one job per file, keyed by sha256 and path. pg-boss because it has what a cluster of workers
 * needs without a second server: jobs taken with SKIP LOCKED, retries with backoff, and a
 * lease per job (`expireInSeconds`) after which the job of a worker that died is taken again
 * (graphile-worker 0.16 frees a dead worker's jobs only after a fixed 4 hours).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { hostname } from 'node:os';
import PgBoss from 'pg-boss';
import { timeLimitForBytes } from '../ingest/pool.ts';
import type { PgArchive } from '../store/pg.ts';

export const QUEUE = 'vanban-ingest';
const SCHEMA = 'pgboss';

export interface FileJob {
  /** The path as queued (shared storage); the path stored. */
  path: string;
  hash: string;
  size: number;
  /**
   * `vanban reprocess`: rerun these stored bytes and replace them; how they were made when
   * queued, so a worker taking the job again after another one redid them does nothing.
   */
  reprocess?: { pipelineVersion: string; lmModel: string | null };
  /** `ingest --force`: these bytes were stored when queued; process them again and replace them. */
  force?: boolean;
}

/** Retries for failures that can pass (a worker died, a lost connection): 3, after 2 s, 4 s, 8 s. */
export const RETRY = { retryLimit: 3, retryDelay: 2, retryBackoff: true };

/** How often a worker looks for jobs whose lease ran out, in seconds. */
export const MAINTENANCE_S = Number(process.env.VANBAN_QUEUE_MAINTENANCE_S ?? 5);

/** A file's lease: its time limit in ingest (pool.ts), and a minute to load and store it. */
export function leaseSeconds(size: number): number {
  return Math.ceil(timeLimitForBytes(size) / 1000) + 60;
}

export async function startBoss(a: PgArchive, opts: { supervise?: boolean } = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: a.url,
    schema: SCHEMA,
    max: 4,
    supervise: opts.supervise ?? false,
    schedule: false,
    maintenanceIntervalSeconds: MAINTENANCE_S,
    // Done jobs are what `queue status` counts as done: kept a week.
    archiveCompletedAfterSeconds: 7 * 24 * 3600,
    application_name: `vanban ${hostname()} ${process.pid}`,
  });
  boss.on('error', (err) => process.stderr.write(`vanban: queue: ${err?.message ?? err}\n`));
  await boss.start();
  if (!(await boss.getQueue(QUEUE))) await boss.createQueue(QUEUE, { name: QUEUE, policy: 'standard', ...RETRY }).catch(async (err) => {
    // Another process made it at the same moment.
    if (!(await boss.getQueue(QUEUE))) throw err;
  });
  return boss;
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

const keyOf = (hash: string, path: string) => `${hash}:${path}`;
/** A job's key: its file's; a rerun of stored bytes is queued once whatever their paths. */
export const jobKey = (j: FileJob) => (j.reprocess ? `reprocess:${j.hash}` : keyOf(j.hash, j.path));

/** Keys of the jobs not yet done (queued, waiting for a retry, or running). */
export async function pendingKeys(a: PgArchive, keys: string[]): Promise<Set<string>> {
  const r = await a.pool.query(`SELECT singleton_key FROM ${SCHEMA}.job WHERE name = $1 AND state < 'completed' AND singleton_key = ANY($2)`, [QUEUE, keys]);
  return new Set(r.rows.map((x) => x.singleton_key));
}

/** Queue these jobs (the caller has left out those stored or pending); `lease`: seconds, or by size. */
export async function enqueue(boss: PgBoss, jobs: FileJob[], lease?: number): Promise<void> {
  for (let i = 0; i < jobs.length; i += 1000) {
    await boss.insert(
      jobs.slice(i, i + 1000).map((j) => ({ name: QUEUE, data: j, singletonKey: jobKey(j), expireInSeconds: lease ?? leaseSeconds(j.size), ...RETRY })),
    );
  }
}

export { keyOf };

export interface QueueStatus {
  queued: number;
  /** Waiting to be taken again after a failure that can pass (a dead worker's lease ran out…). */
  retrying: number;
  running: number;
  done: number;
  /** Jobs that failed for good (their files are in ingest_errors). */
  failed: number;
  /** Files in ingest_errors. */
  errors: number;
  workers: { worker: string; running: number; done: number; seenSecondsAgo: number }[];
  /** Files done per minute over the last 10 minutes (or since the first was done). */
  perMinute: number;
  /** Seconds until the queue is empty at that rate; null when nothing is being done. */
  etaSeconds: number | null;
}

/** Counts for `vanban queue status`: the whole cluster, from the queue's tables. */
export async function queueStatus(a: PgArchive): Promise<QueueStatus> {
  const present = (await a.pool.query(`SELECT to_regclass('${SCHEMA}.job') IS NOT NULL AS q, to_regclass('vanban_workers') IS NOT NULL AS w`)).rows[0];
  const counts: Record<string, number> = {};
  let recent = { n: 0, first: null as Date | null };
  if (present.q) {
    const r = await a.pool.query(
      `SELECT state, count(*) AS n FROM (SELECT state FROM ${SCHEMA}.job WHERE name = $1 UNION ALL SELECT state FROM ${SCHEMA}.archive WHERE name = $1) j GROUP BY state`,
      [QUEUE],
    );
    for (const row of r.rows) counts[row.state] = row.n;
    const w = await a.pool.query(
      `SELECT count(*) AS n, min(completed_on) AS first FROM (
         SELECT completed_on FROM ${SCHEMA}.job WHERE name = $1 AND state = 'completed' AND completed_on > now() - interval '10 minutes'
         UNION ALL SELECT completed_on FROM ${SCHEMA}.archive WHERE name = $1 AND state = 'completed' AND completed_on > now() - interval '10 minutes') c`,
      [QUEUE],
    );
    recent = { n: w.rows[0].n, first: w.rows[0].first };
  }
  const workers = present.w
    ? (await a.pool.query(`SELECT worker, running, done, extract(epoch FROM now() - seen_at)::float AS ago FROM vanban_workers WHERE seen_at > now() - interval '1 hour' ORDER BY worker`)).rows.map((r) => ({
        worker: r.worker,
        running: r.running,
        done: r.done,
        seenSecondsAgo: Math.round(r.ago),
      }))
    : [];
  const errors = Number((await a.pool.query('SELECT count(*) AS n FROM ingest_errors')).rows[0].n);
  const windowMin = recent.first ? Math.max(1 / 60, Math.min(10, (Date.now() - recent.first.getTime()) / 60_000)) : 0;
  const perMinute = windowMin ? recent.n / windowMin : 0;
  const left = (counts.created ?? 0) + (counts.retry ?? 0) + (counts.active ?? 0);
  return {
    queued: counts.created ?? 0,
    retrying: counts.retry ?? 0,
    running: counts.active ?? 0,
    done: counts.completed ?? 0,
    failed: counts.failed ?? 0,
    errors,
    workers,
    perMinute: Math.round(perMinute * 10) / 10,
    etaSeconds: perMinute > 0 ? Math.round((left / perMinute) * 60) : left ? null : 0,
  };
}
