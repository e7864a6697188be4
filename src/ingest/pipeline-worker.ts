/**
 * Worker-thread side of the pipeline pool: receives a loaded file, runs the stages after
 * load, sends the processed file back. Runs in its own thread so that a file that hangs a
 * stage (a pathological input) can be stopped by terminating the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { VbFile as VbFileSchema, type VbFile } from '../../schemas/document.ts';
import { pipeline, type PipelineOptions } from '../pipeline.ts';
import { setOcrJobs } from '../ocr/index.ts';
import { adoptModel } from '../restore/index.ts';

// Several pipeline threads share the cores: each gets its share of OCR workers.
if (workerData?.ocrJobs) setOcrJobs(workerData.ocrJobs);
// The restoration model the batch loaded once, in shared memory.
if (workerData?.model) adoptModel(workerData.model);

export interface WorkRequest {
  id: number;
  file: VbFile;
  options: PipelineOptions;
}
/** A processed file, checked against the model (`valid`) or with the first problem (`invalid`); or a failure. */
export type WorkReply = { id: number; file: VbFile; valid?: true; invalid?: string } | { id: number; error: string };

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
    const out = await process(req.file, req.options);
    // Checked here, off the main thread, which only writes what comes back valid.
    const valid = VbFileSchema.safeParse(out);
    if (valid.success) reply = { id: req.id, file: valid.data, valid: true };
    else {
      const issue = valid.error.issues[0]!;
      reply = { id: req.id, file: out, invalid: `${issue.path.join('.')}: ${issue.message}` };
    }
  } catch (err: any) {
    reply = { id: req.id, error: err?.stack ?? String(err) };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true });
