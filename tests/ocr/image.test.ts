/** Image input: header parsing (size, resolution) and OCR of a TIFF made from a fixture page. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jpegHeader, tiffHeader } from '../../src/ocr/image.ts';
import { openPdf, renderPageGrey } from '../../src/ocr/pdf.ts';
import { closeOcr, ocrFile } from '../../src/ocr/index.ts';
import { loadFile } from '../../src/load/index.ts';
import { cer } from '../../src/ocr/cer.ts';
import { greyTiff } from '../../scripts/pdf-fixtures/tiff.ts';

const dir = new URL('../../fixtures/pdf/', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'vanban-ocr-test-'));
afterAll(async () => {
  await closeOcr();
  rmSync(tmp, { recursive: true, force: true });
});

/** The top of a fixture page (the header band) as 8-bit grey pixels at `dpi`. */
async function headerPixels(dpi: number): Promise<{ grey: Uint8Array; width: number; height: number }> {
  const doc = await openPdf(readFileSync(dir + 's000-text.pdf'), 's000-text.pdf');
  const page = await doc.getPage(1);
  const { image, width } = await renderPageGrey(doc, page, dpi);
  await doc.destroy();
  const height = Math.round(dpi * 2.4); // the top 2.4 inches: issuer, quốc hiệu, số, date, V/v
  const offset = image.indexOf('\n255\n') + 5; // after the PGM header
  return { grey: image.subarray(offset, offset + width * height), width, height };
}

describe('image headers', () => {
  it('reads size and dpi of a TIFF', () => {
    const t = greyTiff(new Uint8Array(40 * 30).fill(255), 40, 30, 200);
    expect(tiffHeader(t)).toEqual({ width: 40, height: 30, dpi: 200 });
  });
  it('reads size of a JPEG', () => {
    const h = jpegHeader(readFileSync(dir + 's001-p1-150.jpg'));
    // A4 at 150 dpi.
    expect(Math.abs(h.width - 8.27 * 150)).toBeLessThan(3);
    expect(Math.abs(h.height - 11.69 * 150)).toBeLessThan(3);
  });
});

describe('TIFF input', () => {
  it('OCRs a TIFF page scan and keeps the header reading order', async () => {
    const { grey, width, height } = await headerPixels(300);
    const path = join(tmp, 'header.tif');
    writeFileSync(path, greyTiff(grey, width, height, 300));
    const file = await ocrFile(await loadFile(path));
    expect(file.source.mediaType).toBe('image/tiff');
    expect(file.messages.filter((m) => m.severity === 'error')).toEqual([]);
    expect(file.pages[0]).toMatchObject({ page: 1, method: 'ocr', dpi: 300 });
    // Boxes in points: the page is 8.27 in wide, 595 pt.
    expect(file.pages[0].width).toBeCloseTo(595, -1);
    const want = 'UBND TỈNH KIÊN GIANG VĂN PHÒNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 7260/VP-KGVX Kiên Giang, ngày 17 tháng 11 năm 2020';
    expect(cer(file.text.slice(0, file.text.indexOf('V/v')), want)).toBeLessThanOrEqual(0.02);
  });
});

describe('corrupt images', () => {
  it('fail with a reason, and the pool recovers for the next file', async () => {
    const jpg = readFileSync(dir + 's001-p1-150.jpg');
    const bad = join(tmp, 'bad.png');
    // A PNG signature and header with a wrong CRC: the WASM decoder aborts on it.
    writeFileSync(bad, Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\0\0\0\0', 'latin1'), Buffer.from('garbage')]));
    await expect(ocrFile(await loadFile(bad))).rejects.toThrow(/bad\.png: .*could not read the image/);
    const ok = join(tmp, 'ok.jpg');
    writeFileSync(ok, jpg);
    const file = await ocrFile(await loadFile(ok));
    expect(file.text).toContain('QUYẾT ĐỊNH');
  });
});
