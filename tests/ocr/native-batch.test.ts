/**
 * The native engine reads several images in one tesseract process (a list file, the TSV split
 * by page number). This pins that the batched path gives each image exactly what one process
 * per image gives: real cell crops of a ruled scan (fixtures/pdf/s003-ruled-200.jpg), cut the
 * way the OCR stage cuts them, with both psm, and the page itself in the same batch.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyCellCrops } from '../../src/ocr/cells.ts';
import { jpegGreyScaled, jpegHeader } from '../../src/ocr/image.ts';
import { ocrLayout, ruledGrids, upright } from '../../src/ocr/index.ts';
import { nativeProcessCount, recognize, setOcrEngine, setOcrJobs, ocrJobs, splitTsvPages, type OcrPage } from '../../src/ocr/pool.ts';
import { pgmImage } from '../../src/ocr/preprocess.ts';

const hasTesseract = spawnSync('tesseract', ['--version'], { stdio: 'ignore' }).status === 0;
const file = new URL('../../fixtures/pdf/s003-ruled-200.jpg', import.meta.url).pathname;

describe('a multi-image TSV split by page number', () => {
  it('gives each image its own rows, and an image without rows an empty TSV', () => {
    const tsv = ['level\tpage_num\tblock_num', '1\t1\t0', '5\t1\t1', '1\t3\t0', '5\t3\t1', ''].join('\n');
    expect(splitTsvPages(tsv, 3)).toEqual(['1\t1\t0\n5\t1\t1', '', '1\t3\t0\n5\t3\t1']);
  });
});

describe.skipIf(!hasTesseract)('native engine: many images in one process', () => {
  const jobs = ocrJobs();
  afterAll(() => {
    setOcrJobs(jobs);
    setOcrEngine('wasm');
  });

  it('reads real cell crops and a page as one process per image does, one process per psm', async () => {
    setOcrEngine('native');
    setOcrJobs(1);
    // The page as imagePage() prepares it: grey, upright, its rules found and whitened.
    const bytes = readFileSync(file);
    const { width, height } = jpegHeader(bytes);
    const dpi = 200;
    const grey = pgmImage(width, height);
    await jpegGreyScaled(bytes, width, height, grey.pixels);
    const page = upright(grey.image, { data: grey.pixels, width, height }, dpi);
    const scale = 72 / dpi;
    const ruled = ruledGrids(page.bm, scale)!;
    expect(ruled).not.toBeNull();
    const first = await recognize(page.image);
    const { tables } = ocrLayout(first, (page.bm.width * 72) / dpi, scale, ruled);
    const crops = emptyCellCrops(tables, page.bm, ruled.angle, scale, 128, true).slice(0, 12);
    expect(crops.length).toBeGreaterThanOrEqual(8);
    // Both psm among the crops, so the batch is split by psm.
    const inputs = [...crops.map((c) => ({ image: c.image, psm: c.psm })), { image: page.image, psm: undefined }];
    expect(new Set(inputs.map((i) => i.psm)).size).toBe(3);

    // One process per image: each asked for after the last one came back.
    const alone: OcrPage[] = [];
    for (const i of inputs) alone.push(await recognize(i.image, { psm: i.psm }));
    // All asked for at once: batched.
    const before = nativeProcessCount();
    const together = await Promise.all(inputs.map((i) => recognize(i.image, { psm: i.psm })));
    expect(nativeProcessCount() - before).toBe(3);

    expect(together).toEqual(alone);
    expect(together.at(-1)).toEqual(first);
    // Not vacuous: the crops read text.
    expect(alone.filter((p) => p.lines.length > 0).length).toBeGreaterThanOrEqual(crops.length / 2);
  }, 120_000);

  it('an unreadable image in a batch fails its own job only', async () => {
    setOcrEngine('native');
    setOcrJobs(1);
    const broken = Buffer.concat([Buffer.from('P5\n4000 4000\n255\n'), Buffer.alloc(10)]);
    const small = pgmImage(40, 20);
    small.pixels.fill(255);
    const before = nativeProcessCount();
    const [a, b, c] = await Promise.allSettled([recognize(small.image, { psm: '7' }), recognize(broken, { psm: '7' }), recognize(small.image, { psm: '7' })]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    expect(String((b as PromiseRejectedResult).reason?.message)).toMatch(/the OCR engine could not read the image/);
    expect(c.status).toBe('fulfilled');
    // The list that failed, then each image alone.
    expect(nativeProcessCount() - before).toBe(4);
  }, 60_000);
});
