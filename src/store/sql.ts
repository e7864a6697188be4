/**
 * One store, two engines. Code that reads or writes the archive is written once, as a
 * generator that yields SQL steps (`yield* all(…)`, `yield* run(…)`); a runner executes the
 * steps on an engine: `runSqlite` synchronously with better-sqlite3 (prepared statements
 * cached per connection, exactly what the store did before), `runPg` asynchronously on a
 * PostgreSQL connection (src/store/pg.ts). So SQLite keeps its synchronous speed and
 * transactions, PostgreSQL gets the same SQL, and no query exists twice.
 *
 * The SQL is SQLite's; where PostgreSQL spells a thing otherwise, `toPg` rewrites it (`?` and
 * `@name` placeholders to `$n`, INSERT OR IGNORE / OR REPLACE to ON CONFLICT, IS NOT to IS
 * DISTINCT FROM) or the code asks `dialect()` and writes each spelling (search, aggregates).
 */
import type { Db } from './db.ts';
import { prepareCached } from './statements.ts';

export type Params = unknown[] | Record<string, unknown>;
export type Dialect = 'sqlite' | 'postgres';

export type Step =
  | { op: 'all'; sql: string; params: Params }
  /** `all`, its answer kept per connection until the archive changes (SQLite's data_version); PostgreSQL asks again. */
  | { op: 'allKept'; sql: string; params: Params }
  | { op: 'get'; sql: string; params: Params }
  /** Changes made; `id`: the id of the row inserted (lastInsertRowid / RETURNING id). */
  | { op: 'run'; sql: string; params: Params; returning?: boolean }
  /**
   * One single-row INSERT run for n rows, row i's parameters made from the ids of rows before
   * it (a section's parent). SQLite runs it row by row; PostgreSQL takes the ids from the
   * table's sequence first and writes every row in one statement.
   */
  | { op: 'insertEach'; sql: string; table: string; n: number; row: (i: number, ids: number[]) => unknown[]; ids: boolean }
  | { op: 'dialect' }
  /**
   * From here to the commit the transaction is the only writer of what other files read
   * (works, citations). SQLite's write transaction already is (BEGIN IMMEDIATE): nothing to do.
   * PostgreSQL: a transaction-level advisory lock (pg.ts WRITE_LOCK).
   */
  | { op: 'lock' };

export type Q<T> = Generator<Step, T, any>;
export type Row = Record<string, any>;

export function* all<R = Row>(sql: string, params: Params = []): Q<R[]> {
  return yield { op: 'all', sql, params };
}
/**
 * `all` for a reader that asks the same again and again (`vanban serve`: the distinct agencies
 * behind every --agency, ~0.3 s on 10,000 documents), answered from memory until the archive changes.
 */
export function* allKept<R = Row>(sql: string, params: Params = []): Q<R[]> {
  return yield { op: 'allKept', sql, params };
}
export function* get<R = Row>(sql: string, params: Params = []): Q<R | undefined> {
  return yield { op: 'get', sql, params };
}
export function* run(sql: string, params: Params = []): Q<number> {
  return ((yield { op: 'run', sql, params }) as { changes: number }).changes;
}
/** Insert one row; its id. */
export function* insert(sql: string, params: Params = []): Q<number> {
  return ((yield { op: 'run', sql, params, returning: true }) as { id: number }).id;
}
/** Insert n rows with one statement's SQL (see Step insertEach); their ids when `ids`. */
export function* insertEach(table: string, sql: string, n: number, row: (i: number, ids: number[]) => unknown[], ids = false): Q<number[]> {
  if (n === 0) return [];
  return yield { op: 'insertEach', sql, table, n, row, ids };
}
export function* dialect(): Q<Dialect> {
  return yield { op: 'dialect' };
}
export function* writeLock(): Q<void> {
  yield { op: 'lock' };
}

/** Key of the advisory lock (`writeLock`) of PostgreSQL archives. */
export const WRITE_LOCK = 0x76616e62; // "vanb"

/** Run a store generator on an SQLite connection, synchronously. */
export function runSqlite<T>(db: Db, q: Q<T>): T {
  let r = q.next();
  while (!r.done) {
    const s = r.value;
    let out: unknown;
    switch (s.op) {
      case 'all':
        out = prepareCached(db, s.sql).all(...args(s.params));
        break;
      case 'allKept':
        out = keptAll(db, s.sql, s.params);
        break;
      case 'get':
        out = prepareCached(db, s.sql).get(...args(s.params));
        break;
      case 'run': {
        const info = prepareCached(db, s.sql).run(...args(s.params));
        out = { changes: info.changes, id: Number(info.lastInsertRowid) };
        break;
      }
      case 'insertEach': {
        const st = prepareCached(db, s.sql);
        const ids: number[] = [];
        for (let i = 0; i < s.n; i++) ids.push(Number(st.run(...s.row(i, ids)).lastInsertRowid));
        out = s.ids ? ids : [];
        break;
      }
      case 'dialect':
        out = 'sqlite';
        break;
      case 'lock':
        break;
    }
    r = q.next(out);
  }
  return r.value;
}

