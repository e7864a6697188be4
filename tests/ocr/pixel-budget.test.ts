/**
 * Pixel budgets (src/ocr/budget.ts), through the CLI as archivists run it: a huge page is OCR'd
 * at a lower dpi with a message and bounded memory, a huge image is refused from its header, a
 * large one is read smaller, and the files beside them are stored.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dpiWithinBudget, PAGE_PIXEL_BUDGET, pixelsAt } from '../../src/ocr/budget.ts';
import { decodeImage, jpegGreyScaled, jpegHeader, pngHeader } from '../../src/ocr/image.ts';
import { openPdf, renderPageGrey } from '../../src/ocr/pdf.ts';
import { pngGreyScaled } from '../../src/ocr/png.ts';
import { openDb } from '../../src/store/index.ts';
import { FIXTURES, SEEDS, start } from '../ingest/cli.ts';
import { bigPagePdf, blankPng, pngOf, posterPng } from './big-inputs.ts';

const tmp = mkdtempSync(join(tmpdir(), 'vanban-pixels-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Peak resident memory of a process and its descendants (sum of their high-water marks), in bytes. */
function peakRss(pid: number): number {
  let total = 0;
  const visit = (p: number) => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
      for (const t of readdirSync(`/proc/${p}/task`)) {
        for (const c of readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').split(' ').filter(Boolean)) visit(Number(c));
      }
    } catch {
      // gone meanwhile
    }
  };
  visit(pid);
  return total;
}

/** `vanban ARGS` with its peak memory, sampled until it exits (VmHWM only grows). */
async function vanbanPeak(args: string[]): Promise<{ code: number | null; stderr: string; peak: number }> {
  const { child, done } = start(args);
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, peakRss(child.pid!))), 100);
  const r = await done;
  clearInterval(timer);
  return { code: r.code, stderr: r.stderr, peak };
}

describe('page pixel budget', () => {
  it('keeps the usual dpi for the largest sheets offices scan, lowers it for larger pages', () => {
    expect(dpiWithinBudget(11.69, 16.54, 400)).toBe(400); // A3 at 400 dpi: 31 MP
    expect(dpiWithinBudget(16.54, 23.39, 300)).toBe(300); // A2 at 300 dpi: 35 MP
    const side = 4000 / 72;
    const dpi = dpiWithinBudget(side, side, 300);
    const at = (d: number) => pixelsAt(side, side, d);
    expect(at(dpi).width * at(dpi).height).toBeLessThanOrEqual(PAGE_PIXEL_BUDGET);
    expect(at(dpi + 1).width * at(dpi + 1).height).toBeGreaterThan(PAGE_PIXEL_BUDGET); // the largest that fits
    expect(dpiWithinBudget(200, 200, 300)).toBeGreaterThanOrEqual(1);
  });
});

describe('PNG read at a smaller size', () => {
  it('gives each output pixel the mean of its box, whatever the row filters', async () => {
    const w = 37;
    const h = 23;
    const raw = Buffer.alloc((w * 3 + 1) * h);
    const rgb = (x: number, y: number) => [(x * 7 + y) & 255, (x * y) & 255, (y * 11) & 255];
    for (let y = 0; y < h; y++) {
      raw[y * (w * 3 + 1)] = 0;
      for (let x = 0; x < w; x++) raw.set(rgb(x, y), y * (w * 3 + 1) + 1 + x * 3);
    }
    const out = await pngGreyScaled(pngOf(w, h, raw, 3), 5, 4);
    const sum = new Array(20).fill(0);
    const n = new Array(20).fill(0);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const [r, g, b] = rgb(x, y);
        const k = Math.floor((y * 4) / h) * 5 + Math.floor((x * 5) / w);
        sum[k] += (r * 77 + g * 150 + b * 29) >> 8;
        n[k]++;
      }
    expect([...out]).toEqual(sum.map((s, k) => Math.round(s / n[k])));
    await expect(pngGreyScaled(pngOf(w, h, raw, 3).subarray(0, 60), 5, 4)).rejects.toThrow(/PNG/);
  });
});

describe('JPEG read at a smaller size', () => {
  it('samples the decoded page down: the same pixels as the canvas decoder gives at those places', async () => {
    const jpg = readFileSync(join(FIXTURES, 'pdf/s001-p1-150.jpg'));
    const { width, height } = jpegHeader(jpg);
    const { createCanvas, loadImage } = await import('@napi-rs/canvas');
    const img = await loadImage(jpg);
    const ctx = createCanvas(width, height).getContext('2d');
    ctx.drawImage(img, 0, 0);
    const rgba = ctx.getImageData(0, 0, width, height).data;
    const tw = Math.floor(width / 2);
    const th = Math.floor(height / 2);
    const out = new Uint8Array(tw * th);
    await jpegGreyScaled(jpg, tw, th, out);
    let diff = 0;
    let dark = 0;
    for (let y = 0; y < th; y++)
      for (let x = 0; x < tw; x++) {
        const p = ((y * 2) * width + x * 2) * 4;
        diff += Math.abs(out[y * tw + x] - ((rgba[p] * 77 + rgba[p + 1] * 150 + rgba[p + 2] * 29) >> 8));
        if (out[y * tw + x] < 128) dark++;
      }
    expect(diff / out.length).toBeLessThan(3); // decoders differ in IDCT rounding only
    expect(dark / out.length).toBeGreaterThan(0.01); // print, not a blank
  });
});

