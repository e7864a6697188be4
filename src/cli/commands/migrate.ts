/**
 * `vanban migrate`: bring an archive made by an older vanban to this one's schema, so the commands
 * that only read it (search, show, serve …) can open it. Writing commands (ingest, reprocess) do
 * the same as they open it; this does only that. A --db that is not an existing archive is refused.
 */
import type { Command } from 'commander';
import { addDbOption, dbPath } from '../db-option.ts';

export function register(program: Command): void {
  const cmd = program.command('migrate').description("bring an archive made by an older vanban to this one's schema").option('--json', 'report as JSON');
  addDbOption(cmd);
  cmd.action(async (opts) => {
    const { archiveVersion, closeDb, openDb } = await import('../../store/db.ts');
    const { currentVersion, LATEST_VERSION } = await import('../../store/migrations.ts');
    const path = dbPath(opts);
    const { isPgUrl, openPg, closePg, pgVersion, redact } = await import('../../store/pg.ts');
    if (isPgUrl(path)) {
      // A PostgreSQL archive: made at the current version by the first command that writes it.
      const { CliError } = await import('../output.ts');
      const probe = await openPg(path, { readonly: true }).catch(async (err) => {
        throw err?.missing ? new CliError('not-found', err.message) : err;
      });
      const v = await pgVersion(probe).finally(() => closePg(probe));
      if (opts.json) process.stdout.write(JSON.stringify({ db: redact(path), before: v, after: v, latest: LATEST_VERSION }) + '\n');
      else process.stdout.write(`${redact(path)}: schema version ${v}, up to date\n`);
      return;
    }
    // The version before, read without writing (openDb migrates).
    const before = archiveVersion(path) ?? 0;
    const db = openDb(path, { existingArchive: true });
    try {
      const after = currentVersion(db);
      if (opts.json) process.stdout.write(JSON.stringify({ db: path, before, after, latest: LATEST_VERSION }) + '\n');
      else process.stdout.write(before === after ? `${path}: schema version ${after}, up to date\n` : `${path}: schema version ${before} → ${after}\n`);
    } finally {
      closeDb(db);
    }
  });
}
