/**
 * Worker-thread side of the pipeline pool: receives a loaded file, runs the stages after
 * load, sends the processed file back. Runs in its own thread so that a file that hangs a
 * stage (a pathological input) can be stopped by terminating the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { VbFile } from '../../schemas/document.ts';
import { pipeline, type PipelineOptions } from '../pipeline.ts';
import { setOcrJobs } from '../ocr/index.ts';

// Several pipeline threads share the cores: each gets its share of OCR workers.
if (workerData?.ocrJobs) setOcrJobs(workerData.ocrJobs);

export interface WorkRequest {
  id: number;
  file: VbFile;
  options: PipelineOptions;
}
export type WorkReply = { id: number; file: VbFile } | { id: number; error: string };

async function process(file: VbFile, options: PipelineOptions): Promise<VbFile> {
  let out = file;
  async function* one() {
    yield file;
  }
  for await (const f of pipeline(options)(one())) out = f;
  return out;
}

parentPort!.on('message', async (req: WorkRequest) => {
  let reply: WorkReply;
  try {
    reply = { id: req.id, file: await process(req.file, req.options) };
  } catch (err: any) {
    reply = { id: req.id, error: err?.stack ?? String(err) };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true });
