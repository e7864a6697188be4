/** Restoration's repairs as positioned info messages; one replacement per token. */
import { describe, expect, it } from 'vitest';
import { buildModel, restoreText } from '../../src/restore/index.ts';
import { restoreMessages } from '../../src/restore/messages.ts';
import type { Page } from '../../schemas/document.ts';

const model = buildModel();

describe('restore: repair messages', () => {
  const page1 = 'Uy ban nhan dan tinh Dak Lak\nSo: 12/ND-CP\n';
  const page2 = 'Thuc hien Nghi dinh so 45/2020/ND-CP cua Chinh phu ve viec trien khai ke hoach.';
  const res = restoreText(page1 + page2, model);
  const cut = res.text.indexOf('Thực hiện');
  const pages: Page[] = [
    { page: 1, start: 0, end: cut, method: 'ocr', confidence: null },
    { page: 2, start: cut, end: res.text.length, method: 'ocr', confidence: null },
  ];
  const messages = restoreMessages(res.tokens, res.rules, pages);

  it('each code letter made Đ: its own message at the code in the restored text', () => {
    const dj = messages.filter((m) => m.ruleId === 'code-dj');
    expect(dj.map((m) => [res.text.slice(m.start!, m.end!), m.reason.split(' (')[0], m.page, m.stage, m.severity])).toEqual([
      ['12/NĐ-CP', "'12/ND-CP' read as '12/NĐ-CP'", 1, 'restore', 'info'],
      ['45/2020/NĐ-CP', "'45/2020/ND-CP' read as '45/2020/NĐ-CP'", 2, 'restore', 'info'],
    ]);
  });

  it('restored words: one message per page with their count, spanning them, with examples', () => {
    const words = messages.filter((m) => m.ruleId === 'word-restored');
    expect(words.map((m) => m.page)).toEqual([1, 2]);
    for (const m of words) {
      const onPage = res.tokens.filter((t, i) => res.rules[i] === 'word-restored' && t.start >= pages[m.page! - 1]!.start && t.start < pages[m.page! - 1]!.end);
      expect(onPage.length).toBeGreaterThan(3);
      expect(m.reason).toMatch(new RegExp(`^${onPage.length} word\\(s\\) restored on page ${m.page}`));
      expect([m.start, m.end]).toEqual([onPage[0]!.start, onPage[onPage.length - 1]!.end]);
    }
    expect(words[0]!.reason).toContain("'Uy' → 'Ủy'");
    expect(words[1]!.reason).toContain("'Thuc' → 'Thực'");
  });

  it('every token has its rule', () => {
    expect(res.rules).toHaveLength(res.tokens.length);
  });
});

describe('restore: an all-caps token gets one replacement', () => {
  // KHDT is both a code one letter from KHĐT and one OCR slip from a syllable ("KHẤU"):
  // read as the code, it was also decoded as a word, and both replacements were written.
  it.each(['KHDT', 'TTDT'])('%s in a garbled line', (code) => {
    const res = restoreText(`Cac don vi thuoc ${code} phai thuc hien nghiem tuc cac noi dung nay`, model, { force: true });
    expect(res.text).toBe(`Các đơn vị thuộc ${code.replace('D', 'Đ')} phải thực hiện nghiêm túc các nội dung này`);
    const starts = res.tokens.map((t) => t.start);
    expect(new Set(starts).size).toBe(starts.length);
  });
});
