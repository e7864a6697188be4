/** The archive database: `--db`, else $VANBAN_DB, else ./vanban.db. */
import type { Command } from 'commander';

export const DEFAULT_DB = 'vanban.db';

export function addDbOption(cmd: Command): Command {
  return cmd.option('--db <path>', 'SQLite database, or a postgresql://… URL (env VANBAN_DB, default ./vanban.db)');
}

export function dbPath(opts: { db?: string }): string {
  return opts.db ?? process.env.VANBAN_DB ?? DEFAULT_DB;
}

/** The PostgreSQL archive a cluster command needs (`queue`, `worker`); a usage error otherwise. */
export async function pgDbUrl(opts: { db?: string }, command: string): Promise<string> {
  const { isPgUrl } = await import('../store/pg.ts');
  const { usageError } = await import('./output.ts');
  const db = dbPath(opts);
  if (!isPgUrl(db)) usageError(`${command} needs a PostgreSQL archive: --db postgresql://USER:PASSWORD@HOST/DATABASE (or VANBAN_DB), not "${db}"`);
  return db;
}

/**
 * The restoration model of the archive at `path` (its own counts on top of the shipped ones),
 * for commands that restore without storing: read through the store, handed to the restore
 * stage. No archive there, or none learnt: the shipped model. An archive that cannot be read
 * is said on stderr and the shipped model used.
 */
export async function archiveModel(path: string): Promise<import('../restore/index.ts').RestoreModel> {
  const { currentLmAt } = await import('../store/lm-table.ts');
  const { modelFor } = await import('../restore/index.ts');
  const { isPgUrl } = await import('../store/pg.ts');
  let archive = null;
  try {
    archive = isPgUrl(path) ? await currentLmAtPg(path) : currentLmAt(path);
  } catch (err: any) {
    process.stderr.write(`vanban: ${err?.message ?? err}; restoring with the shipped model\n`);
  }
  return modelFor(archive);
}

/** `currentLmAt` of a PostgreSQL archive: null when the database holds no archive. */
async function currentLmAtPg(url: string): Promise<import('../store/lm-table.ts').ArchiveLm | null> {
  const { currentLmQ } = await import('../store/lm-table.ts');
  return pgReadIfArchive(url, currentLmQ());
}

/**
 * One read-only query on a PostgreSQL archive, opened for it and closed after; null when the
 * database holds no archive (as a missing SQLite file holds none).
 */
export async function pgReadIfArchive<T>(url: string, query: import('../store/sql.ts').Q<T>): Promise<T | null> {
  const { openPg, closePg, pgRead } = await import('../store/pg.ts');
  const a = await openPg(url, { readonly: true, max: 1 }).catch((err: any) => {
    if (err?.missing) return undefined;
    throw err;
  });
  if (!a) return null;
  try {
    return await pgRead(a, query);
  } finally {
    await closePg(a);
  }
}
