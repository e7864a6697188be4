/**
 * The archive-adapted language model: trigram counts learnt from an archive's own clean
 * documents (`vanban lm train`), stored in the archive DB so what an archive teaches the
 * program stays with the archive. The table is made by a migration (store/migrations.ts); the
 * database handle comes from the caller (openDb). Each model has an id, the sha256 of its
 * counts: a file records the id of the model it was restored with (files.lm_model).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { closeDb, openDb } from './db.ts';
import { prepareCached as prepare } from './statements.ts';
import { dialect, get, run, WRITE_LOCK, type Q } from './sql.ts';
import type { BatchLearner, TrainedCounts, TrainSource } from '../restore/train.ts';

export interface LmRow {
  name: string;
  data: Buffer; // NgramCounts.serialize()
  tokens: number;
  sources: string; // JSON array of source paths
  updated: string; // ISO time
}

/** The archive's current model as the restore stage takes it: its id and its counts. */
export interface ArchiveLm {
  id: string;
  data: Buffer;
}

export const DEFAULT_LM_NAME = 'archive';

/** A model's id: the hash of its counts, so the same counts have the same id in any archive. */
export function lmId(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function hasTable(db: Database): boolean {
  return !!prepare(db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name='lm_models'").get();
}

export function readLm(db: Database, name = DEFAULT_LM_NAME): (LmRow & { id: string }) | null {
  if (!hasTable(db)) return null;
  return (db.prepare('SELECT name, data, tokens, sources, updated, hash AS id FROM lm_models WHERE name = ?').get(name) as (LmRow & { id: string }) | undefined) ?? null;
}

/** The archive's current model (null: none, restoration uses the shipped model alone). */
export function currentLm(db: Database, name = DEFAULT_LM_NAME): ArchiveLm | null {
  if (!hasTable(db)) return null;
  return (prepare(db, 'SELECT hash AS id, data FROM lm_models WHERE name = ?').get(name) as ArchiveLm | undefined) ?? null;
}

/** The sources (JSON) the current model was learnt from, without its counts (null: no model). */
export function learntSources(db: Database, name = DEFAULT_LM_NAME): string | null {
  if (!hasTable(db)) return null;
  return (prepare(db, 'SELECT sources FROM lm_models WHERE name = ?').get(name) as { sources: string } | undefined)?.sources ?? null;
}

/** Only the id of the current model (null: none). */
/** `currentLmId` on either engine (an SQLite archive may predate the table; PostgreSQL's has it). */
export function* currentLmIdQ(name = DEFAULT_LM_NAME): Q<string | null> {
  if ((yield* dialect()) === 'sqlite' && !(yield* get("SELECT 1 FROM sqlite_master WHERE type='table' AND name='lm_models'"))) return null;
  return (yield* get<{ hash: string }>('SELECT hash FROM lm_models WHERE name = ?', [name]))?.hash ?? null;
}

export function currentLmId(db: Database, name = DEFAULT_LM_NAME): string | null {
  if (!hasTable(db)) return null;
  return (prepare(db, 'SELECT hash FROM lm_models WHERE name = ?').get(name) as { hash: string } | undefined)?.hash ?? null;
}

/**
 * The current model of the archive at a path, for commands that only read it (`vanban restore`,
 * `vanban extract`): null when there is no archive there or no model in it. An archive that
 * cannot be read throws (the caller says so and goes on with the shipped model).
 */
export function currentLmAt(path: string): ArchiveLm | null {
  if (!existsSync(path)) return null;
  const db = openDb(path, { readonly: true });
  try {
    return currentLm(db);
  } finally {
    closeDb(db);
  }
}

/**
 * Key of the PostgreSQL advisory lock that serialises changes to the model (`lmLock`). An
 * advisory transaction lock, not a row lock (SELECT … FOR UPDATE): the archive's first model
 * has no row to lock yet, so two workers teaching a new archive at once would both insert and
 * the second would overwrite the first's counts. The lock is released at commit or rollback,
 * also when the holder's connection dies (a killed worker never leaves it held). A key of its
 * own, not WRITE_LOCK: teaching (a read of the model, of the files' texts, and one write) does
 * not stop other workers from storing files meanwhile.
 */
export const LM_LOCK = WRITE_LOCK + 2;

/**
 * From here to the commit, this transaction is the only one changing the model. SQLite: the
 * caller's write transaction (BEGIN IMMEDIATE) already is; PostgreSQL: the advisory lock.
 * The model is read after the lock, so a read-modify-write never loses another's update.
 */
export function* lmLock(): Q<void> {
  if ((yield* dialect()) === 'postgres') yield* run('SELECT pg_advisory_xact_lock(?)', [LM_LOCK]);
}

function* hasTableQ(): Q<boolean> {
  // An SQLite archive may predate the table; PostgreSQL's schema always has it.
  if ((yield* dialect()) === 'postgres') return true;
  return !!(yield* get("SELECT 1 FROM sqlite_master WHERE type='table' AND name='lm_models'"));
}

/** `readLm` on either engine. */
export function* readLmQ(name = DEFAULT_LM_NAME): Q<(LmRow & { id: string }) | null> {
  if (!(yield* hasTableQ())) return null;
  const row = yield* get<LmRow & { id: string }>('SELECT name, data, tokens, sources, updated, hash AS id FROM lm_models WHERE name = ?', [name]);
  return row ?? null;
}

/** `currentLm` on either engine. */
export function* currentLmQ(name = DEFAULT_LM_NAME): Q<ArchiveLm | null> {
  if (!(yield* hasTableQ())) return null;
  return (yield* get<ArchiveLm>('SELECT hash AS id, data FROM lm_models WHERE name = ?', [name])) ?? null;
}

/** `learntSources` on either engine. */
export function* learntSourcesQ(name = DEFAULT_LM_NAME): Q<string | null> {
  if (!(yield* hasTableQ())) return null;
  return (yield* get<{ sources: string }>('SELECT sources FROM lm_models WHERE name = ?', [name]))?.sources ?? null;
}

/** `writeLm` on either engine (the caller holds `lmLock` when it read the model first). */
export function* writeLmQ(row: LmRow): Q<void> {
  yield* run(
    `INSERT INTO lm_models (name, data, tokens, sources, updated, hash) VALUES (@name, @data, @tokens, @sources, @updated, @hash)
     ON CONFLICT(name) DO UPDATE SET data = excluded.data, tokens = excluded.tokens, sources = excluded.sources, updated = excluded.updated, hash = excluded.hash`,
    { ...row, hash: lmId(row.data) },
  );
}

/** `deleteLm` on either engine. */
export function* deleteLmQ(name = DEFAULT_LM_NAME): Q<boolean> {
  if (!(yield* hasTableQ())) return false;
  yield* lmLock();
  return (yield* run('DELETE FROM lm_models WHERE name = ?', [name])) > 0;
}

/**
 * `vanban lm train` on either engine, as one transaction's steps: the model read under the lock,
 * the documents added (`train`: restore/train.ts trainArchive), the result written back.
 */
export function* trainLmQ<R extends { trained?: TrainedCounts }>(train: (previous: LmRow | null) => R, now: string): Q<R> {
  yield* lmLock();
  const out = train(yield* readLmQ());
  if (out.trained) yield* writeLmQ({ name: DEFAULT_LM_NAME, ...out.trained, updated: now });
  return out;
}

/**
 * Add what a batch learnt (restore/train.ts BatchLearner) to the archive's model, as one
 * transaction's steps on either engine: the model read under the lock, each noted file's stored
 * text read, the model written back. What it learnt from.
 */
export function* teachQ(learner: BatchLearner, now: string): Q<TrainSource[]> {
  yield* lmLock();
  const steps = learner.steps(yield* readLmQ());
  let r = steps.next();
  while (!r.done) r = steps.next((yield* get<{ text: string }>('SELECT text FROM files WHERE hash = ?', [r.value]))?.text);
  const { trained, added } = r.value;
  if (trained) yield* writeLmQ({ name: DEFAULT_LM_NAME, ...trained, updated: now });
  return added;
}

export function writeLm(db: Database, row: LmRow): void {
  db.prepare(
    `INSERT INTO lm_models (name, data, tokens, sources, updated, hash) VALUES (@name, @data, @tokens, @sources, @updated, @hash)
     ON CONFLICT(name) DO UPDATE SET data = excluded.data, tokens = excluded.tokens, sources = excluded.sources, updated = excluded.updated, hash = excluded.hash`,
  ).run({ ...row, hash: lmId(row.data) });
}

export function deleteLm(db: Database, name = DEFAULT_LM_NAME): boolean {
  if (!hasTable(db)) return false;
  return db.prepare('DELETE FROM lm_models WHERE name = ?').run(name).changes > 0;
}
