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
    const { EXIT, reportError } = await import('../output.ts');
    const { closeDb, currentLmId, openDb } = await import('../../store/index.ts');
    const { fold } = await import('../../normalize/index.ts');
    const { PIPELINE_VERSION } = await import('../../version.ts');
    const { reprocessJobs } = await import('../../ingest/reprocess.ts');
    const { runJobs, chooseReporter, interruptible, formatSummary, releaseWorkers } = await import('../../ingest/index.ts');
    const jobs = jobsOption(opts);
    applyEngineOption(opts);
    const { isPgUrl } = await import('../../store/pg.ts');
    if (isPgUrl(dbPath(opts))) return reprocessPg(dbPath(opts), opts, jobs);
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
      if (opts.dryRun) {
        const { reprocessFilesQ } = await import('../../ingest/reprocess.ts');
        const { runSqlite } = await import('../../store/sql.ts');
        return dryRun(runSqlite(db, reprocessFilesQ(PIPELINE_VERSION, { all: Boolean(opts.all), outdatedModel: Boolean(opts.outdatedModel) })), currentLmId(db), opts);
      }
      const work = reprocessJobs(db, PIPELINE_VERSION, { all: Boolean(opts.all), outdatedModel: Boolean(opts.outdatedModel) });
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

type ReprocessFile = import('../../ingest/reprocess.ts').ReprocessFile;

/** `--dry-run`: the files that would be rerun, the same on both engines. */
async function dryRun(files: ReprocessFile[], currentModel: string | null, opts: { outdatedModel?: boolean; json?: boolean }): Promise<void> {
  const { formatTable } = await import('../output.ts');
  const { PIPELINE_VERSION } = await import('../../version.ts');
  const what = opts.outdatedModel ? `archive model ${currentModel?.slice(0, 12) ?? 'none'}` : `pipeline ${PIPELINE_VERSION}`;
  if (opts.json) process.stdout.write(JSON.stringify(files.map((f) => ({ path: f.path, pipeline_version: f.pipelineVersion, lm_model: f.lmModel }))) + '\n');
  else process.stdout.write(files.length ? formatTable(['path', 'made by', 'model'], files.map((f) => [shownPath(f.path), f.pipelineVersion, f.lmModel?.slice(0, 12) ?? 'none'])) : `nothing to reprocess (${what})\n`);
}

/**
 * `vanban reprocess --db postgresql://…`: the files to rerun are queued as reprocess jobs and a
 * worker on this machine takes them until the queue is empty (`vanban worker` on other machines
 * helps); each file is reread from its stored paths and replaced in one transaction.
 */
async function reprocessPg(url: string, opts: Record<string, any>, jobs: number | undefined): Promise<void> {
  const { EXIT, reportError } = await import('../output.ts');
  const { openPg, closePg, pgRead } = await import('../../store/pg.ts');
  const { currentLmIdQ } = await import('../../store/lm-table.ts');
  const { reprocessFilesQ } = await import('../../ingest/reprocess.ts');
  const { queueReprocess } = await import('../../queue/add.ts');
  const { drainQueue, formatSummary, interruptible, releaseWorkers } = await import('../../ingest/index.ts');
  const { PIPELINE_VERSION } = await import('../../version.ts');
  const { availableParallelism } = await import('node:os');
  const concurrency = jobs ?? availableParallelism();
  let a;
  try {
    a = await openPg(url, { readonly: Boolean(opts.dryRun), max: concurrency + 4 });
  } catch (err: any) {
    reportError(err?.missing ? 'not-found' : 'failed', err?.message ?? String(err));
    process.exitCode = 1;
    return;
  }
  const { signal, dispose } = interruptible();
  try {
    const files = await pgRead(a, reprocessFilesQ(PIPELINE_VERSION, { all: Boolean(opts.all), outdatedModel: Boolean(opts.outdatedModel) }));
    if (opts.dryRun) return await dryRun(files, await pgRead(a, currentLmIdQ()), opts);
    await queueReprocess(a, files);
    const summary = await drainQueue(a, { concurrency, quiet: opts.quiet }, signal);
    if (opts.json) process.stdout.write(`${JSON.stringify({ summary })}\n`);
    else process.stdout.write(formatSummary(summary));
    process.exitCode = summary.failed > 0 ? EXIT.someFailed : summary.interrupted ? 130 : EXIT.ok;
  } finally {
    dispose();
    await closePg(a);
    await releaseWorkers();
  }
}
