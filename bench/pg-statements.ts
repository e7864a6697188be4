/**
 * Where the PostgreSQL server's time goes when workers ingest: a generated corpus queued, 1 or 2
 * `vanban worker` processes (WORKERS, default 2) into an embedded PostgreSQL with
 * pg_stat_statements, then the statements by total execution time and each worker's CPU and
 * peak RSS (/usr/bin/time). Not part of `npm run bench`; run alone:
 *
 *   node --import tsx bench/pg-statements.ts [FILES]
 *
 * An advisory lock's time is time waited for it, not CPU.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freshDatabase, startPostgres } from '../tests/helpers/postgres.ts';
import { writeCorpus } from './corpus.ts';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'vanban');
const files = Number(process.argv[2] ?? 150);
const workers = Number(process.env.WORKERS ?? 2);
const work = mkdtempSync(join(tmpdir(), 'vanban-pgstat-'));
const corpus = writeCorpus(join(work, 'corpus'), files);
const server = await startPostgres({ flags: ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all'] });

/** Run vanban under /usr/bin/time; resolves with its wall seconds, logs its CPU and peak RSS. */
const run = (args: string[]) =>
  new Promise<number>((resolve, reject) => {
    const t = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%U %S %M', BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const [user, sys, rss] = err.trim().split('\n').pop()!.split(' ');
      console.log(`${args[0]}: user ${user} s, system ${sys} s, peak RSS ${Math.round(Number(rss) / 1024)} MB`);
      code === 0 ? resolve((performance.now() - t) / 1000) : reject(new Error(err.slice(-2000)));
    });
  });

try {
  const url = await freshDatabase(server.url, 'pgstat');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await run(['queue', 'add', corpus.dir, '--db', url]);
  await c.query('SELECT pg_stat_statements_reset()');
  const t = performance.now();
  await Promise.all(Array.from({ length: workers }, () => run(['worker', '--db', url, '--jobs', '1', '--exit-when-empty', '--quiet', '--no-adapt'])));
  console.log(`${workers} worker(s), ${files} files: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const top = await c.query(
    "SELECT calls, round(total_exec_time::numeric) AS ms, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS statement FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25",
  );
  console.table(top.rows);
  await c.end();
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
