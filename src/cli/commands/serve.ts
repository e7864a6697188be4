/** `vanban serve`: the analysts' web page over the archive, read-only, on localhost by default. */
import type { Command } from 'commander';
import { addDbOption, dbPath } from '../db-option.ts';

export function register(program: Command): void {
  const cmd = program
    .command('serve')
    .description('a read-only web page over the archive: search, documents with their page images, tasks, targets, citations')
    .option('--port <n>', 'port to listen on (0: any free one)', '8080')
    .option('--host <host>', 'address to listen on (another than 127.0.0.1 makes the archive readable from the network)', '127.0.0.1');
  addDbOption(cmd);
  cmd.action(async (opts) => {
    const { usageError, reportError } = await import('../output.ts');
    const port = Number(opts.port);
    if (!/^\d+$/.test(String(opts.port)) || port > 65535) usageError(`--port must be a whole number from 0 to 65535, not "${opts.port}"`);
    const { openDb, closeDb } = await import('../../store/index.ts');
    const path = dbPath(opts);
    const { isPgUrl, redact, openPg, closePg } = await import('../../store/pg.ts');
    const pgUrl = isPgUrl(path);
    let db: import('../../store/archive.ts').Archive;
    try {
      db = pgUrl ? await openPg(path, { readonly: true }) : openDb(path, { readonly: true, existingArchive: true });
    } catch (err: any) {
      reportError(err?.missing ? 'not-found' : 'failed', err?.message ?? String(err));
      process.exitCode = 1;
      return;
    }
    const close = async () => {
      if ('kind' in db) await closePg(db);
      else closeDb(db);
    };
    const { listen } = await import('../../serve/server.ts');
    let running;
    try {
      running = await listen(db, port, opts.host);
    } catch (err: any) {
      await close();
      const why = err?.code === 'EADDRINUSE' ? `port ${port} on ${opts.host} is in use (try --port ${port + 1}, or --port 0 for any free one)` : err?.code === 'EADDRNOTAVAIL' || err?.code === 'ENOTFOUND' ? `--host ${opts.host}: not an address of this machine` : String(err?.message ?? err);
      reportError('failed', why);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`vanban serve: ${pgUrl ? redact(path) : path} on ${running.url} (read-only; Ctrl-C stops)\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void running
          .close()
          .then(close)
          .then(() => {
            process.stderr.write('vanban serve: stopped\n');
            resolve();
          });
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
  });
}
