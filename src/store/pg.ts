/**
 * The PostgreSQL archive: `--db postgresql://…` (or `postgres://…`). A connection pool, the
 * schema (pg-schema.ts) created and versioned like SQLite's, and transactions for the store's
 * generators (sql.ts runPg). Writes of files are serialised by one transaction-level advisory
 * lock, as SQLite serialises writers: a file's copies and citations are matched against what
 * is committed, so two workers storing two copies at once must not miss each other. Storing is
 * a small part of a file's time (the pipeline is the rest), so workers seldom wait on it.
 */
import pg from 'pg';
import { MIGRATIONS, LATEST_VERSION } from './migrations.ts';
import { PG_SCHEMA } from './pg-schema.ts';
import { readProvinces } from './views.ts';
import { insertEach, PgPipe, runPg, WRITE_LOCK, type Q } from './sql.ts';
import { ArchiveOpenError } from './db.ts';

// BIGINT and NUMERIC (count(*), sum()) as JS numbers, as better-sqlite3 gives them: the
// archive's integers are ids, offsets and counts, far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface PgArchive {
  kind: 'postgres';
  url: string;
  pool: pg.Pool;
  readonly: boolean;
}

export const isPgUrl = (s: string): boolean => /^postgres(ql)?:\/\//i.test(s);

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

export { WRITE_LOCK } from './sql.ts';

export interface PgOpenOptions {
  readonly?: boolean;
  /** Connections in the pool (default 4). */
  max?: number;
}

export async function openPg(url: string, opts: PgOpenOptions = {}): Promise<PgArchive> {
  // Pipeline mode: the store sends the statements whose answers it does not read without
  // waiting for them (sql.ts PgPipe), so a file's store is a few round trips, not one a statement.
  // VANBAN_PG_PIPELINE=0: one statement at a time (to time each one, bench/pg-store.ts).
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 4, pipeline: process.env.VANBAN_PG_PIPELINE !== '0' } as pg.PoolConfig);
  // An idle connection the server dropped must not end the process.
  pool.on('error', () => {});
  const archive: PgArchive = { kind: 'postgres', url, pool, readonly: opts.readonly ?? false };
  try {
    if (opts.readonly) {
      const v = await pgVersion(archive);
      if (v === null) throw new ArchiveOpenError(`${redact(url)}: no vanban archive in this database (run \`vanban ingest --db …\` first)`, true);
      if (v !== LATEST_VERSION) throw new ArchiveOpenError(`${redact(url)}: database schema version ${v}, this vanban needs ${LATEST_VERSION} (run \`vanban migrate --db …\` once)`);
    } else await migratePg(archive);
  } catch (err: any) {
    await pool.end().catch(() => {});
    if (err instanceof ArchiveOpenError) throw err;
    throw new ArchiveOpenError(`${redact(url)}: ${err?.message ?? err}`);
  }
  return archive;
}

export async function closePg(a: PgArchive): Promise<void> {
  await a.pool.end();
}

/** The archive's schema version; null when the database holds no vanban archive. */
export async function pgVersion(a: PgArchive): Promise<number | null> {
  const t = await a.pool.query("SELECT to_regclass('schema_version') IS NOT NULL AS present");
  if (!t.rows[0].present) return null;
  return Number((await a.pool.query('SELECT max(version) AS v FROM schema_version')).rows[0].v ?? 0);
}

/** Create the schema of a new archive (at LATEST_VERSION); refuse one newer than this vanban. */
export async function migratePg(a: PgArchive): Promise<number> {
  const c = await a.pool.connect();
  try {
    await c.query('BEGIN');
    // Two workers starting on a new database: one creates the schema, the other waits.
    await c.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK + 1]);
    await c.query('CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const v = Number((await c.query('SELECT max(version) AS v FROM schema_version')).rows[0].v ?? 0);
    if (v > LATEST_VERSION) throw new Error(`database schema version ${v} is newer than this vanban knows (${LATEST_VERSION}); upgrade vanban`);
    if (v === 0) {
      await c.query(PG_SCHEMA);
      await runPg(c, loadProvinces());
      const now = new Date().toISOString();
      for (const m of MIGRATIONS) await c.query('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, now]);
    } else if (v < LATEST_VERSION) {
      throw new Error(`database schema version ${v}: no PostgreSQL migration from it to ${LATEST_VERSION}`);
    }
    await c.query('COMMIT');
    return LATEST_VERSION;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}

function* loadProvinces(): Q<void> {
  const rows = readProvinces();
  yield* insertEach(
    'provinces',
    'INSERT INTO provinces (name, kind, code, valid_from, valid_to, merged_into, abbreviations) VALUES (?, ?, ?, ?, ?, ?, ?)',
    rows.length,
    (i) => {
      const r = rows[i]!;
      return [r.name, r.kind, r.code, r.validFrom, r.validTo, r.mergedInto, r.abbreviations.join('|') || null];
    },
  );
}

/** Run a store generator on one connection, outside a transaction (reads). */
export async function pgRead<T>(a: PgArchive, q: Q<T>): Promise<T> {
  const c = await a.pool.connect();
  try {
    return await runPg(c, q);
  } finally {
    c.release();
  }
}

/**
 * Run a store generator in one transaction; `lock`: serialised with the other writers
 * (WRITE_LOCK). Rolled back, and the error thrown, when a step fails.
 */
export async function pgTransaction<T>(a: PgArchive, q: Q<T>, opts: { lock?: boolean; readonly?: boolean } = {}): Promise<T> {
  const c = await a.pool.connect();
  const pipe = new PgPipe(c);
  try {
    await pipe.send(opts.readonly ? 'BEGIN READ ONLY' : 'BEGIN');
    if (opts.lock) await pipe.send({ text: 'SELECT pg_advisory_xact_lock($1)', values: [WRITE_LOCK] });
    const out = await runPg(pipe, q);
    // The commit's answer comes after every statement sent: the first failure among them is thrown.
    await pipe.ask('COMMIT');
    return out;
  } catch (err) {
    await pipe.drain().catch(() => {});
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}
