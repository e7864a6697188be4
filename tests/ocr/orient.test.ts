/**
 * Pages that lie the wrong way: found from the pixels (orient.ts) and read turned back. The pure
 * part runs on two real scans (a prose page, a ruled table) turned every way; one small turned
 * scan goes through tesseract.js.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeImage, jpegGreyScaled } from '../../src/ocr/image.ts';
import { detectOrientation, turnUpright, type Turn } from '../../src/ocr/orient.ts';
import type { Bitmap } from '../../src/ocr/rules.ts';
import { loadFile } from '../../src/load/index.ts';
import { closeOcr, ocrFile, setOcrEngine } from '../../src/ocr/index.ts';
import { fold } from '../../src/normalize/index.ts';

const fixture = (name: string) => new URL(`../../fixtures/pdf/${name}`, import.meta.url).pathname;

async function greyJpeg(name: string): Promise<{ bm: Bitmap; dpi: number }> {
  const bytes = readFileSync(fixture(name));
  const img = await decodeImage(bytes, 'image/jpeg', name);
  const data = new Uint8Array(img.width * img.height);
  await jpegGreyScaled(bytes, img.width, img.height, data);
  return { bm: { data, width: img.width, height: img.height }, dpi: img.dpi };
}

/** The upright image as it lies turned `t` degrees clockwise (turning back by 360 − t). */
const turned = (bm: Bitmap, t: Turn) => turnUpright(bm, ((360 - t) % 360) as Turn);

afterAll(closeOcr);

describe('page orientation from the pixels', () => {
  for (const name of ['s001-p1-150.jpg', 's003-ruled-200.jpg']) {
    it(`${name}: each quarter turn is found and undone exactly`, async () => {
      const { bm, dpi } = await greyJpeg(name);
      for (const t of [0, 90, 180, 270] as Turn[]) {
        const img = turned(bm, t);
        if (t === 90 || t === 270) expect([img.width, img.height]).toEqual([bm.height, bm.width]);
        const o = detectOrientation(img, dpi);
        expect(o.turn, `${name} turned ${t}°`).toBe(t);
        const back = turnUpright(img, o.turn);
        expect(back.width).toBe(bm.width);
        expect(Buffer.from(back.data).equals(Buffer.from(bm.data))).toBe(true);
      }
    });
  }

  it('a blank page, or one of a few specks, stays as it is', () => {
    const bm: Bitmap = { data: new Uint8Array(800 * 1100).fill(240), width: 800, height: 1100 };
    expect(detectOrientation(bm, 100).turn).toBe(0);
    for (let i = 0; i < 40; i++) bm.data[(i * 7919) % bm.data.length] = 0;
    expect(detectOrientation(bm, 100).turn).toBe(0);
  });
});

describe('a landscape table scanned as a portrait sheet', () => {
  it('is read turned back: the same rows and cells as the upright scan, in landscape page points', async () => {
    setOcrEngine('wasm');
    const f = await ocrFile(await loadFile(fixture('s003-ruled-turned200.pdf')));
    const page = f.pages[0];
    expect(page.method).toBe('ocr');
    // The sheet is 330 × 560 pt as scanned; read upright it is 560 wide.
    expect(Math.round(page.width ?? 0)).toBe(560);
    expect(Math.round(page.height ?? 0)).toBe(330);
    expect(f.messages.find((m) => m.ruleId === 'page-turned')?.reason).toMatch(/page 1 lies turned 90° clockwise/);
    const rows = f.text.split('\n').filter((l) => l.includes('\t')).map((l) => l.split('\t').map((c) => fold(c)));
    expect(rows.length).toBe(5);
    for (const r of rows) expect(r.length).toBe(6);
    expect(rows[0][1]).toBe('noi dung cong viec');
    expect(rows[1][0]).toMatch(/^i\. truyen thong ve vai tro/);
    expect(rows.slice(2).map((r) => r[0])).toEqual(['1', '2', '3']);
    expect(rows[2][2]).toBe('van phong ubnd tinh');
    for (const l of page.lines ?? []) {
      expect(l.box[2]).toBeLessThanOrEqual((page.width ?? 0) + 1);
      expect(l.box[3]).toBeLessThanOrEqual((page.height ?? 0) + 1);
    }
  });
});
