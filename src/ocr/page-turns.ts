/**
 * One page prepared at a time across a batch's pipeline threads. Preparing a scanned page (its
 * image sampled to grey or rendered, despeckled, turned upright, its rules found) is the moment
 * a thread's memory peaks, by ~50–200 MB for an A4 page at 300 dpi, and takes well under a
 * second against the several seconds of OCR that follow; two threads preparing pages together stack their
 * peaks for nothing. The turn is a lock word in shared memory: `ingest`'s pool makes it, hands
 * it to every thread, and frees it when it terminates a thread that held it. Without one
 * (`vanban ocr`, tests: a single thread) taking a turn costs nothing.
 */
import { threadId } from 'node:worker_threads';

let word: Int32Array | null = null;

// Node 20 has Atomics.waitAsync (V8); the TypeScript lib here (ES2022) does not name it yet.
const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, ms: number): { async: boolean; value: Promise<string> | string } }).waitAsync;

/** The shared lock word for a pool's threads (0 = free, else the holder's threadId). */
export function makePageTurns(): SharedArrayBuffer {
  return new SharedArrayBuffer(4);
}

/** Use the pool's lock word in this thread. */
export function usePageTurns(buffer: SharedArrayBuffer | null): void {
  word = buffer ? new Int32Array(buffer) : null;
}

/** A thread stuck past this is waited for no longer (a lost turn must not stall the batch). */
const MAX_WAIT_MS = 20_000;

/** Wait for this thread's turn to prepare a page; returns the release. */
export async function pageTurn(): Promise<() => void> {
  const w = word;
  if (!w) return () => {};
  const me = threadId || -1;
  const until = Date.now() + MAX_WAIT_MS;
  for (;;) {
    const held = Atomics.compareExchange(w, 0, 0, me);
    if (held === 0) break;
    const left = until - Date.now();
    if (left <= 0) return () => {};
    const r = waitAsync(w, 0, held, Math.min(left, 1000));
    if (r.async) await r.value;
  }
  return () => {
    if (Atomics.compareExchange(w, 0, me, 0) === me) Atomics.notify(w, 0, 1);
  };
}

/** Free the turn a thread held when it was terminated (its release never runs). */
export function freePageTurn(buffer: SharedArrayBuffer, holder: number): void {
  const w = new Int32Array(buffer);
  if (Atomics.compareExchange(w, 0, holder, 0) === holder) Atomics.notify(w, 0, 1);
}
