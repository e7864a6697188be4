import { describe, expect, it } from 'vitest';
import type { VbFile } from '../../schemas/document.ts';
import { applyReplacements, findBreakJoins } from '../../src/layout/breaks.ts';
import { layoutFile } from '../../src/layout/index.ts';
import { offsetProblem } from '../../src/pipeline.ts';

/** Lines of a text as spans (every line, as the ocr stage lists them). */
function spans(text: string) {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (const l of text.split('\n')) {
    out.push({ start, end: start + l.length });
    start += l.length + 1;
  }
  return out;
}
const rejoin = (text: string) => applyReplacements(text, findBreakJoins(text, spans(text)).flatMap((j) => j.replace)).text;

/** A PDF-like file: pages of lines with boxes, as the ocr stage leaves it. */
export function pdfFile(pages: string[][]): VbFile {
  let text = '';
  const out: VbFile['pages'] = [];
  pages.forEach((lines, i) => {
    if (i) text += '\n\f\n';
    const start = text.length;
    const pl = lines.map((l, k) => {
      if (k) text += '\n';
      const s = text.length;
      text += l;
      return { start: s, end: text.length, box: [70, 60 + 20 * k, 70 + 6 * l.length, 75 + 20 * k] as [number, number, number, number], confidence: null };
    });
    out.push({ page: i + 1, start, end: text.length, method: 'textlayer', confidence: null, lines: pl });
  });
  return {
    source: { path: 'x.pdf', hash: '', size: 0, mediaType: 'application/pdf', encoding: null },
    original: text, text, pages: out, restored: [], documents: [], messages: [],
  };
}

describe('words and codes broken at a line end', () => {
  it('rejoins a code broken after its hyphen, keeping the hyphen', () => {
    expect(rejoin('Tờ trình số 35/TTr-\nSTTTT ngày 08 tháng 4')).toBe('Tờ trình số 35/TTr-STTTT ngày 08 tháng 4');
    expect(rejoin('thực hiện Chỉ thị số 37-\nCT/TW của Ban Bí thư')).toBe('thực hiện Chỉ thị số 37-CT/TW của Ban Bí thư');
    expect(rejoin('hoàn thành trong Quý III-\nIV/2021')).toBe('hoàn thành trong Quý III-IV/2021');
  });

  it('removes a soft hyphen: a space between two whole syllables, glued inside one', () => {
    expect(rejoin('cải cách hành\u00ad\nchính nhà nước')).toBe('cải cách hành chính nhà nước');
    expect(rejoin('cải cách hành chí\u00ad\nnh nhà nước')).toBe('cải cách hành chính nhà nước');
    expect(rejoin('hệ thống infor\u00ad\nmation')).toBe('hệ thống information');
    // printed as a hyphen: between two lower-case syllables it is the word processor's
    expect(rejoin('cải cách hành-\nchính nhà nước')).toBe('cải cách hành chính nhà nước');
  });

  it('leaves dash items, a spaced dash and a hyphen before a new item alone', () => {
    for (const t of ['Nơi nhận:\n- Sở Tài chính;\n- Sở Nội vụ;', 'tỉnh Bà Rịa -\nVũng Tàu', 'các nội dung sau-\n1. Mục đích', 'mục tiêu:\n-\nTăng cường', 'STT\tNội dung-\nx\ty']) {
      expect(findBreakJoins(t, spans(t))).toEqual([]);
    }
  });

  it('only joins lines the page lists as consecutive lines', () => {
    const t = 'Tờ trình số 35/TTr-\n\nSTTTT';
    expect(findBreakJoins(t, spans(t))).toEqual([]);
    expect(findBreakJoins('a 35/TTr-\nSTTTT', [{ start: 0, end: 9 }])).toEqual([]);
  });
});

describe('layout stage offsets', () => {
  it('keeps page spans, page lines and messages on the same characters', () => {
    const file = pdfFile([
      ['Theo đề nghị của Sở tại Tờ trình số 35/TTr-', 'STTTT ngày 08 tháng 4 năm 2021.'],
      ['cải cách hành\u00ad', 'chính nhà nước'],
    ]);
    const before = file.pages.map((p) => (p.lines ?? []).map((l) => file.text.slice(l.start, l.end)));
    layoutFile(file);
    expect(offsetProblem(file)).toBeNull();
    expect(file.text).toBe('Theo đề nghị của Sở tại Tờ trình số 35/TTr-STTTT ngày 08 tháng 4 năm 2021.\n\f\ncải cách hành chính nhà nước');
    const after = file.pages.map((p) => (p.lines ?? []).map((l) => file.text.slice(l.start, l.end)));
    expect(after).toEqual([before[0], ['cải cách hành', 'chính nhà nước']]);
    expect(file.text.slice(file.pages[1]!.start, file.pages[1]!.end)).toBe('cải cách hành chính nhà nước');
    const msgs = file.messages.filter((m) => m.stage === 'layout');
    expect(msgs.map((m) => [m.ruleId, file.text.slice(m.start!, m.end!), m.page])).toEqual([
      ['line-break-hyphen', '35/TTr-STTTT', 1],
      ['line-end-hyphenation', 'hành chính', 2],
    ]);
    expect(msgs[0]!.reason).toContain("'35/TTr-⏎STTTT' read as '35/TTr-STTTT'");
  });

  it('passes text files through', () => {
    const file = pdfFile([['số 35/TTr-', 'STTTT']]);
    file.pages = [];
    file.source.mediaType = 'text/plain';
    layoutFile(file);
    expect(file.text).toBe('số 35/TTr-\nSTTTT');
  });
});
