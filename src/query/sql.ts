/**
 * Read-only SQL for analysts, and table export. Three locks on `vanban sql`: the connection is
 * opened read-only (SQLite refuses every write), only one statement that starts with
 * SELECT/WITH/VALUES/EXPLAIN is accepted, and better-sqlite3 must classify it as read-only
 * (which also catches a WITH … INSERT and every PRAGMA that changes something).
 */
import type { Database, Statement } from 'better-sqlite3';
import type { ExportList } from '../../schemas/query.ts';
import { QueryError } from './common.ts';
import { isPgArchive, runOn, type Archive } from '../store/archive.ts';
import { all, dialect, runSqlite, type Q } from '../store/sql.ts';

/** Remove comments so "-- x\nDELETE …" cannot pass for a SELECT. */
function stripComments(sql: string): string {
  let out = '';
  for (let i = 0; i < sql.length; ) {
    const c = sql[i]!;
    if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      let j = i + 1;
      while (j < sql.length && sql[j] !== close) j++;
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (sql.startsWith('--', i)) {
      while (i < sql.length && sql[i] !== '\n') i++;
      out += ' ';
    } else if (sql.startsWith('/*', i)) {
      const j = sql.indexOf('*/', i + 2);
      i = j < 0 ? sql.length : j + 2;
      out += ' ';
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** A statement an analyst may run, prepared; throws QueryError otherwise. */
export function prepareReadOnly(db: Database, sql: string): Statement {
  const bare = stripComments(sql).trim().replace(/;\s*$/, '');
  if (!bare) throw new QueryError('empty SQL');
  // Prepared first, so a typo gets SQLite's own message ("near "SELEC": syntax error"), not a
  // refusal; preparing runs nothing, and the connection is read-only anyway.
  let stmt: Statement;
  try {
    stmt = db.prepare(sql);
  } catch (err: any) {
    throw new QueryError(`SQL: ${err?.message ?? err}`);
  }
  if (!/^(select|with|values|explain)\b/i.test(bare)) {
    throw new QueryError('only SELECT (or WITH … SELECT) statements are allowed; the archive is read-only here');
  }
  if (!stmt.readonly || !stmt.reader) throw new QueryError('only statements that read are allowed; this one would change the database');
  return stmt;
}

export interface SqlResult {
  columns: string[];
  rows: Record<string, unknown>[];
}

/**
 * A read-only query's columns and its rows one at a time, so output can be written as it comes
 * (`--json` and `--csv` hold no rows: a query returning millions of them runs in flat memory).
 * `limit` stops after that many rows and sets `truncated()`; null reads all.
 */
export function sqlRows(db: Database, sql: string, params: unknown[] = [], limit: number | null = null) {
  const stmt = prepareReadOnly(db, sql);
  const columns = stmt.columns().map((c) => c.name);
  let truncated = false;
  function* rows(): Generator<Record<string, unknown>> {
    let n = 0;
    try {
      for (const r of stmt.iterate(...params) as IterableIterator<Record<string, unknown>>) {
        if (limit !== null && n >= limit) {
          truncated = true;
          return; // leaving the loop resets the statement
        }
        n++;
        yield r;
      }
    } catch (err: any) {
      throw new QueryError(`SQL: ${err?.message ?? err}`);
    }
  }
  return { columns, rows: rows(), truncated: () => truncated };
}

/** Run a read-only query and keep its rows (the table view, tests). */
export function runSql(db: Database, sql: string, params: unknown[] = [], limit: number | null = null): SqlResult & { truncated: boolean } {
  const r = sqlRows(db, sql, params, limit);
  const rows = [...r.rows];
  return { columns: r.columns, rows, truncated: r.truncated() };
}

/**
 * A cell as JSON (a JSON.stringify replacer): blobs as base64, integers beyond 2^53 as strings.
 * The replacer sees a Buffer only through its holder: `v` is already Buffer's toJSON() object.
 */
export function jsonCell(this: unknown, key: string, v: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  return Buffer.isBuffer(raw) ? raw.toString('base64') : typeof v === 'bigint' ? v.toString() : v;
}

// ---- export ----

/**
 * Tables and views that can be exported: every table and view of the archive, except the
 * engine's own and the full-text index (SQLite's FTS5 tables, PostgreSQL's sections_fts view
 * of sections_folded), so both engines list the same names in the same order.
 */
export function* exportableTablesQ(): Q<ExportList> {
  if ((yield* dialect()) === 'sqlite') {
    return (yield* all(`SELECT name, type FROM sqlite_master
       WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'
       ORDER BY type DESC, name`)) as ExportList;
  }
  // vanban_workers is the queue's (`queue status`), as pg-boss's tables in their own schema.
  // COLLATE "C": names sort by code point as in SQLite, whatever the database's collation.
  return (yield* all(`SELECT table_name AS name, CASE table_type WHEN 'VIEW' THEN 'view' ELSE 'table' END AS type
       FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_name NOT LIKE '%_fts%' AND table_name <> 'vanban_workers'
       ORDER BY type DESC, table_name COLLATE "C"`)) as ExportList;
}

/** The exportable tables of an SQLite archive (tests, and callers holding a connection). */
export function exportableTables(db: Database): ExportList {
  return runSqlite(db, exportableTablesQ());
}

export type ExportFormat = 'csv' | 'jsonl';

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString('base64') : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A table's columns and its rows as they come (a whole table is never held in memory); `close` when done. */
interface TableRows {
  columns: string[];
  rows: AsyncIterable<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * The columns a table's rows are exported in the order of: its primary key, else (a view, a
 * table without one) all its columns. Without an ORDER BY each engine returns rows in its own
 * storage order (PostgreSQL moves a row it updates), so the same archive would export differently.
 */
function* orderColumnsQ(table: string): Q<{ name: string; text: boolean }[]> {
  const cols =
    (yield* dialect()) === 'sqlite'
      ? yield* all<{ name: string; type: string; pk: number }>('SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid', [table])
      : yield* all<{ name: string; type: string; pk: number }>(
          `SELECT c.column_name AS name, c.data_type AS type, coalesce((
             SELECT k.ordinal_position FROM information_schema.key_column_usage k
             JOIN information_schema.table_constraints tc ON tc.constraint_schema = k.constraint_schema AND tc.constraint_name = k.constraint_name
             WHERE tc.constraint_type = 'PRIMARY KEY' AND k.table_schema = c.table_schema AND k.table_name = c.table_name AND k.column_name = c.column_name), 0) AS pk
           FROM information_schema.columns c WHERE c.table_schema = current_schema() AND c.table_name = ? ORDER BY c.ordinal_position`,
          [table],
        );
  const key = cols.filter((c) => c.pk > 0).sort((x, y) => x.pk - y.pk);
  return (key.length ? key : cols).map((c) => ({ name: c.name, text: /^text$/i.test(c.type) }));
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * `SELECT * FROM table` in key order on either engine. SQLite iterates its statement; PostgreSQL
 * reads a cursor in batches, in one READ ONLY transaction (one snapshot). There text sorts by
 * code point (COLLATE "C", as SQLite's BINARY) and NULL first, as in SQLite.
 */
async function selectAll(a: Archive, table: string): Promise<TableRows> {
  const order = await runOn(a, orderColumnsQ(table));
  const by = (pg: boolean) => order.map((c) => (pg ? `${quoted(c.name)}${c.text ? ' COLLATE "C"' : ''} NULLS FIRST` : quoted(c.name))).join(', ');
  const sql = (pg: boolean) => `SELECT * FROM ${quoted(table)} ORDER BY ${by(pg)}`;
  if (!isPgArchive(a)) {
    const stmt = a.prepare(sql(false));
    const it = stmt.iterate() as IterableIterator<Record<string, unknown>>;
    return {
      columns: stmt.columns().map((c) => c.name),
      rows: (async function* () { yield* it; })(),
      close: async () => void it.return?.(), // resets the statement
    };
  }
  const c = await a.pool.connect();
  let open = true;
  const close = async () => {
    if (!open) return;
    open = false;
    await c.query('ROLLBACK').catch(() => {});
    c.release();
  };
  try {
    await c.query('BEGIN READ ONLY');
    await c.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${sql(true)}`);
    const first = await c.query(`FETCH ${FETCH} FROM export_rows`);
    async function* rows() {
      for (let batch = first; ; batch = await c.query(`FETCH ${FETCH} FROM export_rows`)) {
        yield* batch.rows;
        if (batch.rows.length < FETCH) return;
      }
    }
    return { columns: first.fields.map((f) => f.name), rows: rows(), close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Rows per FETCH of an export from PostgreSQL. */
const FETCH = 1000;

/**
 * Rows of a table or view as CSV lines (header first) or JSON lines, one string per line, the
 * same on both engines. Throws, before any line, when the archive has no such table.
 */
export async function exportTable(a: Archive, table: string, format: ExportFormat): Promise<AsyncGenerator<string>> {
  const tables = await runOn(a, exportableTablesQ());
  if (!tables.some((t) => t.name === table)) {
    throw new QueryError(`no table or view "${table}"; one of: ${tables.map((t) => t.name).join(', ')}`, [], 'not-found');
  }
  // The rows are read from the first line on: nothing is held open for a reader that never reads.
  return (async function* () {
    const { columns, rows, close } = await selectAll(a, table);
    try {
      if (format === 'csv') yield columns.map(csvField).join(',');
      for await (const row of rows) {
        if (format === 'csv') yield columns.map((c) => csvField(row[c])).join(',');
        else yield JSON.stringify(row, jsonCell);
      }
    } finally {
      await close();
    }
  })();
}

/**
 * `vanban sql` on a PostgreSQL archive: one statement (the extended protocol takes no more), in
 * a READ ONLY transaction that is rolled back: the server refuses every write, whatever the
 * statement. `?` placeholders as on SQLite. The rows are read whole (a cursor would stream them).
 */
export async function sqlRowsPg(a: import('../store/pg.ts').PgArchive, sql: string, params: unknown[] = [], limit: number | null = null) {
  const bare = stripComments(sql).trim().replace(/;\s*$/, '');
  if (!bare) throw new QueryError('empty SQL');
  const { toPg } = await import('../store/sql.ts');
  const c = await a.pool.connect();
  try {
    await c.query('BEGIN READ ONLY');
    let res;
    try {
      const t = toPg(sql.trim().replace(/;\s*$/, ''));
      res = await c.query({ text: t.text, values: t.order.map((i) => params[i as number]) });
    } catch (err: any) {
      throw new QueryError(`SQL: ${err?.message ?? err}`);
    }
    const rows = res.rows as Record<string, unknown>[];
    const truncated = limit !== null && rows.length > limit;
    return { columns: (res.fields ?? []).map((f: { name: string }) => f.name), rows: truncated ? rows.slice(0, limit!) : rows, truncated: () => truncated };
  } finally {
    await c.query('ROLLBACK').catch(() => {});
    c.release();
  }
}
