/** Every repair a segment or extract rule makes is a positioned info message naming the rule. */
import { describe, expect, it } from 'vitest';
import { emptyFile } from '../../src/load/index.ts';
import { segmentFile } from '../../src/segment/index.ts';
import { extractFile } from '../../src/extract/index.ts';
import { numberRepairs } from '../../src/knowledge/number-repairs.ts';
import { canonicalNumber } from '../../src/knowledge/numbers.ts';
import type { VbFile } from '../../schemas/document.ts';

const TEXT = [
  'ỦY BAN NHÂN DÂN',
  'TỈNH HÀ TĨNH',
  'Số: 1961/QDUBND',
  'Hà Tĩnh, ngày 3 tháng 9 năm 2023',
  '',
  'KẾ HOẠCH',
  'Triển khai chuyển đổi số',
  '',
  'Căn cứ Quyết định số 12/QĐUBND ngày 1/2/2023 của UBND tỉnh Hà Tĩnh;',
  '',
  '1. MỤC ĐÍCH, YÊU CẦU',
  '1. Mục đích',
  'a) Nội dung một',
  'b) Nội dung hai',
  '¢) Nội dung ba',
  'd) Nội dung bốn',
  'd) Nội dung năm',
  'IL. NHIỆM VỤ CỤ THỂ',
  '1. Nhiệm vụ chung',
].join('\n');

function run(text: string, pages: VbFile['pages'] = []): VbFile {
  return extractFile(segmentFile({ ...emptyFile('made-up.txt'), text, original: text, pages }));
}

const spanOf = (f: VbFile, rule: string) =>
  f.messages.filter((m) => m.ruleId === rule).map((m) => ({ stage: m.stage, severity: m.severity, text: f.text.slice(m.start!, m.end!), reason: m.reason, page: m.page }));

describe('repair messages of segment and extract', () => {
  const f = run(TEXT);

  it('the values are repaired (what the messages explain)', () => {
    const d = f.documents[0]!;
    expect(d.header.number).toBe('1961/QĐ-UBND');
    expect(d.references.map((r) => r.number)).toContain('12/QĐ-UBND');
    const labels = d.sections.filter((s) => s.kind === 'part' || s.kind === 'point').map((s) => s.label);
    expect(labels).toEqual(['I', 'a', 'b', 'c', 'd', 'đ', 'II']);
  });

  it("the header's number: the hyphen restored and D made Đ, at the number as written", () => {
    for (const rule of ['number-hyphen', 'code-dj']) {
      expect(spanOf(f, rule)).toContainEqual(expect.objectContaining({ stage: 'segment', severity: 'info', text: '1961/QDUBND', reason: expect.stringContaining("'1961/QDUBND' read as '1961/QĐ-UBND'") }));
    }
  });

  it("a cited number's restored hyphen, in extract", () => {
    expect(spanOf(f, 'number-hyphen')).toContainEqual(expect.objectContaining({ stage: 'extract', text: '12/QĐUBND', reason: expect.stringContaining("'12/QĐUBND' read as '12/QĐ-UBND'") }));
    expect(spanOf(f, 'code-dj').filter((m) => m.stage === 'extract')).toEqual([]); // its Đ was on the page
  });

  it('Roman part markers read from OCR (IL → II, the first part\'s 1 → I) and point letters (¢ → c, a second d → đ)', () => {
    expect(spanOf(f, 'roman-marker').map((m) => [m.text, m.reason.split(' (')[0]])).toEqual([
      ['1', "'1' read as 'I'"],
      ['IL', "'IL' read as 'II'"],
    ]);
    // the 1 is the one of "1. MỤC ĐÍCH", not of "1. Mục đích" after it
    const first = f.messages.find((m) => m.ruleId === 'roman-marker')!;
    expect(f.text.slice(first.start!, first.start! + 20)).toBe('1. MỤC ĐÍCH, YÊU CẦU');
    expect(spanOf(f, 'point-ocr').map((m) => [m.text, m.reason.split(' (')[0]])).toEqual([['¢', "'¢' read as 'c'"]]);
    const dj = f.messages.filter((m) => m.ruleId === 'point-dj');
    expect(dj).toHaveLength(1);
    expect(f.text.slice(dj[0]!.start!, dj[0]!.start! + 15)).toBe('d) Nội dung năm');
  });

  it('messages carry the page of the repair when pages are known', () => {
    const cut = TEXT.indexOf('IL.');
    const paged = run(TEXT, [
      { page: 1, start: 0, end: cut, method: 'text', confidence: null },
      { page: 2, start: cut, end: TEXT.length, method: 'text', confidence: null },
    ]);
    expect(spanOf(paged, 'roman-marker').map((m) => [m.text, m.page])).toEqual([
      ['1', 1],
      ['IL', 2],
    ]);
  });

  it('a text needing no repair gets no repair message', () => {
    const clean = run(TEXT.replace('1961/QDUBND', '1961/QĐ-UBND').replace('12/QĐUBND', '12/QĐ-UBND').replace('¢)', 'c)').replace('d) Nội dung năm', 'đ) Nội dung năm').replace('IL.', 'II.').replace('1. MỤC', 'I. MỤC'));
    expect(clean.messages).toEqual([]);
  });
});

describe('numberRepairs: what writing a number canonically changed', () => {
  const rules = (raw: string, canon: string) => numberRepairs(raw, canon, 10).map((r) => r.rule);
  it.each([
    ['1961/QĐUBND', '1961/QĐ-UBND', ['number-hyphen']],
    ['45/2020/ND-CP', '45/2020/NĐ-CP', ['code-dj']],
    ['1961/QDUBND', '1961/QĐ-UBND', ['code-dj', 'number-hyphen']],
    ['12/kh-ubnd', '12/KH-UBND', ['code-case']],
    ['468/Qb-TTg', '468/QĐ-TTg', ['code-dj']],
    ['1961/OD-UBND', '1961/QĐ-UBND', ['code-ocr']],
    ['45/2020/nb-CP', '45/2020/NĐ-CP', ['code-case', 'code-dj']],
    // spacing, an en dash and trailing punctuation are how it was typed, not repairs
    ['45/2020/NĐ- CP', '45/2020/NĐ-CP', []],
    ['45 / 2020 / NĐ–CP;', '45/2020/NĐ-CP', []],
  ])('%s → %s: %j', (raw, canon, want) => {
    expect(canonicalNumber(raw)).toBe(canon);
    expect(rules(raw, canon)).toEqual(want);
  });
  it('spans the number as written, trailing punctuation left out', () => {
    expect(numberRepairs('45/2020/ND-CP;', '45/2020/NĐ-CP', 10)).toEqual([
      { rule: 'code-dj', start: 10, end: 23, before: '45/2020/ND-CP', after: '45/2020/NĐ-CP' },
    ]);
  });
});
