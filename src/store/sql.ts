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
  /** Several `all`s none of which needs another's answer: PostgreSQL sends them together (one round trip). */
  | { op: 'allEach'; queries: { sql: string; params: Params }[] }
  /** Changes made; `id`: the id of the row inserted (lastInsertRowid / RETURNING id). */
  | { op: 'run'; sql: string; params: Params; returning?: boolean }
  /**
   * One single-row INSERT run for n rows, row i's parameters made from the ids of rows before
   * it (a section's parent). SQLite runs it row by row; PostgreSQL takes the ids from the
   * table's sequence first and writes every row in one statement.
   */
  | { op: 'insertEach'; sql: string; table: string; n: number; row: (i: number, ids: number[]) => unknown[]; ids: boolean }
  /** `run` whose answer nobody reads: PostgreSQL sends it on without waiting (pipelined). */
  | { op: 'exec'; sql: string; params: Params }
  /**
   * Ids the next insertEach steps of these tables will take (tables with an `id` sequence):
   * PostgreSQL takes them all from their sequences in one statement, sent on without waiting
   * and read by the first insert that needs them. SQLite: nothing to do.
   */
  | { op: 'reserve'; counts: Record<string, number> }
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
/** The rows of each of these reads (see Step allEach). */
export function* allEach<R = Row>(queries: { sql: string; params?: Params }[]): Q<R[][]> {
  if (!queries.length) return [];
  return yield { op: 'allEach', queries: queries.map((q) => ({ sql: q.sql, params: q.params ?? [] })) };
}
export function* get<R = Row>(sql: string, params: Params = []): Q<R | undefined> {
  return yield { op: 'get', sql, params };
}
export function* run(sql: string, params: Params = []): Q<number> {
  return ((yield { op: 'run', sql, params }) as { changes: number }).changes;
}
/** `run` without its answer (see Step exec). */
export function* exec(sql: string, params: Params = []): Q<void> {
  yield { op: 'exec', sql, params };
}
/** Take ids for the insertEach steps that follow (see Step reserve). */
export function* reserveIds(counts: Record<string, number>): Q<void> {
  const wanted = Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
  if (Object.keys(wanted).length) yield { op: 'reserve', counts: wanted };
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
      case 'allEach':
        out = s.queries.map((x) => prepareCached(db, x.sql).all(...args(x.params)));
        break;
      case 'run': {
        const info = prepareCached(db, s.sql).run(...args(s.params));
        out = { changes: info.changes, id: Number(info.lastInsertRowid) };
        break;
      }
      case 'exec':
        prepareCached(db, s.sql).run(...args(s.params));
        break;
      case 'reserve':
        break;
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
/** Each statement's name, or null for one planned at every call (below). */
const names = new Map<string, string | null>();
/**
 * A statement with optional filters (`$n IS NULL OR …`) stays unnamed, so it is planned for
 * its values each time: a generic plan cannot know which filters apply, and for the copy
 * candidates (works.ts copyReads) it read the bands of every document, ~15× the time.
 */
const OPTIONAL_FILTER = /\$\d+(?:::\w+)?\s+IS\s+NULL\s+OR\b/i;
export function named(text: string, values: unknown[]): { name?: string; text: string; values: unknown[] } {
  let name = names.get(text);
  if (name === undefined) names.set(text, (name = OPTIONAL_FILTER.test(text) ? null : `vb${names.size}`));
  return name === null ? { text, values } : { name, text, values };
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

/**
 * A connection's statements in flight. On a connection in pipeline mode (pg.ts opens its pool
 * so) a statement whose answer the store does not read (an insert whose ids are known, an
 * `exec`, the lock) is sent without waiting; the next statement whose answer is read waits for
 * all of them, in order, and a failure among them is what it throws. Without pipeline mode every
 * statement is waited for, as before.
 */
export class PgPipe {
  private pending: Promise<unknown>[] = [];
  readonly pipelined: boolean;

  constructor(readonly c: PgQueryable) {
    this.pipelined = (c as { pipeline?: boolean }).pipeline === true;
  }

  /** Send without reading the answer. */
  async send(q: string | { name?: string; text: string; values?: unknown[] }): Promise<void> {
    if (!this.pipelined) {
      await this.c.query(q);
      return;
    }
    this.cork();
    const p = this.c.query(q);
    p.catch(() => {});
    this.pending.push(p);
  }

  /** Send and read the answer (after every statement sent before it). */
  async ask<R = { rows: any[]; rowCount: number | null }>(q: string | { name?: string; text: string; values?: unknown[] }): Promise<R> {
    const p = this.c.query(q) as unknown as Promise<R>;
    p.catch(() => {});
    await this.drain();
    return p;
  }

  /** Send these and read their answers, all in one round trip. */
  async askAll<R = { rows: any[]; rowCount: number | null }>(qs: { name?: string; text: string; values?: unknown[] }[]): Promise<R[]> {
    if (!this.pipelined) {
      const out: R[] = [];
      for (const q of qs) out.push((await this.c.query(q)) as unknown as R);
      return out;
    }
    this.cork();
    const ps = qs.map((q) => {
      const p = this.c.query(q) as unknown as Promise<R>;
      p.catch(() => {});
      return p;
    });
    await this.drain();
    return Promise.all(ps);
  }

  /**
   * Statements sent on go out in one write of the socket (each would be a write of its own),
   * until something is waited for (uncork), or at the latest on the next turn of the event loop.
   */
  private corked = false;
  private cork(): void {
    const stream = (this.c as { connection?: { stream?: NodeJS.WritableStream & { cork?(): void; uncork?(): void } } }).connection?.stream;
    if (this.corked || !stream?.cork || !stream.uncork) return;
    this.corked = true;
    stream.cork();
    setImmediate(() => this.uncork());
  }

  private uncork(): void {
    if (!this.corked) return;
    this.corked = false;
    (this.c as { connection?: { stream?: { uncork?(): void } } }).connection?.stream?.uncork?.();
  }

  /** Wait for everything sent; the first failure is thrown. */
  async drain(): Promise<void> {
    this.uncork();
    while (this.pending.length) {
      const sent = this.pending;
      this.pending = [];
      const settled = await Promise.allSettled(sent);
      const failed = settled.find((r) => r.status === 'rejected');
      if (failed) {
        this.pending = [];
        throw (failed as PromiseRejectedResult).reason;
      }
    }
  }
}

/** Run a store generator on a PostgreSQL connection (or its pipe, to share what is in flight). */
export async function runPg<T>(on: PgQueryable | PgPipe, q: Q<T>): Promise<T> {
  const pipe = on instanceof PgPipe ? on : new PgPipe(on);
  const state: PgRunState = { reserved: new Map() };
  let r = q.next();
  while (!r.done) {
    const s = r.value;
    let out: unknown;
    try {
      out = await pgStep(pipe, s, state);
    } catch (err) {
      r = q.throw(err);
      continue;
    }
    r = q.next(out);
  }
  // Nothing left unanswered by a run on its own connection; in a transaction the commit waits.
  if (!(on instanceof PgPipe)) await pipe.drain();
  return r.value;
}

interface PgRunState {
  /** Ids taken by `reserve` steps, per table, as the answer of a statement sent on. */
  reserved: Map<string, Promise<number[]>>;
}

async function pgStep(pipe: PgPipe, s: Step, state: PgRunState): Promise<unknown> {
  switch (s.op) {
    case 'all':
    case 'allKept': {
      const t = toPg(s.sql);
      return (await pipe.ask(named(t.text, values(t, s.params)))).rows;
    }
    case 'get': {
      const t = toPg(s.sql);
      return (await pipe.ask(named(t.text, values(t, s.params)))).rows[0];
    }
    case 'allEach':
      return (
        await pipe.askAll(
          s.queries.map((x) => {
            const t = toPg(x.sql);
            return named(t.text, values(t, x.params));
          }),
        )
      ).map((r) => r.rows);
    case 'run': {
      const t = toPg(s.sql);
      const res = await pipe.ask(named(s.returning ? `${t.text} RETURNING id` : t.text, values(t, s.params)));
      return { changes: res.rowCount ?? 0, id: s.returning ? Number(res.rows[0]?.id) : 0 };
    }
    case 'exec': {
      const t = toPg(s.sql);
      await pipe.send(named(t.text, values(t, s.params)));
      return undefined;
    }
    case 'reserve': {
      const tables = Object.keys(s.counts);
      const res = pipe.c.query(
        named(
          `SELECT x.t, nextval(q.seq)::bigint AS id
           FROM unnest($1::text[], $2::int[]) AS x(t, n)
           CROSS JOIN LATERAL (SELECT pg_get_serial_sequence(x.t, 'id')::regclass AS seq) q
           CROSS JOIN LATERAL generate_series(1, x.n)`,
          [tables, tables.map((t) => s.counts[t])],
        ),
      );
      const byTable = res.then((r) => {
        const m = new Map<string, number[]>(tables.map((t) => [t, []]));
        for (const row of r.rows) m.get(row.t)!.push(Number(row.id));
        for (const ids of m.values()) ids.sort((a, b) => a - b);
        return m;
      });
      byTable.catch(() => {});
      // Read by the first insert that needs the ids (without pipeline mode: now).
      if (!pipe.pipelined) await byTable;
      for (const t of tables) {
        const ids = byTable.then((m) => m.get(t)!);
        ids.catch(() => {});
        state.reserved.set(t, ids);
      }
      return undefined;
    }
    case 'insertEach':
      return insertEachPg(pipe, s, state);
    case 'dialect':
      return 'postgres';
    case 'lock':
      await pipe.send(named('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]));
      return undefined;
  }
}

/**
 * Many rows of one INSERT … VALUES (…) in one statement. A plain tuple (a placeholder a
 * column) becomes `INSERT … SELECT … FROM json_populate_recordset(NULL::table, $1)` with the
 * rows as one JSON parameter: one statement text for any number of rows, prepared once per
 * connection, each value typed by its column as a parameter is. Other tuples (a subquery) are
 * written as a VALUES list. With ids, they are reserved ones (`reserve`) or taken from the
 * table's sequence first, and written explicitly, so a row can name one before it.
 */
async function insertEachPg(pipe: PgPipe, s: Extract<Step, { op: 'insertEach' }>, state: PgRunState): Promise<number[]> {
  const t = toPg(s.sql);
  const parts = splitInsert(t.text);
  if (!parts) throw new Error(`store: not a single-row INSERT: ${s.sql}`);
  const [head, cols, tuple, tail] = parts;
  let ids: number[] = [];
  if (s.ids) {
    const reserved = state.reserved.get(s.table);
    // Its answer only: the statements sent since go on without being waited for.
    const have = reserved ? await reserved : [];
    if (have.length >= s.n) {
      ids = have.slice(0, s.n);
      state.reserved.set(s.table, Promise.resolve(have.slice(s.n)));
    } else {
      const res = await pipe.ask(named(`SELECT nextval(pg_get_serial_sequence($1, 'id'))::bigint AS id FROM generate_series(1, $2::int)`, [s.table, s.n]));
      ids = res.rows.map((r) => Number(r.id));
    }
  }
  const columns = cols.split(',').map((c) => c.trim());
  const plain = jsonColumns(columns, tuple);
  // Each row made once: a row function may note things as it goes (sections' parents).
  const made = Array.from({ length: s.n }, (_, i) => s.row(i, ids));
  const json = plain && jsonRows(made, columns, plain, t.order, s.ids ? ids : null);
  if (json) {
    const table = /^\s*INSERT INTO (\w+)/i.exec(head)![1]!;
    const list = (s.ids ? ['id', ...columns] : columns).join(', ');
    const text = `${head}${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, $1::json) WITH ORDINALITY ORDER BY ordinality${tail}`;
    await pipe.send(named(text, [json]));
    return ids;
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
      const row = made[i]!;
      for (const o of t.order) vals.push(norm(row[o as number]));
    }
    const text = `${head}${s.ids ? 'id, ' : ''}${cols}) VALUES ${tuples.join(', ')}${tail}`;
    await pipe.send(to - from <= 4 ? named(text, vals) : { text, values: vals });
  }
  return ids;
}

/** The rows as a JSON array of objects keyed by column; null when a value is not one JSON carries alike. */
function jsonRows(rows: unknown[][], columns: string[], plain: number[], order: (number | string)[], ids: number[] | null): string | null {
  const keys = columns.map((c) => `${JSON.stringify(c)}:`);
  const out: string[] = [];
  for (const [i, row] of rows.entries()) {
    let o = ids ? `{"id":${ids[i]}` : '{';
    for (const [j, at] of plain.entries()) {
      const v = jsonValue(norm(row[order[at] as number]));
      if (v === undefined) return null;
      o += `${j || ids ? ',' : ''}${keys[j]}${v}`;
    }
    out.push(`${o}}`);
  }
  return `[${out.join(',')}]`;
}

/**
 * For a tuple of bare placeholders, one a column, none twice: for each column, the index of
 * its placeholder in the statement's parameter order (toPg's `order`). Otherwise null.
 */
function jsonColumns(columns: string[], tuple: string): number[] | null {
  const items = tuple.split(',').map((x) => x.trim());
  if (items.length !== columns.length || columns.some((c) => !/^\w+$/.test(c))) return null;
  const out: number[] = [];
  for (const it of items) {
    const m = /^\$(\d+)$/.exec(it);
    if (!m) return null;
    const n = Number(m[1]) - 1;
    if (out.includes(n)) return null;
    out.push(n);
  }
  return out;
}

/**
 * A value in the JSON rows as the server reads it into its column, as it reads the same value
 * sent as a parameter: a number as node-postgres writes it (NaN and the infinities as strings,
 * which only a float column takes, as from a parameter), a string with any lone surrogate made
 * U+FFFD (as its UTF-8 encoding would), bytes as bytea's hex input.
 */
function jsonValue(v: unknown): string | undefined {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : `"${String(v)}"`;
    case 'string': {
      const w = v as string & { isWellFormed(): boolean; toWellFormed(): string };
      return JSON.stringify(w.isWellFormed() ? v : w.toWellFormed());
    }
  }
  if (Buffer.isBuffer(v)) return `"\\\\x${v.toString('hex')}"`;
  // Whatever else node-postgres would convert its own way (dates, arrays, objects): not here.
  return undefined;
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
