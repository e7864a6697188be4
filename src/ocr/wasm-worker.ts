/**
 * Thread side of the tesseract.js engine: tesseract.js-core (tesseract compiled to
 * WebAssembly) driven directly, one page at a time, TSV out. Lighter than tesseract.js's own
 * worker, which keeps every page's input file and recognition results in the engine's memory
 * until the next page, and whose messages print on the console ("Detected 107 diacritics").
 *
 * In: workerData `{ langPath, parameters }`; messages `WasmJob`. Out: `{ ready: true }` once the
 * model is loaded (or `{ failed }`), then one `WasmReply` per job, in order.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';

export interface WasmJob {
  id: number;
  image: Uint8Array;
  /** Page segmentation mode for this image only. */
  psm?: string;
}
/** `fatal`: the engine aborted and this thread can read nothing more. */
export type WasmReply = { id: number; tsv: string } | { id: number; error: string; fatal: boolean };

const require = createRequire(import.meta.url);
// tesseract.js-core's smallest build that reads the LSTM model, with 128-bit SIMD where the
// CPU has it (the test module is wasm-feature-detect's).
const SIMD_TEST = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
const corePath = WebAssembly.validate(SIMD_TEST) ? 'tesseract.js-core/tesseract-core-simd-lstm' : 'tesseract.js-core/tesseract-core-lstm';
const OEM_LSTM_ONLY = 1;
const PSM_AUTO = '3';

/** A JPEG's EXIF orientation (1 = upright), which tesseract applies when it reads the image. */
function exifOrientation(image: Uint8Array): number {
  const head = Array.from(image.subarray(0, 500)).join(' ');
  return Number(/1 18 0 3 0 0 0 1 0 (\d)/.exec(head)?.[1] ?? 1) || 1;
}

async function start(): Promise<void> {
  const { langPath, parameters } = workerData as { langPath: string; parameters: Record<string, string> };
  const core = await require(corePath)({ print: () => {}, printErr: () => {} });
  core.FS.writeFile('./vie.traineddata', gunzipSync(readFileSync(join(langPath, 'vie.traineddata.gz'))));
  const api = new core.TessBaseAPI();
  if (api.Init(null, 'vie', OEM_LSTM_ONLY) === -1) throw new Error(`tesseract could not load ${join(langPath, 'vie.traineddata.gz')}`);
  core.FS.unlink('./vie.traineddata'); // read whole into the engine: the file's copy is not needed
  for (const [k, v] of Object.entries({ tessedit_pageseg_mode: PSM_AUTO, ...parameters })) api.SetVariable(k, v);

  parentPort!.on('message', (job: WasmJob) => {
    let reply: WasmReply;
    try {
      if (job.psm) api.SetVariable('tessedit_pageseg_mode', job.psm);
      core.FS.writeFile('/input', job.image);
      const unreadable = api.SetImageFile(exifOrientation(job.image), 0) === 1;
      core.FS.unlink('/input');
      if (unreadable) reply = { id: job.id, error: 'Error attempting to read image', fatal: false };
      else {
        api.Recognize(null);
        reply = { id: job.id, tsv: api.GetTSVText(0) };
      }
      // The page's images and results freed now, not when the next page comes.
      api.Clear();
      if (job.psm) api.SetVariable('tessedit_pageseg_mode', PSM_AUTO);
    } catch (err: any) {
      // A corrupt image can abort the WebAssembly instance ("RuntimeError: Aborted"): it is dead.
      const error = String(err?.message ?? err);
      reply = { id: job.id, error, fatal: true };
    }
    parentPort!.postMessage(reply);
  });
  parentPort!.postMessage({ ready: true });
}

start().catch((err) => parentPort!.postMessage({ failed: String(err?.message ?? err) }));
