/**
 * After the layout stage every character of a PDF page's text still maps back to its page, its
 * printed line and that line's box: each page line spans what it spanned before (a hyphen the
 * stage dropped aside), and every printed character lies in one of its page's lines.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadFile } from '../../src/load/index.ts';
import { ocrFile } from '../../src/ocr/index.ts';
import { layoutFile } from '../../src/layout/index.ts';
import { offsetProblem } from '../../src/pipeline.ts';
import { ROOT } from '../ingest/cli.ts';

const PDFS = ['dev/pdf/p01_bariavungtau_kh_2021_linebreaks.pdf', 'dev/pdf/p02_thainguyen_kh_2022_sans.pdf', 'fixtures/pdf/s001-text.pdf', 'fixtures/pdf/s000-text.pdf'];

describe('layout keeps every character on its page line', () => {
  for (const pdf of PDFS) {
    it(pdf, async () => {
      const file = await ocrFile(await loadFile(join(ROOT, pdf)));
      const printed = new Map(file.pages.flatMap((p) => (p.lines ?? []).map((l) => [l, file.text.slice(l.start, l.end)] as const)));
      layoutFile(file);
      expect(offsetProblem(file)).toBeNull();
      let covered = 0;
      for (const p of file.pages) {
        const furniture = new Set((p.furniture ?? []).map((f) => f.text));
        for (const l of p.lines ?? []) {
          const before = printed.get(l)!;
          const now = file.text.slice(l.start, l.end);
          expect(now === before || now === before.replace(/[-\u00ad]$/u, ''), `${before} → ${now}`).toBe(true);
          expect(furniture.has(before)).toBe(false);
        }
        const lines = [...(p.lines ?? [])].sort((a, b) => a.start - b.start);
        for (let i = p.start; i < p.end; i++) {
          if (/\s/u.test(file.text[i]!)) continue;
          expect(lines.some((l) => l.start <= i && i < l.end), `page ${p.page} offset ${i} '${file.text.slice(i, i + 20)}'`).toBe(true);
          covered++;
        }
      }
      expect(covered).toBeGreaterThan(1000);
    }, 60_000);
  }
});

describe('normalize after layout', () => {
  it('keeps the printed lines of a joined paragraph exact when it removes a character inside it', async () => {
    const { normalizeFile } = await import('../../src/normalize/index.ts');
    // One text line (a joined paragraph) holding two printed lines; a zero-width space in the first.
    const text = 'Phấn đấu đến năm\u200b 2025 đạt trên 80% hồ sơ\r\ntrực tuyến toàn trình';
    const a = { start: 0, end: text.indexOf(' hồ sơ'), box: [85, 60, 300, 72] as [number, number, number, number], confidence: null };
    const b = { start: text.indexOf('hồ sơ'), end: text.indexOf('\r'), box: [300, 60, 538, 72] as [number, number, number, number], confidence: null };
    const c = { start: text.indexOf('trực'), end: text.length, box: [85, 76, 300, 88] as [number, number, number, number], confidence: null };
    const file: any = { source: { path: 'x.pdf', hash: '', size: 0, mediaType: 'application/pdf', encoding: null }, original: text, text, restored: [], documents: [], messages: [], pages: [{ page: 1, start: 0, end: text.length, method: 'ocr', confidence: 0.9, lines: [a, b, c] }] };
    normalizeFile(file);
    expect(file.text).toBe('Phấn đấu đến năm 2025 đạt trên 80% hồ sơ\ntrực tuyến toàn trình');
    expect([a, b, c].map((l) => file.text.slice(l.start, l.end))).toEqual(['Phấn đấu đến năm 2025 đạt trên 80%', 'hồ sơ', 'trực tuyến toàn trình']);
  });
});
