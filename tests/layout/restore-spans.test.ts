/**
 * Restoration of a joined paragraph: a text line made of several printed lines, of which only
 * some were read with low OCR confidence, is decoded whole but changed only on those lines.
 */
import { describe, expect, it } from 'vitest';
import { restoreText } from '../../src/restore/decode.ts';
import { lowConfidenceSpans, modelFor } from '../../src/restore/index.ts';
import type { VbFile } from '../../schemas/document.ts';

describe('restoring only the doubtful printed lines of a joined line', () => {
  const line = 'UBND TỈNH KIÊN GIANG VẤN PHÒNG thông báo ý kiến chỉ đạo';
  const at = line.indexOf('VẤN');
  const run = (spans?: [number, number][]) => restoreText(line, modelFor(), { forceLines: new Set([0]), forceSpans: spans && new Map([[0, spans]]) }).text;

  it('changes a word on a low-confidence printed line, not one on a confident line', () => {
    expect(run()).toContain('VĂN PHÒNG'); // the whole line forced: as before the layout stage
    expect(run([[at, at + 'VẤN PHÒNG'.length]])).toContain('VĂN PHÒNG');
    expect(run([[0, at - 1]])).toContain('VẤN PHÒNG');
  });

  it('finds the spans from the page lines, in each text line', () => {
    const text = 'Số: 1/VP\nUBND TỈNH KIÊN GIANG VẤN PHÒNG thông báo';
    const s = text.indexOf('VẤN');
    const file = { text, pages: [{ page: 1, start: 0, end: text.length, method: 'ocr', confidence: 0.8, lines: [
      { start: 0, end: 8, box: [0, 0, 1, 1], confidence: 0.95 },
      { start: 9, end: s - 1, box: [0, 2, 1, 3], confidence: 0.97 },
      { start: s, end: text.length, box: [0, 2, 1, 3], confidence: 0.6 },
    ] }] } as unknown as VbFile;
    expect([...lowConfidenceSpans(file)]).toEqual([[1, [[s - 9, text.length - 9]]]]);
  });
});
