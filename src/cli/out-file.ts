/**
 * A file a command writes its output to (`export --out`), safe by construction: never the
 * archive being read (nor its -wal / -shm), never an existing file without --force, never a
 * folder or a device; written to a temporary file beside the target and renamed over it only
 * once complete, so a failed export leaves whatever was there before.
 */
import { closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { QueryError } from '../query/common.ts';

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Same file: same resolved path, or the same inode reached by another name (a link). */
function sameFile(a: string, b: string): boolean {
  const sa = statOrNull(a);
  const sb = statOrNull(b);
  if (sa && sb) return sa.dev === sb.dev && sa.ino === sb.ino;
  return resolve(a) === resolve(b);
}

/** Why `target` may not be written, or null when it may. */
export function outFileProblem(target: string, archive: string, force: boolean): string | null {
  const folder = dirname(resolve(target));
  const dir = statOrNull(folder);
  if (!dir) return `${target}: no such folder ${folder}`;
  if (!dir.isDirectory()) return `${target}: ${folder} is not a folder`;
  const real = statOrNull(target) ? realpathSync(target) : join(realpathSync(folder), basename(target));
  for (const side of ['', '-wal', '-shm', '-journal']) {
    if (sameFile(real, archive + side)) return `${target}: that is the archive being read (${archive}${side}); choose another file`;
  }
  const st = statOrNull(real);
  if (st?.isDirectory()) return `${target}: is a folder`;
  if (st && !st.isFile()) return `${target}: not a regular file`;
  if (st && !force) return `${target}: already exists (--force to overwrite it)`;
  return null;
}

export interface OutFile {
  write(s: string): void;
  /** Flush, sync and rename into place. */
  commit(): void;
  /** Remove the temporary file (after a failure). */
  abandon(): void;
}

/** Open `target` for writing, or throw a QueryError (exit 1) saying why it may not be. */
export function openOutFile(target: string, archive: string, force: boolean): OutFile {
  const problem = outFileProblem(target, archive, force);
  if (problem) throw new QueryError(problem);
  const final = statOrNull(target) ? realpathSync(target) : resolve(target);
  const tmp = join(dirname(final), `.${basename(final)}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx');
  } catch (err: any) {
    throw new QueryError(`${target}: cannot write (${err?.code ?? err?.message ?? err})`);
  }
  let pending: string[] = [];
  let size = 0;
  // Close and remove the temporary file; the target is never touched.
  const discard = () => {
    try {
      closeSync(fd);
    } catch {}
    try {
      unlinkSync(tmp);
    } catch {}
  };
  const fail = (err: any): never => {
    discard();
    throw new QueryError(`${target}: cannot write (${err?.code ?? err?.message ?? err})`);
  };
  const flush = () => {
    if (!pending.length) return;
    const buf = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    size = 0;
    try {
      for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
    } catch (err) {
      fail(err);
    }
  };
  return {
    write(s) {
      pending.push(s);
      size += s.length;
      if (size > 1 << 20) flush();
    },
    commit() {
      flush();
      try {
        fsyncSync(fd);
        closeSync(fd);
        renameSync(tmp, final);
      } catch (err) {
        fail(err);
      }
    },
    abandon: discard,
  };
}
