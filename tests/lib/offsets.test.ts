/** The one offset map every text-rewriting stage uses, and checkModel's span checks. */
import { describe, expect, it } from 'vitest';
import { offsetMap, remapFile } from '../../src/lib/offsets.ts';
import { emptyFile } from '../../src/load/index.ts';
import { checkModel } from '../../src/pipeline.ts';

describe('offsetMap', () => {
  it('shifts offsets after a shrinking edit, clamps inside it, stays monotone', () => {
    // "ab XYZW cd" → "ab Q cd": [3,7) became [3,4)
    const map = offsetMap([{ oldStart: 3, oldEnd: 7, newStart: 3, newEnd: 4 }], 7);
    expect([0, 3, 5, 7, 8, 10].map(map)).toEqual([0, 3, 4, 4, 5, 7]);
    const all = Array.from({ length: 11 }, (_, i) => map(i));
    expect(all.every((v, i) => i === 0 || v >= all[i - 1]!)).toBe(true);
  });

  it('a two-page file whose text shrank keeps both pages inside the text', () => {
    const file = emptyFile('x.pdf');
    const old = 'trang mot XXXX\n\f\ntrang hai YYYY';
    file.text = old;
    file.pages = [
      { page: 1, start: 0, end: 14, method: 'ocr', confidence: null, lines: [{ start: 0, end: 14, box: [0, 0, 1, 1], confidence: 0.5 }] },
      { page: 2, start: 17, end: old.length, method: 'ocr', confidence: null, lines: [{ start: 17, end: old.length, box: [0, 0, 1, 1], confidence: 0.5 }] },
    ];
    const text = 'trang mot X\n\f\ntrang hai Y';
    remapFile(file, text, [
      { oldStart: 10, oldEnd: 14, newStart: 10, newEnd: 11 },
      { oldStart: 27, oldEnd: 31, newStart: 24, newEnd: 25 },
    ]);
    expect(file.pages.map((p) => [p.start, p.end])).toEqual([[0, 11], [14, text.length]]);
    expect(text.slice(file.pages[1]!.lines![0]!.start, file.pages[1]!.lines![0]!.end)).toBe('trang hai Y');
    expect(checkModel(file).ok).toBe(true);
  });
});

describe('checkModel offsets', () => {
  const file = () => {
    const f = emptyFile('x.txt');
    f.text = 'abcdef';
    return f;
  };
  it('rejects a page past the end of the text', () => {
    const f = file();
    f.pages = [{ page: 1, start: 0, end: 9, method: 'text', confidence: null }];
    expect(checkModel(f)).toEqual({ ok: false, problem: expect.stringContaining('pages.0') });
  });
  it('rejects overlapping pages and a page running backwards', () => {
    const f = file();
    f.pages = [{ page: 1, start: 0, end: 4, method: 'text', confidence: null }, { page: 2, start: 3, end: 6, method: 'text', confidence: null }];
    expect(checkModel(f).ok).toBe(false);
    f.pages = [{ page: 1, start: 4, end: 2, method: 'text', confidence: null }];
    expect(checkModel(f).ok).toBe(false);
  });
});