describe('an interlaced PNG above the page budget', () => {
  it('is refused with its size (it cannot be read row by row)', async () => {
    const png = Buffer.from(blankPng(8000, 6000));
    png[8 + 8 + 12] = 1; // IHDR interlace method: Adam7
    await expect(decodeImage(png, 'image/png', 'big.png')).rejects.toMatchObject({ ruleId: 'image-unsupported', message: expect.stringMatching(/^big\.png: the interlaced PNG image is 8000×6000 px \(48 MP\)/) });
  });
});

describe('huge inputs in a batch', () => {
  it('a 4000 pt page is OCR\'d at a lower dpi with a message, a 40000² PNG is refused by its size, the seed beside them is stored, memory stays bounded', async () => {
    const dir = join(tmp, 'batch');
    const db = join(tmp, 'batch.db');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    await bigPagePdf(join(dir, 'poster.pdf'), 4000);
    writeFileSync(join(dir, 'huge.png'), blankPng(40000, 40000));
    writeFileSync(join(dir, SEEDS[0]), readFileSync(join(FIXTURES, SEEDS[0])));
    const r = await vanbanPeak(['ingest', dir, '--db', db]);
    expect(r.code, r.stderr).toBe(1); // one file failed
    const conn = openDb(db, { readonly: true });
    const errs = conn.prepare('SELECT path, rule, reason FROM ingest_errors').all() as { path: string; rule: string; reason: string }[];
    expect(errs.map((e) => [e.path, e.rule])).toEqual([[join(dir, 'huge.png'), 'image-too-large']]);
    expect(errs[0].reason).toMatch(/40000×40000 px \(1600 MP\), above the 150 MP limit/);
    const stored = conn.prepare('SELECT path FROM files ORDER BY path').all() as { path: string }[];
    expect(stored.map((f) => f.path)).toEqual([join(dir, SEEDS[0]), join(dir, 'poster.pdf')].sort());
    const msgs = conn.prepare("SELECT m.page, m.severity, m.reason FROM messages m JOIN files f ON f.id = m.file_id WHERE m.rule = 'page-downscaled'").all() as any[];
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ page: 1, severity: 'warning' });
    expect(msgs[0].reason).toMatch(/page 1 is 4000×4000 pt .*16667×16667 px \(278 MP\), above the 40 MP page budget; rendered at 113 dpi \(6278×6278 px\)/);
    const pages = conn.prepare('SELECT method FROM pages p JOIN files f ON f.id = p.file_id WHERE f.path = ?').all(join(dir, 'poster.pdf')) as any[];
    expect(pages).toEqual([{ method: 'ocr' }]);
    conn.close();
    // The page alone took 3.9 GB when rendered at 300 dpi.
    console.log(`peak RSS ${(r.peak / 1e6).toFixed(0)} MB`);
    expect(r.peak).toBeGreaterThan(0);
    expect(r.peak).toBeLessThan(1.5e9);
  }, 240_000);

  it('a 45 MP PNG is read at 40 MP with a message, and its print is OCR\'d', async () => {
    // The header band of a fixture page at 300 dpi, drawn twice its size on a 9000×5000 sheet.
    const doc = await openPdf(readFileSync(join(FIXTURES, 'pdf/s000-text.pdf')), 's000-text.pdf');
    const { image, width } = await renderPageGrey(doc, await doc.getPage(1), 300);
    await doc.destroy();
    const offset = image.indexOf('\n255\n') + 5;
    const bandH = 720;
    const png = posterPng(9000, 5000, image.subarray(offset, offset + width * bandH), width, bandH, 2, 200, 200);
    expect(pngHeader(png)).toMatchObject({ width: 9000, height: 5000 });
    const path = join(tmp, 'poster.png');
    writeFileSync(path, png);
    const db = join(tmp, 'poster.db');
    const r = await vanbanPeak(['ingest', path, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const conn = openDb(db, { readonly: true });
    const msgs = conn.prepare("SELECT page, reason FROM messages WHERE rule = 'image-downscaled'").all() as any[];
    expect(msgs).toHaveLength(1);
    expect(msgs[0].reason).toMatch(/9000×5000 px \(45 MP, 300 dpi\), above the 40 MP page budget; read at 8485×4714 px \(283 dpi\)/);
    const text = (conn.prepare('SELECT text AS t FROM files').get() as { t: string }).t;
    expect(text).toContain('Số: 7260/VP-KGVX');
    expect(text).toContain('Kiên Giang, ngày 17 tháng 11 năm 2020');
    conn.close();
  }, 240_000);
});
