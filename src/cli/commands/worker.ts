/**
 * `vanban worker --db postgresql://…`: take files from the queue, run the pipeline, store each
 * file in one transaction (src/queue/worker.ts). Ctrl-C: finish the files in progress, then stop.
 */
import type { Command } from 'commander';
import { addDbOption, pgDbUrl } from '../db-option.ts';
import { addEngineOption, addJobsOption, applyEngineOption, fileLimits, jobsOption } from '../run-options.ts';

export function register(program: Command): void {
  const cmd = program
    .command('worker')
    .description('take queued files (`vanban queue add`), run the pipeline and store them; runs on any number of machines')
    .option('--exit-when-empty', 'stop once no file is queued or running anywhere in the cluster')
    .option('--path-map <FROM=TO...>', 'read files queued under the prefix FROM at TO on this machine (repeatable); stored under FROM')
    .option('--max-size <MB>', 'refuse files larger than this many megabytes', '20')
    .option('--time-limit <seconds>', 'stop a file that takes longer than this (0 = never; default 300 s + 120 s per MB, never past the lease)')
    .option('--json', 'a JSON summary on stdout at the end')
    .option('--quiet', 'log only failures')
    .option('--no-adapt', "do not teach the archive's restoration model the clean files stored (as `ingest --no-adapt`)");
  addJobsOption(cmd);
  addEngineOption(cmd);
  addDbOption(cmd);
  cmd.exitOverride().action(async (opts) => {
    const { usageError, printJson } = await import('../output.ts');
    const url = await pgDbUrl(opts, 'vanban worker');
    const jobs = jobsOption(opts);
    applyEngineOption(opts);
    const { maxBytes, timeLimitMs } = fileLimits(opts);
    const { parsePathMaps, runWorker } = await import('../../queue/worker.ts');
    let pathMap: [string, string][] = [];
    try {
      pathMap = parsePathMaps(opts.pathMap ?? []);
    } catch (err: any) {
      usageError(err.message);
    }
    const { openPg, closePg } = await import('../../store/pg.ts');
    const { interruptible, releaseWorkers } = await import('../../ingest/index.ts');
    const a = await openPg(url, { max: jobs + 4 });
    const { signal, dispose } = interruptible();
    try {
      const s = await runWorker({
        archive: a,
        jobs,
        exitWhenEmpty: Boolean(opts.exitWhenEmpty),
        pathMap,
        maxBytes,
        timeLimitMs,
        adapt: opts.adapt !== false,
        signal,
        log: opts.quiet ? (l) => l.startsWith('failed') && process.stderr.write(`${l}\n`) : undefined,
      });
      if (opts.json) printJson(s);
      else process.stderr.write(`worker ${s.worker}: ${s.ingested} ingested, ${s.unchanged} unchanged, ${s.failed} failed, ${s.retried} given back to retry, ${s.documents} documents${s.learnt ? `, the archive's model learnt from ${s.learnt} clean files` : ''}, ${(s.elapsedMs / 1000).toFixed(1)} s\n`);
      process.exitCode = s.failed ? 1 : 0;
    } finally {
      dispose();
      await closePg(a);
      await releaseWorkers();
    }
  });
}
