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
import { currentLmId, filePaths, listFiles, type Db } from '../store/index.ts';
import type { Job } from './runner.ts';

async function sameBytes(path: string, hash: string): Promise<boolean> {
  try {
    return createHash('sha256').update(await readFile(fsPath(path))).digest('hex') === hash;
  } catch {
    return false;
  }
}

/** Jobs for the stored files to rerun. */
export function reprocessJobs(db: Db, pipelineVersion: string, opts: { all?: boolean; outdatedModel?: boolean; maxBytes?: number } = {}): Job[] {
  const files = listFiles(db, opts.all ? {} : opts.outdatedModel ? { lmModelNot: currentLmId(db) } : { pipelineVersionNot: pipelineVersion });
  return files.map((f) => {
    const paths = filePaths(db, f.id);
    return {
      path: f.path,
      load: async (): Promise<VbFile> => {
        for (const p of [f.path, ...paths.filter((x) => x !== f.path)]) {
          if (await sameBytes(p, f.hash)) {
            const loaded = await loadFile(p, opts.maxBytes);
            loaded.source.path = f.path;
            return loaded;
          }
        }
        const row = db.prepare('SELECT size, media_type, encoding, original FROM files WHERE id = ?').get(f.id) as
          | { size: number; media_type: string; encoding: string | null; original: string }
          | undefined;
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
          reason: `${f.path}: the source file is gone or changed (looked at ${paths.length} path${paths.length === 1 ? '' : 's'}); the stored version is kept`,
          severity: 'error',
          start: null,
          end: null,
          page: null,
        });
        return file;
      },
    };
  });
}
