/**
 * Starting a worker thread on one of our own modules. `bin/vanban` runs the compiled copy
 * (`.js`), tests and scripts run the sources (`.ts`): a `.ts` entry is loaded through tsx's
 * hooks, registered inside the thread before the entry is imported.
 */
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const BOOT = `
const { workerData } = require('node:worker_threads');
const tsx = workerData.tsxApi ? import(workerData.tsxApi).then((m) => m.register()) : Promise.resolve();
tsx.then(() => import(workerData.entry));
`;

/** The module `name` next to the module at `importMetaUrl`, with that module's own extension. */
export function siblingModule(importMetaUrl: string, name: string): URL {
  return new URL(`./${name}${extname(fileURLToPath(importMetaUrl))}`, importMetaUrl);
}

/** A thread running `entry`; `workerData` reaches it as given (plus two keys of the boot code). */
export function startThread(entry: URL, opts: Omit<WorkerOptions, 'eval'> & { workerData?: Record<string, unknown> } = {}): Worker {
  return new Worker(BOOT, {
    ...opts,
    eval: true,
    workerData: {
      ...opts.workerData,
      tsxApi: entry.pathname.endsWith('.ts') ? pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href : undefined,
      entry: entry.href,
    },
  });
}
