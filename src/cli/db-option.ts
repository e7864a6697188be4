/** The archive database: `--db`, else $VANBAN_DB, else ./vanban.db. */
import type { Command } from 'commander';

export const DEFAULT_DB = 'vanban.db';

export function addDbOption(cmd: Command): Command {
  return cmd.option('--db <path>', 'SQLite database (env VANBAN_DB, default ./vanban.db)');
}

export function dbPath(opts: { db?: string }): string {
  return opts.db ?? process.env.VANBAN_DB ?? DEFAULT_DB;
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
  let archive = null;
  try {
    archive = currentLmAt(path);
  } catch (err: any) {
    process.stderr.write(`vanban: ${err?.message ?? err}; restoring with the shipped model\n`);
  }
  return modelFor(archive);
}