const args = (p: Params): unknown[] => (Array.isArray(p) ? p : [p]);

const kept = new WeakMap<Db, { version: number; byQuery: Map<string, unknown[]> }>();
function keptAll(db: Db, sql: string, params: Params): unknown[] {
  const version = db.pragma('data_version', { simple: true }) as number;
  let k = kept.get(db);
  if (!k || k.version !== version) kept.set(db, (k = { version, byQuery: new Map() }));
  const key = `${sql}\u0000${JSON.stringify(params)}`;
  let rows = k.byQuery.get(key);
  if (!rows) {
    rows = prepareCached(db, sql).all(...args(params));
    if (k.byQuery.size >= 16) k.byQuery.clear();
    k.byQuery.set(key, rows);
  }
  return rows;
}

/** What runPg needs of a connection (a pg Client or PoolClient). */
export interface PgQueryable {
  query(q: string | { name?: string; text: string; values?: unknown[] }, values?: unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
}

/**
 * The store's own statements as named prepared statements: parsed and planned once per
 * connection instead of at every call (a file's store is a hundred statements). Multi-row
 * inserts vary with the row count and stay unnamed, except for small counts.
 */
const names = new Map<string, string>();
function named(text: string, values: unknown[]): { name: string; text: string; values: unknown[] } {
  let name = names.get(text);
  if (!name) names.set(text, (name = `vb${names.size}`));
  return { name, text, values };
}

/** Primary keys of the tables INSERT OR REPLACE writes, for PostgreSQL's ON CONFLICT. */
const PRIMARY_KEYS: Record<string, string[]> = {
  pages: ['file_id', 'page'],
  page_lines: ['file_id', 'page', 'ord'],
  document_sketches: ['document_id'],
  provinces: ['name'],
  lm_models: ['name'],
};

interface PgSql {
  text: string;
  /** Parameter order: an index into positional parameters, or a name. */
  order: (number | string)[];
}

const translated = new Map<string, PgSql>();

/** SQLite's SQL as PostgreSQL reads it (see the module comment); cached. */
export function toPg(sql: string): PgSql {
  let t = translated.get(sql);
  if (t) return t;
  const order: (number | string)[] = [];
  const names = new Map<string, number>();
  let positional = 0;
  let text = '';
  // Placeholders outside string literals only.
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'") {
      const end = sql.indexOf("'", i + 1);
      text += sql.slice(i, end + 1);
      i = end;
    } else if (c === '?') {
      order.push(positional++);
      text += `$${order.length}`;
    } else if (c === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const name = /^[A-Za-z_]\w*/.exec(sql.slice(i + 1))![0];
      let n = names.get(name);
      if (n === undefined) {
        order.push(name);
        names.set(name, (n = order.length));
      }
      text += `$${n}`;
      i += name.length;
    } else text += c;
  }
  text = text.replace(/\bIS NOT \$/g, 'IS DISTINCT FROM $');
  // SQLite's two-argument max() is PostgreSQL's greatest().
  text = text.replace(/\bmax\(0, /g, 'greatest(0, ');
  // A parameter only tested for NULL has no type PostgreSQL can infer: the store's are text.
  text = text.replace(/(\$\d+) IS NULL/g, '$1::text IS NULL');
  const ignore = /^\s*INSERT OR IGNORE INTO/i;
  const replace = /^\s*INSERT OR REPLACE INTO (\w+)\s*\(([^)]*)\)/i;
  if (ignore.test(text)) text = `${text.replace(ignore, 'INSERT INTO')} ON CONFLICT DO NOTHING`;
  else {
    const m = replace.exec(text);
    if (m) {
      const key = PRIMARY_KEYS[m[1]!];
      if (!key) throw new Error(`store: no primary key known for INSERT OR REPLACE INTO ${m[1]} on PostgreSQL`);
      const cols = m[2]!.split(',').map((c) => c.trim()).filter((c) => !key.includes(c));
      text = `${text.replace(/^\s*INSERT OR REPLACE INTO/i, 'INSERT INTO')} ON CONFLICT (${key.join(', ')}) ${cols.length ? `DO UPDATE SET ${cols.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}` : 'DO NOTHING'}`;
    }
  }
  translated.set(sql, (t = { text: nullsAsSqlite(text), order }));
  return t;
}

/**
 * SQLite sorts NULL before every value, PostgreSQL after: each ORDER BY item says NULLS FIRST
 * (ascending) or NULLS LAST (descending), so both engines give rows in the same order.
 */
