/**
 * `vanban ingest PATH…`: files, folders (recursive), glob patterns, or a list of paths from
 * a file or stdin (--from FILE, --from -). Exit code 0 when every file went in or was
 * already there, 1 when some failed, 2 on a usage error.
 */
import type { Command } from 'commander';
import { addDbOption, dbPath } from '../db-option.ts';
import { addEngineOption, addJobsOption, applyEngineOption, fileLimits, jobsOption } from '../run-options.ts';

export function register(program: Command): void {
  const cmd = program
    .command('ingest')
    .description('process files and folders into the archive database (idempotent; see "Batch import" in the README)')
    .argument('[paths...]', 'files, folders (walked recursively) and glob patterns ("scans/**/*.pdf")')
    .option('--from <file>', 'also read paths from this file, one per line or NUL-separated ("-" = stdin)')
    .option('--force', 'reprocess files whose bytes are already stored')
    .option('--json', 'JSON lines on stdout: one per file, then a summary')
    .option('--max-size <MB>', 'refuse files larger than this many megabytes', '20')
    .option('--time-limit <seconds>', 'stop a file that takes longer than this (0 = never; default 300 s + 120 s per MB)')
    .option('--no-threads', 'run the pipeline in the main thread (no time limit; for debugging)')
    .option('--no-progress', 'no progress bar even on a terminal (one line per file instead)')
    .option('--quiet', 'log only failures (the summary is always printed)')
    .option('--no-adapt', "do not teach the archive's restoration model the clean files stored (see \"Restoration\" in the README)");
  addJobsOption(cmd);
  addEngineOption(cmd);
  addDbOption(cmd);
  cmd.exitOverride().action(async (paths: string[], opts) => {
    const { usageError, EXIT } = await import('../output.ts');
    const { runIngest } = await import('../../ingest/index.ts');
    const jobs = jobsOption(opts);
    applyEngineOption(opts);
    const { maxBytes, timeLimitMs } = fileLimits(opts);
    if (!paths.length && !opts.from) usageError('nothing to ingest: give files, folders or patterns, or --from FILE');
    const summary = await runIngest({
      inputs: paths,
      from: opts.from,
      db: dbPath(opts),
      force: Boolean(opts.force),
      json: Boolean(opts.json),
      concurrency: jobs,
      maxBytes,
      progress: opts.progress !== false,
      quiet: Boolean(opts.quiet),
      threads: opts.threads !== false,
      adapt: opts.adapt !== false,
      timeLimitMs,
    }).catch((err: any) => {
      if (err?.code === 'ENOENT' && opts.from && err?.path === opts.from) usageError(`--from ${opts.from}: no such file`);
      throw err;
    });
    process.exitCode = summary.failed > 0 ? EXIT.someFailed : summary.interrupted ? 130 : EXIT.ok;
  });
}
