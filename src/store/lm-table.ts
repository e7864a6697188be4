/**
 * The archive-adapted language model: trigram counts learnt from an archive's own clean
 * documents (`vanban lm train`), stored in the archive DB so what an archive teaches the
 * program stays with the archive. The table is made by a migration (store/migrations.ts); the
 * database handle comes from the caller (openDb).
 */
import type { Database } from 'better-sqlite3';
import { prepareCached as prepare } from './statements.ts';

export interface LmRow {
  name: string;
  data: Buffer; // NgramCounts.serialize()
  tokens: number;
  sources: string; // JSON array of source paths
  updated: string; // ISO time
}

export const DEFAULT_LM_NAME = 'archive';

function hasTable(db: Database): boolean {
  return !!prepare(db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name='lm_models'").get();
}

export function readLm(db: Database, name = DEFAULT_LM_NAME): LmRow | null {
  if (!hasTable(db)) return null;
  return (db.prepare('SELECT name, data, tokens, sources, updated FROM lm_models WHERE name = ?').get(name) as LmRow | undefined) ?? null;
}

/** Only the stamp, to tell whether a cached model is still current. */
export function lmStamp(db: Database, name = DEFAULT_LM_NAME): string | null {
  if (!hasTable(db)) return null;
  const r = prepare(db, 'SELECT updated, tokens FROM lm_models WHERE name = ?').get(name) as { updated: string; tokens: number } | undefined;
  return r ? `${r.updated}#${r.tokens}` : null;
}

export function writeLm(db: Database, row: LmRow): void {
  db.prepare(
    `INSERT INTO lm_models (name, data, tokens, sources, updated) VALUES (@name, @data, @tokens, @sources, @updated)
     ON CONFLICT(name) DO UPDATE SET data = excluded.data, tokens = excluded.tokens, sources = excluded.sources, updated = excluded.updated`,
  ).run(row);
}

export function deleteLm(db: Database, name = DEFAULT_LM_NAME): boolean {
  if (!hasTable(db)) return false;
  return db.prepare('DELETE FROM lm_models WHERE name = ?').run(name).changes > 0;
}
