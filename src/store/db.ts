/**
 * Opening the archive database. WAL so analysts can read while an import writes; a busy
 * timeout so a second writer waits instead of failing; foreign keys on for the cascades.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
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

/** Whether the file at path is a vanban archive, read without changing it. */
function isArchive(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    const probe = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return !!probe.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
    } finally {
      probe.close();
    }
  } catch {
    return false; // not a database at all
  }
}

export function openDb(path: string, opts: OpenOptions = {}): Db {
  if (opts.readonly && path !== ':memory:' && !existsSync(path)) {
    throw new Error(`${path}: no such database (run \`vanban ingest\` first)`);
  }
  if (opts.existingArchive && path !== ':memory:' && !isArchive(path)) {
    throw new Error(`${path}: ${existsSync(path) ? 'not a vanban archive' : 'no such archive'} (run \`vanban ingest\` first, or check --db)`);
  }
  const db = new Database(path, { readonly: opts.readonly ?? false });
  db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 30_000}`);
  db.pragma('foreign_keys = ON');
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes (kill -9) in WAL mode; only a power
    // loss can lose the last transactions, never corrupt the database.
    db.pragma('synchronous = NORMAL');
    migrate(db);
  } else {
    const row = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
    const v = row ? ((db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null }).v ?? 0) : 0;
    if (v !== LATEST_VERSION) {
      db.close();
      throw new Error(`${path}: database schema version ${v}, this vanban needs ${LATEST_VERSION} (open it once read-write, e.g. with \`vanban ingest\`)`);
    }
  }
  return db;
}
