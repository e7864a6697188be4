/**
 * A ruled table on a scanned page, through tesseract.js: one small 200-dpi page (the start of
 * seed 003's plan table, skewed 0.8°, grain, JPEG; scripts/make-table-scans.ts), so CI OCRs
 * one image. The grid comes from the image's rules, the words go to its cells.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadFile } from '../../src/load/index.ts';
import { closeOcr, ocrFile, setOcrEngine } from '../../src/ocr/index.ts';
import { fold } from '../../src/normalize/index.ts';
import { cer } from '../../src/ocr/cer.ts';

const file = new URL('../../fixtures/pdf/s003-ruled-scan200.pdf', import.meta.url).pathname;

afterAll(closeOcr);

describe('ruled table on a scan', () => {
  it('comes out as table rows: one line per row, a cell per column, group row merged, numbers read', async () => {
    setOcrEngine('wasm');
    const f = await ocrFile(await loadFile(file));
    expect(f.pages.map((p) => p.method)).toEqual(['ocr']);
    const lines = f.text.split('\n');
    const rows = lines.filter((l) => l.includes('\t')).map((l) => l.split('\t'));
    // Header, the group row, three task rows: nothing else, nothing lost.
    expect(rows.length).toBe(5);
    for (const r of rows) expect(r.length).toBe(6);
    const [header, group, ...tasks] = rows.map((r) => r.map((c) => fold(c)));
    expect(header[1]).toBe('noi dung cong viec');
    expect(header[2]).toContain('don vi thuc hien');
    // The group row spans every column: its text in the first cell, the others empty.
    expect(group[0]).toMatch(/^i\. truyen thong ve vai tro/);
    expect(group.slice(1)).toEqual(['', '', '', '', '']);
    // Row numbers (tesseract's page layout drops them; the empty cells are read alone).
    expect(tasks.map((r) => r[0])).toEqual(['1', '2', '3']);
    expect(tasks[0][2]).toBe('van phong ubnd tinh');
    expect(cer(tasks[2][2], 'so tu phap; cac so, ban, nganh; ubnd cap huyen, ubnd cap xa')).toBeLessThan(0.05);
    for (const r of tasks) expect(r[5]).toBe('thuong xuyen');
    // A cell's wrapped lines are one cell; rules are not read as text.
    expect(cer(tasks[0][1], fold('Phối hợp với Ủy ban Mặt trận Tổ quốc và Đoàn thể các cấp đảm bảo phát huy vai trò giám'))).toBeLessThan(0.05);
    expect(f.text).not.toMatch(/[|_]/);
    // Every row keeps a box in page points.
    const page = f.pages[0];
    const rowLines = (page.lines ?? []).filter((l) => f.text.slice(l.start, l.end).includes('\t'));
    expect(rowLines.length).toBe(5);
    for (const l of rowLines) expect(l.box[2]).toBeLessThanOrEqual((page.width ?? 0) + 1);
  });

  it('an image file (JPEG, skewed the other way) is read the same way', async () => {
    const f = await ocrFile(await loadFile(file.replace('s003-ruled-scan200.pdf', 's003-ruled-200.jpg')));
    const rows = f.text.split('\n').filter((l) => l.includes('\t')).map((l) => l.split('\t').map((c) => fold(c)));
    expect(rows.length).toBe(5);
    for (const r of rows) expect(r.length).toBe(6);
    expect(rows[1][0]).toMatch(/^\S{1,3} truyen thong ve vai tro/);
    expect(rows[1].slice(1)).toEqual(['', '', '', '', '']);
    expect(rows.slice(2).map((r) => r[0])).toEqual(['1', '2', '3']);
    expect(rows[2][2]).toBe('van phong ubnd tinh');
    expect(f.text).not.toMatch(/[|_]/);
  });
});
