/**
 * `vanban reprocess`: rerun the documents made by an older pipeline version (with
 * --outdated-model: with another archive model than the current one; with --all: all of them)
 * and replace them, one transaction per file. Same exit codes as ingest.
 */
import type { Command } from 'commander';
import { shownPath } from '../../lib/shown-path.ts';
import { existsSync } from 'node:fs';
import { addDbOption, dbPath } from '../db-option.ts';
import { addEngineOption, addJobsOption, applyEngineOption, jobsOption } from '../run-options.ts';

export function register(program: Command): void {
  const cmd = program
    .command('reprocess')
    .description('rerun stored files made by an older pipeline version through the current one')
    .option('--all', 'rerun every stored file, whatever version made it')
    .option('--outdated-model', "instead: rerun the files restored with another model than the archive's current one (`vanban lm train` changed it)")
    .option('--dry-run', 'list the files that would be rerun, change nothing')
    .option('--json', 'JSON lines on stdout: one per file, then a summary')
    .option('--no-progress', 'no progress bar even on a terminal')
    .option('--quiet', 'log only failures');
  addJobsOption(cmd);
  addEngineOption(cmd);
  addDbOption(cmd);
  cmd.exitOverride().action(async (opts) => {
    const { reportError, EXIT, formatTable } = await import('../output.ts');
    const { closeDb, currentLmId, openDb } = await import('../../store/index.ts');
    const { fold } = await import('../../normalize/index.ts');
    const { PIPELINE_VERSION } = await import('../../version.ts');
    const { reprocessJobs } = await import('../../ingest/reprocess.ts');
    const { runJobs, chooseReporter, interruptible, formatSummary, releaseWorkers } = await import('../../ingest/index.ts');
    const jobs = jobsOption(opts);
    applyEngineOption(opts);
    const db = (() => {
      try {
        // There is nothing to reprocess in a database that does not exist: do not create one.
        return openDb(dbPath(opts), { readonly: Boolean(opts.dryRun) || !existsSync(dbPath(opts)) });
      } catch (err: any) {
        reportError(err?.missing ? 'not-found' : 'failed', err?.message ?? String(err));
        process.exitCode = 1;
        return undefined;
      }
    })();
    if (!db) return;
    const { signal, dispose } = interruptible();
    try {
      const work = reprocessJobs(db, PIPELINE_VERSION, { all: Boolean(opts.all), outdatedModel: Boolean(opts.outdatedModel) });
      if (opts.dryRun) {
        const rows = db.prepare('SELECT path, pipeline_version, lm_model FROM files WHERE path = ?');
        const current = currentLmId(db);
        const what = opts.outdatedModel ? `archive model ${current?.slice(0, 12) ?? 'none'}` : `pipeline ${PIPELINE_VERSION}`;
        if (opts.json) process.stdout.write(JSON.stringify(work.map((j) => rows.get(j.path))) + '\n');
        else process.stdout.write(work.length ? formatTable(['path', 'made by', 'model'], work.map((j) => {
          const r = rows.get(j.path) as { path: string; pipeline_version: string; lm_model: string | null };
          return [shownPath(r.path), r.pipeline_version, r.lm_model?.slice(0, 12) ?? 'none'];
        })) : `nothing to reprocess (${what})\n`);
        return;
      }
      const summary = await runJobs(work, {
        db,
        fold,
        pipelineVersion: PIPELINE_VERSION,
        force: true,
        concurrency: jobs,
        reporter: chooseReporter(opts),
        signal,
      });
      if (!opts.json) process.stdout.write(formatSummary(summary));
      process.exitCode = summary.failed > 0 ? EXIT.someFailed : summary.interrupted ? 130 : EXIT.ok;
    } finally {
      dispose();
      closeDb(db);
      await releaseWorkers();
    }
  });
}
