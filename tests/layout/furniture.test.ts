import { describe, expect, it } from 'vitest';
import type { VbFile } from '../../schemas/document.ts';
import { findFurniture, type FurniturePage } from '../../src/layout/furniture.ts';
import { layoutFile } from '../../src/layout/index.ts';
import { offsetProblem } from '../../src/pipeline.ts';
import type { Box } from '../../src/layout/paragraphs.ts';

const H = 842;
const body = (y: number, text: string, size = 12): { text: string; box: Box } => ({ text, box: [85, y, 85 + 6 * text.length, y + size] });
const centred = (y: number, text: string, size = 12): { text: string; box: Box } => ({ text, box: [298 - 3 * text.length, y, 298 + 3 * text.length, y + size] });

function pages(n: number, make: (page: number) => { text: string; box: Box }[]): FurniturePage[] {
  return Array.from({ length: n }, (_, i) => ({ page: i + 1, width: 595, height: H, lines: make(i + 1) }));
}
const kinds = (ps: FurniturePage[]) => findFurniture(ps).map((h) => `${h.page}:${ps[h.page - 1]!.lines[h.line]!.text}:${h.kind}`);

describe('page furniture', () => {
  it('finds a lone page number and a footer repeated at the same place on most pages', () => {
    const ps = pages(3, (p) => [
      ...(p > 1 ? [centred(30, String(p))] : []),
      body(100, `Nội dung trang ${p} của kế hoạch triển khai`),
      body(400, 'Phấn đấu đến năm 2025 đạt 80%.'),
      body(790, `Kế hoạch số 112/KH-UBND - trang ${p}`, 9),
    ]);
    expect(kinds(ps)).toEqual([
      '1:Kế hoạch số 112/KH-UBND - trang 1:page-footer',
      '2:2:page-number',
      '2:Kế hoạch số 112/KH-UBND - trang 2:page-footer',
      '3:3:page-number',
      '3:Kế hoạch số 112/KH-UBND - trang 3:page-footer',
    ]);
  });

  it('takes neither a line on one page only, nor body text, nor an issuing body opening each document', () => {
    const ps = pages(3, (p) => [
      body(40, 'ỦY BAN NHÂN DÂN TỈNH VĨNH LONG'),
      body(60, 'Số: 12/QĐ-UBND'),
      body(100, 'Căn cứ Luật tổ chức chính quyền địa phương;'),
      ...(p === 2 ? [body(790, 'Ghi chú: số liệu ước tính', 9)] : []),
      body(600, '2'), // a number in the body, not in a margin band
    ]);
    expect(kinds(ps)).toEqual([]);
    // a running head set smaller than the body is furniture even in capitals
    const heads = pages(2, () => [centred(30, 'KẾ HOẠCH CHUYỂN ĐỔI SỐ', 8), body(100, 'Nội dung'), body(120, 'Nội dung khác')]);
    expect(kinds(heads)).toEqual(['1:KẾ HOẠCH CHUYỂN ĐỔI SỐ:page-header', '2:KẾ HOẠCH CHUYỂN ĐỔI SỐ:page-header']);
  });

  it('in the stage: out of the text, kept on the page with its box, offsets true', () => {
    const spec: [string, Box][][] = [
      [['Các cơ quan, đơn vị thực hiện nghiêm túc các nội dung của Kế hoạch này.', [85, 100, 538, 112]], ['Trang thông tin điện tử tỉnh', [300, 790, 420, 799]]],
      [['2', [295, 30, 301, 42]], ['Sở Tài chính bố trí kinh phí thực hiện.', [85, 100, 320, 112]], ['Trang thông tin điện tử tỉnh', [300, 790, 420, 799]]],
    ];
    let text = '';
    const out: VbFile['pages'] = [];
    spec.forEach((ls, i) => {
      if (i) text += '\n\f\n';
      const start = text.length;
      const lines = ls.map(([t, box], k) => {
        if (k) text += '\n\n';
        const s = text.length;
        text += t;
        return { start: s, end: text.length, box, confidence: null };
      });
      out.push({ page: i + 1, start, end: text.length, method: 'textlayer', confidence: null, width: 595, height: H, lines });
    });
    const file: VbFile = { source: { path: 'x.pdf', hash: '', size: 0, mediaType: 'application/pdf', encoding: null }, original: text, text, pages: out, restored: [], documents: [], messages: [] };
    layoutFile(file);
    expect(offsetProblem(file)).toBeNull();
    expect(file.text).toBe('Các cơ quan, đơn vị thực hiện nghiêm túc các nội dung của Kế hoạch này.\n\f\nSở Tài chính bố trí kinh phí thực hiện.');
    expect(file.pages.map((p) => file.text.slice(p.start, p.end))).toEqual(['Các cơ quan, đơn vị thực hiện nghiêm túc các nội dung của Kế hoạch này.', 'Sở Tài chính bố trí kinh phí thực hiện.']);
    expect(file.pages[1]!.furniture).toEqual([
      { kind: 'page-number', text: '2', box: [295, 30, 301, 42] },
      { kind: 'page-footer', text: 'Trang thông tin điện tử tỉnh', box: [300, 790, 420, 799] },
    ]);
    expect(file.pages.every((p) => p.lines!.length === 1 && !/Trang thông tin/.test(file.text.slice(p.lines![0]!.start, p.lines![0]!.end)))).toBe(true);
    const notes = file.messages.filter((m) => m.ruleId === 'page-furniture');
    expect(notes.map((m) => m.page)).toEqual([1, 2]);
    expect(notes[1]!.reason).toContain("page number '2'");
  });
});
