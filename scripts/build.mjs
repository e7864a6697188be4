/**
 * The compiled copy of the TypeScript sources that `bin/vanban` runs: src/ and schemas/ as
 * plain ES modules in `.build/<key>/`, one file per source file (esbuild, ~0.2 s). Without it,
 * every CLI call and every pipeline thread compiled the sources through tsx on its own
 * (~0.4 s per call, a loader thread of 10–17 MB per thread).
 *
 * The key is a hash of every source file's path, size and modification time, so an edit or a
 * `git pull` is a new key and a new build on the next call: the copy can never be stale.
 * Builds are written to a temporary folder and renamed into place, so processes that start
 * together (tests, two shells) never see half a build. Plain JavaScript, because it runs
 * before any TypeScript loader. `node scripts/build.mjs` builds and prints the folder.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const SOURCES = ['src', 'schemas'];
/** Builds kept besides the current one (a long batch may still be starting threads from one). */
const KEEP = 3;

function sourceFiles(root) {
  return SOURCES.flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(root, dir, f)),
  ).sort();
}

function buildKey(root, files) {
  const h = createHash('sha1');
  for (const f of [fileURLToPath(import.meta.url), ...files]) {
    const s = statSync(f);
    h.update(`${relative(root, f)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return h.digest('hex').slice(0, 16);
}

// Relative imports name the .ts file (allowImportingTsExtensions); the copy names the .js.
const TS_SPECIFIER = /((?:\bfrom|\bimport)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*?)\.ts\2/g;

async function compile(root, files, out) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: files,
    outdir: out,
    outbase: root,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    bundle: false,
    write: false,
    logLevel: 'silent',
  });
  for (const f of result.outputFiles) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.text.replace(TS_SPECIFIER, '$1$2$3.js$2'));
  }
}

/** Remove older builds (newest KEEP kept) and what builds that died half-way left behind. */
function prune(base, current) {
  const entries = readdirSync(base).map((d) => ({ d, t: statSync(join(base, d)).mtimeMs }));
  const old = entries
    .filter(({ d }) => d !== current && /^[0-9a-f]{16}$/.test(d))
    .sort((a, b) => b.t - a.t)
    .slice(KEEP);
  const dead = entries.filter(({ d, t }) => d.startsWith('tmp-') && Date.now() - t > 10 * 60_000);
  for (const { d } of [...old, ...dead]) rmSync(join(base, d), { recursive: true, force: true });
}

/**
 * The folder of the current build (made if needed), or null when it cannot be made (a
 * read-only install; esbuild missing): callers then run the sources through tsx.
 */
export async function compiled(root = ROOT) {
  try {
    const files = sourceFiles(root);
    const base = join(root, '.build');
    const key = buildKey(root, files);
    const dir = join(base, key);
    if (existsSync(join(dir, 'src', 'cli', 'main.js'))) return dir;
    mkdirSync(base, { recursive: true });
    const tmp = join(base, `tmp-${process.pid}-${Date.now()}`);
    await compile(root, files, tmp);
    try {
      renameSync(tmp, dir);
    } catch {
      // Another process built the same key first: use theirs.
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(join(dir, 'src', 'cli', 'main.js'))) return null;
    }
    prune(base, key);
    return dir;
  } catch {
    return null;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = await compiled();
  if (!dir) {
    process.stderr.write('build: could not compile the sources\n');
    process.exit(1);
  }
  process.stdout.write(`${dir}\n`);
}
