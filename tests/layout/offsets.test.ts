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
