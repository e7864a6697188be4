/**
 * The WebAssembly engine's threads (src/ocr/wasm-worker.ts) as the pool drives them: a page read
 * there gives the words on it, one image per job with its own segmentation mode, and a thread
 * that goes away fails the page it held instead of leaving it waiting.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { closeOcr, recognize, setOcrEngine } from '../../src/ocr/pool.ts';

const jpg = readFileSync(new URL('../../fixtures/pdf/s001-p1-150.jpg', import.meta.url));

afterEach(async () => {
  await closeOcr();
  setOcrEngine('auto');
});

describe('tesseract.js-core threads', () => {
  it('read a scanned page into lines of words with boxes inside the image', async () => {
    setOcrEngine('wasm');
    const page = await recognize(jpg);
    const text = page.lines.map((l) => l.text).join('\n');
    expect(text).toContain('QUYẾT ĐỊNH');
    expect(page.width).toBeGreaterThan(1000);
    for (const w of page.lines.flatMap((l) => l.words)) {
      expect(w.bbox[0]).toBeGreaterThanOrEqual(0);
      expect(w.bbox[2]).toBeLessThanOrEqual(page.width);
    }
  }, 120_000);

  it('keep a psm to its own image: a page read after a one-line job is segmented as a page again', async () => {
    setOcrEngine('wasm');
    // One after the other: the pool hands the next job to the thread that finished last.
    const page = await recognize(jpg);
    const line = await recognize(jpg, { psm: '7' });
    const again = await recognize(jpg);
    // As one line, the whole page is squeezed into at most a line or two; as a page, many lines.
    expect(page.lines.length).toBeGreaterThan(10);
    expect(line.lines.length).toBeLessThanOrEqual(2);
    expect(again.lines.map((l) => l.text)).toEqual(page.lines.map((l) => l.text));
  }, 180_000);

  it('fail the page in progress when the threads are closed under it, not leave it waiting', async () => {
    setOcrEngine('wasm');
    // The outcome is taken at once: the page may fail while closeOcr is still being awaited.
    const outcome = recognize(jpg).then(
      () => null,
      (e: Error) => e,
    );
    // Started, then closed while the page is read.
    await new Promise((r) => setTimeout(r, 1500));
    await closeOcr();
    expect(String(await outcome)).toMatch(/could not read the image \(the OCR thread stopped/);
    // The next page starts a fresh thread.
    const page = await recognize(jpg);
    expect(page.lines.map((l) => l.text).join('\n')).toContain('QUYẾT ĐỊNH');
  }, 180_000);
});
