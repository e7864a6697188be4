/**
 * Opening the archive database. WAL so analysts can read while an import writes; a busy
 * timeout so a second writer waits instead of failing; foreign keys on for the cascades.
 */
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { LATEST_VERSION, migrate } from './migrations.ts';

export type Db = Database.Database;

export interface OpenOptions {
  /** Open read-only (no migration; the database must exist and be current). */
  readonly?: boolean;
  /** How long to wait for a lock held by another connection, in ms. */
  busyTimeoutMs?: number;
  /** The path must already hold a vanban archive: never create a database or touch another one. */
  existingArchive?: boolean;
}

/** The schema version an open database is at, read without writing; null when it has no schema_version table. */
function schemaVersionOf(db: Db): number | null {
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get()) return null;
  return (db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null }).v ?? 0;
}

/** The schema version of the vanban archive at path, read without changing it; null when it is not one. */
export function archiveVersion(path: string): number | null {
  if (!existsSync(path)) return null;
  try {
    const probe = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return schemaVersionOf(probe);
    } finally {
      probe.close();
    }
  } catch {
    return null; // not a database at all
  }
}

const isArchive = (path: string) => archiveVersion(path) !== null;

const DEFAULT_BUSY_TIMEOUT_MS = 30_000;

function isBusy(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/**
 * Run `step` again while another connection holds the lock, up to `timeoutMs`. The busy
 * handler does not cover every lock: switching a new database to WAL and the first read of
 * its schema can fail at once with SQLITE_BUSY while another process creates it.
 */
export function retryWhileBusy<T>(timeoutMs: number, step: () => T): T {
  const deadline = Date.now() + timeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    try {
      return step();
    } catch (err) {
      if (!isBusy(err) || Date.now() >= deadline) throw err;
      Atomics.wait(pause, 0, 0, wait);
    }
  }
}

/** An archive that cannot be opened, its path first in the message; `missing`: nothing there. */
export class ArchiveOpenError extends Error {
  constructor(
    message: string,
    readonly missing = false,
  ) {
    super(message);
    this.name = 'ArchiveOpenError';
  }
}

/** SQLite's words for a path that is not a database, said for a person with the path. */
function openProblem(path: string, err: any): ArchiveOpenError {
  let reason = String(err?.message ?? err);
  if (existsSync(path) && statSync(path).isDirectory()) reason = 'a folder, not a database file';
  else if (/directory does not exist/i.test(reason)) reason = `no folder ${dirname(path)} to create the database in`;
  else if (err?.code === 'SQLITE_NOTADB') reason = 'not an SQLite database';
  return new ArchiveOpenError(`${path}: ${reason}`);
}

export function openDb(path: string, opts: OpenOptions = {}): Db {
  if (opts.readonly && path !== ':memory:' && !existsSync(path)) {
    throw new ArchiveOpenError(`${path}: no such database (run \`vanban ingest\` first)`, true);
  }
  if (opts.existingArchive && path !== ':memory:' && !isArchive(path)) {
    throw new ArchiveOpenError(`${path}: ${existsSync(path) ? 'not a vanban archive' : 'no such archive'} (run \`vanban ingest\` first, or check --db)`, !existsSync(path));
  }
  const busyMs = opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  let db: Db;
  try {
    // `timeout` sets the busy timeout as the connection opens, before any pragma runs.
    db = new Database(path, { readonly: opts.readonly ?? false, timeout: busyMs });
  } catch (err) {
    throw openProblem(path, err);
  }
  try {
    db.pragma(`busy_timeout = ${busyMs}`);
    retryWhileBusy(busyMs, () => db.pragma('foreign_keys = ON'));
    if (!opts.readonly) {
      retryWhileBusy(busyMs, () => db.pragma('journal_mode = WAL'));
      // NORMAL is durable across application crashes (kill -9) in WAL mode; only a power
      // loss can lose the last transactions, never corrupt the database.
      db.pragma('synchronous = NORMAL');
      retryWhileBusy(busyMs, () => migrate(db));
    } else {
      const v = retryWhileBusy(busyMs, () => schemaVersionOf(db) ?? 0);
      if (v !== LATEST_VERSION) {
        throw new ArchiveOpenError(`${path}: database schema version ${v}, this vanban needs ${LATEST_VERSION} (run \`vanban migrate --db ${path}\` once)`);
      }
    }
  } catch (err: any) {
    db.close();
    if (err instanceof ArchiveOpenError || isBusy(err)) throw err;
    // "file is not a database", "disk I/O error" (a folder), from the first pragma
    throw err?.code?.startsWith?.('SQLITE_') ? openProblem(path, err) : err;
  }
  return db;
}

/**
 * Close a connection. After writing, first move the WAL into the main file and empty it, so
 * the `.db` file alone is the whole archive once the command ends (a copy of it is complete).
 * A reader still open elsewhere can keep the WAL from emptying; its own last close does it.
 */
export function closeDb(db: Db): void {
  if (!db.open) return;
  if (!db.readonly && !db.memory) {
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // busy with another connection: SQLite checkpoints on the last close anyway
    }
  }
  db.close();
}
