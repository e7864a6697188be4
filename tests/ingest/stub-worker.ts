/**
 * Stand-in for the pipeline thread in the pool tests, speaking the same protocol: text
 * containing HANG spins forever, SLOW takes 800 ms, EXIT kills the thread, THROW fails, MODEL answers with the key
 * of the shared model the thread was given; anything else comes
 * back upper-cased with the thread id (to tell fresh threads from old ones). A thread started
 * while the file named by VANBAN_STUB_NO_START exists fails to start.
 */
import { existsSync } from 'node:fs';
import { parentPort, resourceLimits, threadId } from 'node:worker_threads';

// A thread that cannot start: the file named by VANBAN_STUB_NO_START exists.
if (process.env.VANBAN_STUB_NO_START && existsSync(process.env.VANBAN_STUB_NO_START)) throw new Error('stub cannot start');

let model: { key: string } | undefined;
parentPort!.on('message', (req: { id: number; file: any } | { model: { key: string } }) => {
  if ('model' in req) return void (model = req.model);
  const text: string = req.file.text;
  if (text.includes('HANG')) for (;;);
  if (text.includes('SLOW')) for (const end = Date.now() + 800; Date.now() < end; );
  if (text.includes('EXIT')) process.exit(3);
  if (text.includes('THROW')) return parentPort!.postMessage({ id: req.id, error: 'Error: stage blew up\n    at somewhere' });
  const hog = /HOG (\d+)/.exec(text);
  if (hog) {
    const held: number[][] = [];
    for (let i = 0; i < Number(hog[1]); i++) held.push(new Array(128 * 1024).fill(0.5)); // 1 MB each
    return parentPort!.postMessage({ id: req.id, file: { ...req.file, text: `held ${held.length} MB in ${resourceLimits.maxOldGenerationSizeMb} MB @${threadId}` } });
  }
  if (text.includes('MODEL')) return parentPort!.postMessage({ id: req.id, file: { ...req.file, text: `model ${model?.key ?? 'none'}` } });
  parentPort!.postMessage({ id: req.id, file: { ...req.file, text: `${text.toUpperCase()} @${threadId}` } });
});
parentPort!.postMessage({ ready: true });