export function nullsAsSqlite(sql: string): string {
  let out = '';
  let from = 0;
  const re = /\bORDER BY\b/gi;
  for (let m; (m = re.exec(sql)); ) {
    let i = m.index + m[0].length;
    out += sql.slice(from, i);
    const items: string[] = [];
    let depth = 0;
    let start = i;
    for (; i < sql.length; i++) {
      const c = sql[i]!;
      if (c === "'") i = sql.indexOf("'", i + 1);
      else if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && c === ',') {
        items.push(sql.slice(start, i));
        start = i + 1;
      } else if (depth === 0 && /^\s(LIMIT|OFFSET)\b/i.test(sql.slice(i, i + 8))) break;
    }
    items.push(sql.slice(start, i));
    out += items
      .map((item) => {
        if (/\bNULLS\b/i.test(item)) return item;
        const trimmed = item.replace(/\s+$/, '');
        return `${trimmed} ${/\bDESC$/i.test(trimmed) ? 'NULLS LAST' : 'NULLS FIRST'}${item.slice(trimmed.length)}`;
      })
      .join(',');
    from = i;
    re.lastIndex = i;
  }
  return out + sql.slice(from);
}

function values(t: PgSql, p: Params): unknown[] {
  if (Array.isArray(p)) return t.order.map((o) => norm(p[o as number]));
  return t.order.map((o) => norm((p as Record<string, unknown>)[o as string]));
}

/** Values as node-postgres sends them: booleans as SQLite's integers, undefined as NULL. */
const norm = (v: unknown) => (v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v);

/** PostgreSQL's limit on parameters in one statement. */
const MAX_PARAMS = 65_535;

/** Run a store generator on a PostgreSQL connection. */
export async function runPg<T>(c: PgQueryable, q: Q<T>): Promise<T> {
  let r = q.next();
  while (!r.done) {
    const s = r.value;
    let out: unknown;
    try {
      out = await pgStep(c, s);
    } catch (err) {
      r = q.throw(err);
      continue;
    }
    r = q.next(out);
  }
  return r.value;
}

async function pgStep(c: PgQueryable, s: Step): Promise<unknown> {
  switch (s.op) {
    case 'all':
    case 'allKept': {
      const t = toPg(s.sql);
      return (await c.query(named(t.text, values(t, s.params)))).rows;
    }
    case 'get': {
      const t = toPg(s.sql);
      return (await c.query(named(t.text, values(t, s.params)))).rows[0];
    }
    case 'run': {
      const t = toPg(s.sql);
      const res = await c.query(named(s.returning ? `${t.text} RETURNING id` : t.text, values(t, s.params)));
      return { changes: res.rowCount ?? 0, id: s.returning ? Number(res.rows[0]?.id) : 0 };
    }
    case 'insertEach':
      return insertEachPg(c, s);
    case 'dialect':
      return 'postgres';
    case 'lock':
      await c.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      return undefined;
  }
}

/**
 * Many rows of one INSERT … VALUES (…) in few statements. With ids, they are taken from the
 * table's sequence first and written explicitly, so a row can name one before it.
 */
async function insertEachPg(c: PgQueryable, s: Extract<Step, { op: 'insertEach' }>): Promise<number[]> {
  const t = toPg(s.sql);
  const parts = splitInsert(t.text);
  if (!parts) throw new Error(`store: not a single-row INSERT: ${s.sql}`);
  const [head, cols, tuple, tail] = parts;
  let ids: number[] = [];
  if (s.ids) {
    const res = await c.query(named(`SELECT nextval(pg_get_serial_sequence($1, 'id'))::bigint AS id FROM generate_series(1, $2::int)`, [s.table, s.n]));
    ids = res.rows.map((r) => Number(r.id));
  }
  // The tuple's own placeholders $1..$k, renumbered per row; with ids, the id goes first.
  const k = t.order.length + (s.ids ? 1 : 0);
  const rowTuple = (base: number) => `(${s.ids ? `$${base + 1}, ` : ''}${tuple.replace(/\$(\d+)/g, (_, d) => `$${base + Number(d) + (s.ids ? 1 : 0)}`)})`;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / Math.max(1, k)));
  for (let from = 0; from < s.n; from += perStatement) {
    const to = Math.min(s.n, from + perStatement);
    const tuples: string[] = [];
    const vals: unknown[] = [];
    for (let i = from; i < to; i++) {
      tuples.push(rowTuple(vals.length));
      if (s.ids) vals.push(ids[i]);
      const row = s.row(i, ids);
      for (const o of t.order) vals.push(norm(row[o as number]));
    }
    const text = `${head}${s.ids ? 'id, ' : ''}${cols}) VALUES ${tuples.join(', ')}${tail}`;
    await c.query(to - from <= 4 ? named(text, vals) : { text, values: vals });
  }
  return ids;
}

/** `INSERT INTO t (` · columns · `) VALUES (` tuple `)` · the rest, the tuple's parentheses balanced. */
function splitInsert(sql: string): [string, string, string, string] | null {
  const m = /^(\s*INSERT INTO \w+\s*\()([^)]*)\)\s*VALUES\s*\(/i.exec(sql);
  if (!m) return null;
  let depth = 1;
  for (let i = m[0].length; i < sql.length; i++) {
    if (sql[i] === '(') depth++;
    else if (sql[i] === ')' && --depth === 0) return [m[1]!, m[2]!, sql.slice(m[0].length, i), sql.slice(i + 1)];
  }
  return null;
}
