/** Born-digital PDFs, per-page decisions and broken PDFs, through the stage's own entry point. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFile } from '../../src/load/index.ts';
import { closeOcr, ocrFile, PAGE_SEPARATOR } from '../../src/ocr/index.ts';
import { cer } from '../../src/ocr/cer.ts';
import { run } from '../../src/pipeline.ts';

const dir = new URL('../../fixtures/pdf/', import.meta.url).pathname;
const broken = new URL('../../fixtures/broken/', import.meta.url).pathname;
const reference = (name: string) => readFileSync(dir + name, 'utf8').split(PAGE_SEPARATOR);
const ocr = async (name: string) => ocrFile(await loadFile(dir + name));

afterAll(closeOcr);

describe('born-digital PDFs', () => {
  it('reads the text layer of every page, in reading order, with page offsets', async () => {
    for (const [pdf, txt] of [['s000-text.pdf', 's000.txt'], ['s001-text.pdf', 's001.txt'], ['s004-text.pdf', 's004.txt']]) {
      const file = await ocr(pdf);
      const ref = reference(txt);
      expect(file.messages.filter((m) => m.severity === 'error')).toEqual([]);
      expect(file.pages.map((p) => p.method)).toEqual(ref.map(() => 'textlayer'));
      file.pages.forEach((p, i) => {
        expect(p.page).toBe(i + 1);
        expect(cer(file.text.slice(p.start, p.end), ref[i]), `${pdf} p${p.page}`).toBeLessThan(0.002);
        if (i > 0) expect(file.text.slice(file.pages[i - 1].end, p.start)).toBe(PAGE_SEPARATOR);
      });
      expect(file.original).toBe(file.text);
    }
  });

  it('puts the header in reading order: issuer, quốc hiệu, số, place and date', async () => {
    const file = await ocr('s000-text.pdf');
    const head = file.text.split('\n').filter(Boolean).slice(0, 6);
    expect(head).toEqual([
      'UBND TỈNH KIÊN GIANG',
      'VĂN PHÒNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 7260/VP-KGVX',
      'Kiên Giang, ngày 17 tháng 11 năm 2020',
    ]);
  });

  it('gives every line a box inside the page and offsets that point at its text', async () => {
    const file = await ocr('s001-text.pdf');
    const p = file.pages[0];
    expect(p.lines!.length).toBeGreaterThan(20);
    for (const l of p.lines!) {
      expect(l.start).toBeGreaterThanOrEqual(p.start);
      expect(l.end).toBeLessThanOrEqual(p.end);
      expect(file.text.slice(l.start, l.end)).not.toMatch(/\n/);
      expect(l.box[0]).toBeGreaterThanOrEqual(0);
      expect(l.box[2]).toBeLessThanOrEqual(p.width!);
      expect(l.box[3]).toBeLessThanOrEqual(p.height!);
      expect(l.confidence).toBeNull();
    }
    const so = p.lines!.find((l) => file.text.slice(l.start, l.end).startsWith('Số:'))!;
    const date = p.lines!.find((l) => file.text.slice(l.start, l.end).includes('ngày 13 tháng 4 năm 2021'))!;
    expect(so.box[0]).toBeLessThan(date.box[0]); // số on the left, date on the right
  });
});

describe('ruled tables', () => {
  it('rebuilds a ruled table with wrapped cells: one line per row, cells separated by tabs', async () => {
    const file = await ocr('s000-table.pdf');
    const want = readFileSync(dir + 's000-table.txt', 'utf8').replace(/\n$/, '').split('\n');
    const got = file.text.split('\n').filter(Boolean);
    expect(got).toEqual(want);
    const header = got[1].split('\t');
    expect(header).toHaveLength(7);
    expect(header[2]).toBe('Thời gian bắt đầu'); // a header cell wrapped over two lines
    expect(got[2].split('\t')).toEqual(['I', 'Nhiệm vụ chung', '', '', '', '', '']);
  });
});

describe('broken PDFs give an error naming the file', () => {
  it.each([
    ['encrypted.pdf', 'pdf-encrypted', /password/],
    ['truncated.pdf', 'pdf-corrupt', /not a readable PDF/],
    ['zero-pages.pdf', 'pdf-no-pages', /no pages/],
  ])('%s', async (name, ruleId, reason) => {
    const file = await ocr(`../broken/${name}`);
    const errors = file.messages.filter((m) => m.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ stage: 'ocr', ruleId });
    expect(errors[0].reason).toContain(`${dir}../broken/${name}`);
    expect(errors[0].reason).toMatch(reason);
    expect(file.text).toBe('');
  });

  it('does not stop a batch: later files still go through the pipeline', async () => {
    const out = [];
    for await (const f of run([broken + 'encrypted.pdf', dir + 's004-text.pdf'], { until: 'ocr' })) out.push(f);
    expect(out[0].messages.some((m) => m.ruleId === 'pdf-encrypted')).toBe(true);
    expect(out[1].messages.filter((m) => m.severity === 'error')).toEqual([]);
    expect(out[1].text).toContain('KẾ HOẠCH');
  });
});

describe('legacy Vietnamese font encodings in the text layer', () => {
  it('decodes a TCVN3 text layer instead of sending the page to OCR', async () => {
    const { default: PDFDocument } = await import('pdfkit');
    const { encodeTcvn3, CP1252 } = await import('../../src/normalize/legacy.ts');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const lines = [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      // (TCVN3 has no capitals with tone marks — they came from a second font — so none here.)
      'Các sở, ban, ngành tỉnh ban hành kế hoạch thực hiện dịch vụ công trực tuyến',
      'trên địa bàn tỉnh trong năm 2021 với các nội dung sau đây.',
    ];
    // What a .VnTime document's text layer holds: TCVN3 bytes shown as Windows-1252 letters.
    const asTcvn3 = (s: string) => Array.from(encodeTcvn3(s)).map((b) => CP1252[b]).join('');
    const doc = new PDFDocument({ size: 'A4', margin: 72 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((r) => doc.on('end', r));
    doc.font('Times-Roman').fontSize(13); // WinAnsi: every TCVN3 byte has a glyph, as in .VnTime PDFs
    for (const l of lines) doc.text(asTcvn3(l));
    doc.end();
    await done;
    const path = join(mkdtempSync(join(tmpdir(), 'vanban-ocr-')), 'vntime.pdf');
    writeFileSync(path, Buffer.concat(chunks));
    const file = await ocrFile(await loadFile(path));
    expect(file.pages[0].method).toBe('textlayer');
    expect(file.text.split('\n').filter(Boolean)).toEqual(lines);
    expect(file.messages.map((m) => m.ruleId)).toContain('textlayer-legacy-font');
  });
});
