/**
 * Paths are stored absolute (resolved and normalised when a batch is expanded), so one file is
 * one path whatever folder it was ingested from. People read them relative to where they are:
 * a stored path inside the current folder is shown from it (`fixtures/000….txt`), any other as
 * stored.
 */
import { isAbsolute, relative, sep } from 'node:path';

export function shownPath(path: string, cwd = process.cwd()): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel) ? rel : path;
}
