/**
 * `vanban queue add`: the inputs expanded as `ingest` expands them (ingest/expand.ts), each
 * file hashed and queued once: bytes already stored only gain the path (as ingest does), and a
 * file (same path, same sha256) already waiting or running is not queued again. Inputs that
 * name nothing are failures, recorded as ingest records them.
 */
import { stat } from 'node:fs/promises';
import { expandInputs, readPathList } from '../ingest/expand.ts';
import { fsPath, pathFromString } from '../lib/path-bytes.ts';
import type { PgArchive } from '../store/pg.ts';
import { addKnownPathPg, findFilePg, recordIngestErrorPg } from '../store/pg-store.ts';
import { PIPELINE_VERSION } from '../version.ts';
import { enqueue, jobKey, keyOf, pendingKeys, sha256File, startBoss, type FileJob } from './queue.ts';
import type { ReprocessFile } from '../ingest/reprocess.ts';

export interface AddRequest {
  inputs: string[];
  from?: string;
  /** Seconds a worker holds a job before another may take it (default: by file size). */
  lease?: number;
  /**
   * `ingest --force`: bytes already stored are queued too, to be processed again and replaced;
   * once per run, as on SQLite: their other paths in the same run only gain the path.
   */
  force?: boolean;
}

export interface AddSummary {
  files: number;
  queued: number;
  /** Bytes already stored (the path was added). */
  stored: number;
  /** Of the queued: bytes already stored, queued again by --force. */
  forced: number;
  /** Already waiting or running. */
  pending: number;
  /** Inputs that name nothing (recorded in ingest_errors). */
  unusable: number;
}

export async function addToQueue(a: PgArchive, req: AddRequest): Promise<AddSummary> {
  const listed = req.from ? await readPathList(req.from) : [];
  const { files, unusable } = await expandInputs([...req.inputs.map(pathFromString), ...listed]);
  const summary: AddSummary = { files: files.length, queued: 0, stored: 0, forced: 0, pending: 0, unusable: unusable.length };
  const forced = new Set<string>();
  for (const u of unusable) await recordIngestErrorPg(a, { path: u.input, hash: '', stage: 'input', rule: u.rule, reason: u.reason }, { pipelineVersion: PIPELINE_VERSION });
  const boss = await startBoss(a);
  try {
    for (let i = 0; i < files.length; i += 500) {
      const jobs: FileJob[] = [];
      for (const path of files.slice(i, i + 500)) {
        // A file that cannot be read is queued all the same: the worker records why, as ingest does.
        const [hash, size] = await Promise.all([sha256File(fsPath(path) as string).catch(() => ''), stat(fsPath(path)).then((s) => s.size, () => 0)]);
        const known = hash ? await findFilePg(a, hash) : undefined;
        if (known && req.force && !forced.has(hash)) {
          forced.add(hash);
          jobs.push({ path, hash, size, force: true });
        } else if (known) {
          await addKnownPathPg(a, known.id, path, hash);
          summary.stored++;
        } else jobs.push({ path, hash, size });
      }
      const pending = await pendingKeys(a, jobs.map((j) => keyOf(j.hash, j.path)));
      // The same file twice in one list is queued once.
      const fresh = jobs.filter((j) => {
        const k = keyOf(j.hash, j.path);
        if (pending.has(k)) return false;
        pending.add(k);
        return true;
      });
      summary.pending += jobs.length - fresh.length;
      await enqueue(boss, fresh, req.lease);
      summary.queued += fresh.length;
      summary.forced += fresh.filter((j) => j.force).length;
    }
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
  }
  return summary;
}

/**
 * `vanban reprocess --db postgresql://…`: the stored files to rerun, queued as reprocess jobs
 * (a worker reloads them from their stored paths and replaces them, one transaction per file);
 * a file whose rerun is already waiting or running is not queued again. Returns how many were.
 */
export async function queueReprocess(a: PgArchive, files: ReprocessFile[], lease?: number): Promise<number> {
  const jobs: FileJob[] = files.map((f) => ({ path: f.path, hash: f.hash, size: f.size, reprocess: { pipelineVersion: f.pipelineVersion, lmModel: f.lmModel } }));
  const pending = await pendingKeys(a, jobs.map(jobKey));
  const fresh = jobs.filter((j) => !pending.has(jobKey(j)));
  if (!fresh.length) return 0;
  const boss = await startBoss(a);
  try {
    await enqueue(boss, fresh, lease);
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
  }
  return fresh.length;
}
