/**
 * `vanban queue add PATH…` and `vanban queue status`: the ingest queue of a cluster, kept in the
 * PostgreSQL archive itself (src/queue/). Workers (`vanban worker`) take the files.
 */
import type { Command } from 'commander';
import { addDbOption, pgDbUrl } from '../db-option.ts';

export function register(program: Command): void {
  const queue = program.command('queue').description('the ingest queue of a PostgreSQL archive, for `vanban worker` on any number of machines');
  const add = queue
    .command('add')
    .description('queue files, folders (recursive), globs or --from lists for the workers; a file stored or queued already is not queued again')
    .argument('[paths...]', 'files, folders and glob patterns, as `ingest` takes them (paths every worker can read, or maps with --path-map)')
    .option('--from <file>', 'also read paths from this file, one per line or NUL-separated ("-" = stdin)')
    .option('--lease <seconds>', "how long a worker may hold a file before another takes it (default: the file's time limit + 60 s)")
    .option('--force', 'queue files already stored too: the workers process them again and replace what is stored (as `ingest --force`)')
    .option('--json', 'the counts as JSON');
  addDbOption(add);
  add.exitOverride().action(async (paths: string[], opts) => {
    const { usageError, printJson } = await import('../output.ts');
    const url = await pgDbUrl(opts, 'vanban queue add');
    const lease = opts.lease === undefined ? undefined : Number(opts.lease);
    if (lease !== undefined && !(Number.isInteger(lease) && lease >= 1)) usageError(`--lease must be a whole number of seconds (1 or more), not "${opts.lease}"`);
    if (!paths.length && !opts.from) usageError('nothing to queue: give files, folders or patterns, or --from FILE');
    const { openPg, closePg } = await import('../../store/pg.ts');
    const { addToQueue } = await import('../../queue/add.ts');
    const a = await openPg(url);
    try {
      const s = await addToQueue(a, { inputs: paths, from: opts.from, lease, force: Boolean(opts.force) }).catch((err: any) => {
        if (err?.code === 'ENOENT' && opts.from && err?.path === opts.from) usageError(`--from ${opts.from}: no such file`);
        throw err;
      });
      if (opts.json) printJson(s);
      else process.stdout.write(`${s.queued} queued${s.forced ? ` (${s.forced} of them stored already, to be replaced)` : ''}, ${s.pending} already queued, ${s.stored} already stored${s.unusable ? `, ${s.unusable} inputs naming nothing (in ingest_errors)` : ''}\n`);
      process.exitCode = s.unusable ? 1 : 0;
    } finally {
      await closePg(a);
    }
  });

  const status = queue
    .command('status')
    .description('the whole cluster: files queued, running (by worker), done, failed; rate and time left')
    .option('--json', 'as JSON');
  addDbOption(status);
  status.exitOverride().action(async (opts) => {
    const { printJson, formatTable } = await import('../output.ts');
    const url = await pgDbUrl(opts, 'vanban queue status');
    const { openPg, closePg } = await import('../../store/pg.ts');
    const { queueStatus } = await import('../../queue/queue.ts');
    const a = await openPg(url, { readonly: true });
    try {
      const s = await queueStatus(a);
      if (opts.json) return printJson(s);
      const eta = s.etaSeconds === null ? 'unknown' : `${Math.floor(s.etaSeconds / 3600)} h ${Math.floor((s.etaSeconds % 3600) / 60)} min ${s.etaSeconds % 60} s`;
      process.stdout.write(
        `queued ${s.queued}, retrying ${s.retrying}, running ${s.running}, done ${s.done}, failed ${s.failed} (${s.errors} files in ingest_errors)\n` +
          `rate ${s.perMinute} files/min over the last 10 minutes, time left ${eta}\n`,
      );
      if (s.workers.length) {
        process.stdout.write(formatTable(['WORKER', 'RUNNING', 'DONE', 'SEEN'], s.workers.map((w) => [w.worker, w.running, w.done, `${w.seenSecondsAgo} s ago`])));
      }
    } finally {
      await closePg(a);
    }
  });
}
