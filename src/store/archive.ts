/**
 * An open archive of either engine, for the code that reads it: a better-sqlite3 connection or
 * a PostgreSQL pool (pg.ts). `runOn` runs a store generator (sql.ts) on it; on PostgreSQL each
 * call is one READ ONLY transaction, so a command's answer comes from one snapshot.
 */
import type { Db } from './db.ts';
import type { PgArchive } from './pg.ts';
import { pgTransaction } from './pg.ts';
import { runSqlite, type Q } from './sql.ts';

export type Archive = Db | PgArchive;

export const isPgArchive = (a: Archive): a is PgArchive => (a as PgArchive).kind === 'postgres';

export async function runOn<T>(a: Archive, q: Q<T>): Promise<T> {
  return isPgArchive(a) ? pgTransaction(a, q, { readonly: true }) : runSqlite(a, q);
}
