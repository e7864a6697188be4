/**
 * The project's folder (the one with package.json), found from this module's own place: the
 * same whether the sources run as they are (tsx, tests) or from their compiled copy in
 * `.build/<key>/` (bin/vanban). Data files are found from here, never relative to a module.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    if (dirname(dir) === dir) throw new Error(`vanban: no project folder (package.json and data/) above ${from}`);
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path under the project's data/ folder. */
export function dataPath(...parts: string[]): string {
  return join(ROOT, 'data', ...parts);
}
