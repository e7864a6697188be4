/**
 * Worker-thread side of the pipeline pool: receives loaded files, runs the stages after
 * load, sends the processed file back. Runs in its own thread so that a file that hangs a
 * stage (a pathological input) can be stopped by terminating the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { VbFile } from '../../schemas/document.ts';
import { checkModel, processFile, type ModelCheck, type PipelineOptions } from '../pipeline.ts';
import { onPdfPage, setOcrJobs } from '../ocr/index.ts';
import { usePageTurns } from '../ocr/page-turns.ts';
import { adoptModel, type RestoreModel, type SharedModel } from '../restore/index.ts';

// Several pipeline threads share the cores: each gets its share of OCR workers.
if (workerData?.ocrJobs) setOcrJobs(workerData.ocrJobs);
// …and the pool's page turns: one scanned page prepared at a time across the threads.
usePageTurns(workerData?.pageTurns ?? null);

export interface WorkRequest {
  id: number;
  file: VbFile;
  options: PipelineOptions;
}
/** A processed file and its check against the model; or a failure. */
export type WorkReply = { id: number; file: VbFile; checked: ModelCheck } | { id: number; error: string };
/** Sent while a PDF's pages are read: pages read of its total. */
export interface PageProgress {
  id: number;
  pages: { done: number; total: number };
}

/** The batch's restoration model, handed over by the pool before the first file (none: restoration off). */
let model: RestoreModel | undefined;

async function work(req: WorkRequest): Promise<void> {
  let reply: WorkReply;
  try {
    const options = model ? { ...req.options, restore: { ...req.options.restore, model } } : req.options;
    onPdfPage((done, total) => parentPort!.postMessage({ id: req.id, pages: { done, total } } satisfies PageProgress));
    const out = await processFile(req.file, options);
    // Checked here, off the main thread, which only writes what comes back valid.
    const checked = checkModel(out);
    // When it conforms, `file` is the checked copy itself: sent once, not twice.
    reply = { id: req.id, file: checked.ok ? checked.file : out, checked };
  } catch (err: any) {
    reply = { id: req.id, error: err?.stack ?? String(err) };
  } finally {
    onPdfPage(null);
  }
  parentPort!.postMessage(reply);
}

/** Files the pool dropped while they waited here (the batch was interrupted): never started. */
const dropped = new Set<number>();
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

// The pool posts the next file before this one is done: files are processed one after the
// other, in the order they came (the stages await between steps, and would interleave).
// Each waits a turn of the event loop first, so a drop message sent meanwhile is read before it.
let queue = Promise.resolve();
parentPort!.on('message', (req: WorkRequest | { model: SharedModel } | { drop: number[] }) => {
  // The restoration model the batch loaded once, in shared memory: the first message, if any.
  if ('model' in req) model = adoptModel(req.model);
  else if ('drop' in req) for (const id of req.drop) dropped.add(id);
  else
    queue = queue.then(nextTurn).then(() => {
      if (dropped.delete(req.id)) return;
      return work(req);
    });
});
parentPort!.postMessage({ ready: true });
