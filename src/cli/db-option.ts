/** The archive database: `--db`, else $VANBAN_DB, else ./vanban.db. */
import type { Command } from 'commander';

export const DEFAULT_DB = 'vanban.db';

export function addDbOption(cmd: Command): Command {
  return cmd.option('--db <path>', 'SQLite database (env VANBAN_DB, default ./vanban.db)');
}

export function dbPath(opts: { db?: string }): string {
  return opts.db ?? process.env.VANBAN_DB ?? DEFAULT_DB;
}
