/**
 * Prepared statements kept per connection: compiling a statement for every file of a batch
 * cost more than running it. Used by every module that writes or reads per file.
 */
import type { Database, Statement } from 'better-sqlite3';

const statements = new WeakMap<Database, Map<string, Statement<unknown[]>>>();

export function prepareCached(db: Database, sql: string): Statement<unknown[]> {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let st = cache.get(sql);
  if (!st) cache.set(sql, (st = db.prepare<unknown[]>(sql)));
  return st;
}
