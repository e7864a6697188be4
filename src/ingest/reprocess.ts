/**
 * Rerunning stored files through the current pipeline: files made by another pipeline
 * version, or with another archive model than the current one (`outdatedModel`), or all
 * (`all`). The bytes are read again from a path the file was seen
 * under when it still has the same hash; a text file whose source is gone is rebuilt from
 * the decoded text kept in the database; otherwise the file is reported as failed and the
 * stored version is kept.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { VbFile } from '../../schemas/document.ts';
import { fsPath } from '../lib/path-bytes.ts';
import { emptyFile, loadFile } from '../load/index.ts';
import { type Db } from '../store/index.ts';
import { currentLmIdQ } from '../store/lm-table.ts';
import { filePathsQ, listFilesQ } from '../store/read.ts';
import { get, runSqlite, type Q } from '../store/sql.ts';
import type { Job } from './runner.ts';

async function sameBytes(path: string, hash: string): Promise<boolean> {
  try {
    return createHash('sha256').update(await readFile(fsPath(path))).digest('hex') === hash;
  } catch {
    return false;
  }
}

/** A stored file to rerun, and the paths it was seen under. */
export interface ReprocessFile {
  id: number;
  path: string;
  hash: string;
  size: number;
  pipelineVersion: string;
  lmModel: string | null;
  paths: string[];
}

/** The stored files to rerun, on either engine. */
export function* reprocessFilesQ(pipelineVersion: string, opts: { all?: boolean; outdatedModel?: boolean } = {}): Q<ReprocessFile[]> {
  const files = yield* listFilesQ(opts.all ? {} : opts.outdatedModel ? { lmModelNot: yield* currentLmIdQ() } : { pipelineVersionNot: pipelineVersion });
  const out: ReprocessFile[] = [];
  for (const f of files) out.push({ id: f.id, path: f.path, hash: f.hash, size: f.size, pipelineVersion: f.pipelineVersion, lmModel: f.lmModel, paths: yield* filePathsQ(f.id) });
  return out;
}

/** What a text file is rebuilt from when its source is gone: its decoded text, as stored. */
export interface StoredSource {
  size: number;
  media_type: string;
  encoding: string | null;
  original: string;
}

export function* storedSourceQ(fileId: number): Q<StoredSource | undefined> {
  return yield* get<StoredSource>('SELECT size, media_type, encoding, original FROM files WHERE id = ?', [fileId]);
}

/**
 * A stored file's bytes read again, from the first of its paths that still has them (`local`:
 * where this machine sees a path, `worker --path-map`), else a text file from `stored()`;
 * else a file that fails with 'source-missing' (the stored version is kept).
 */
export async function reloadFile(f: ReprocessFile, stored: () => Promise<StoredSource | undefined>, opts: { maxBytes?: number; local?: (path: string) => string } = {}): Promise<VbFile> {
  const local = opts.local ?? ((p: string) => p);
  for (const p of [f.path, ...f.paths.filter((x) => x !== f.path)]) {
    if (await sameBytes(local(p), f.hash)) {
      const loaded = await loadFile(local(p), opts.maxBytes);
      loaded.source.path = f.path;
      return loaded;
    }
  }
  const row = await stored();
  const file = emptyFile(f.path);
  if (row && row.media_type.startsWith('text/')) {
    file.source = { path: f.path, hash: f.hash, size: row.size, mediaType: row.media_type, encoding: row.encoding };
    file.original = row.original;
    file.text = row.original;
    return file;
  }
  file.source.hash = f.hash;
  file.messages.push({
    stage: 'load',
    ruleId: 'source-missing',
    reason: `${f.path}: the source file is gone or changed (looked at ${f.paths.length} path${f.paths.length === 1 ? '' : 's'}); the stored version is kept`,
    severity: 'error',
    start: null,
    end: null,
    page: null,
  });
  return file;
}

/** Jobs for the stored files of an SQLite archive to rerun (runJobs). */
export function reprocessJobs(db: Db, pipelineVersion: string, opts: { all?: boolean; outdatedModel?: boolean; maxBytes?: number } = {}): Job[] {
  return runSqlite(db, reprocessFilesQ(pipelineVersion, opts)).map((f) => ({
    path: f.path,
    load: () => reloadFile(f, async () => runSqlite(db, storedSourceQ(f.id)), opts),
  }));
}
