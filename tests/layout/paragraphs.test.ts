import { describe, expect, it } from 'vitest';
import { lineBreaks, paragraphBreaks, type Box } from '../../src/layout/paragraphs.ts';
import { layoutFile } from '../../src/layout/index.ts';
import { segmentText } from '../../src/segment/index.ts';
import { offsetProblem } from '../../src/pipeline.ts';
import type { VbFile } from '../../schemas/document.ts';

/**
 * A page set like a justified plan: 6 pt a character, 16 pt leading, left edge 85, right 538.
 * Each line: [text, indent (pt), full (reaches the right edge)?].
 */
function page(spec: [string, number, boolean][], gapAfter: number[] = []) {
  let text = '';
  let y = 60;
  const lines = spec.map(([t, indent, full], i) => {
    if (i) text += '\n';
    const start = text.length;
    text += t;
    const x0 = 85 + indent;
    const box: Box = [x0, y, full ? 538 : x0 + 6 * t.length, y + 12];
    y += 16 + (gapAfter.includes(i) ? 14 : 0);
    return { start, end: text.length, box };
  });
  return { text, lines };
}
const joined = (p: ReturnType<typeof page>) => {
  const chars = p.text.split('');
  for (const i of paragraphBreaks(p.text, p.lines)) chars[i] = ' ';
  return chars.join('');
};

describe('printed lines joined into paragraphs', () => {
  it('joins full lines of a paragraph and keeps a first-line indent and a short last line as paragraph ends', () => {
    const p = page([
      ['Phấn đấu đến hết năm 2025, tỷ lệ hồ sơ thủ tục hành chính được giải quyết', 28, true],
      ['trực tuyến trên tổng số hồ sơ đạt trên 80%; tỷ lệ người dân hài lòng đạt', 0, true],
      ['Ủy ban nhân dân tỉnh giao các sở.', 0, false],
      ['Các sở, ban, ngành tỉnh chủ trì, phối hợp với Ủy ban nhân dân các huyện', 28, true],
      ['Tỉnh ủy và báo cáo kết quả', 0, false],
      ['Sở Tài chính bố trí kinh phí.', 0, false],
    ]);
    expect(joined(p).split('\n')).toEqual([
      'Phấn đấu đến hết năm 2025, tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến trên tổng số hồ sơ đạt trên 80%; tỷ lệ người dân hài lòng đạt Ủy ban nhân dân tỉnh giao các sở.',
      'Các sở, ban, ngành tỉnh chủ trì, phối hợp với Ủy ban nhân dân các huyện Tỉnh ủy và báo cáo kết quả',
      'Sở Tài chính bố trí kinh phí.',
    ]);
  });

  it('keeps markers, headings in capitals, preamble lines and sentence ends on their own lines', () => {
    const p = page([
      ['II. NHIỆM VỤ VÀ GIẢI PHÁP TRỌNG TÂM CỦA ỦY BAN NHÂN DÂN CÁC CẤP', 0, true],
      ['1. Sở Thông tin và Truyền thông chủ trì, phối hợp với các cơ quan liên quan', 28, true],
      ['a) Nâng cấp Cổng dịch vụ công của tỉnh, hoàn thành trong năm 2021 theo', 28, true],
      ['- Các sở, ban, ngành tỉnh thực hiện thường xuyên các nhiệm vụ được giao', 28, true],
      ['+ Báo cáo định kỳ hằng quý về Sở Thông tin và Truyền thông để tổng hợp;', 28, true],
      ['Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08 tháng 4 năm 2020 của Chính phủ;', 28, true],
      ['Điều 2. Quyết định này có hiệu lực kể từ ngày ký ban hành và thay thế', 28, true],
      ['Chương II', 200, false],
    ]);
    expect(joined(p)).toBe(p.text);
  });

  it('goes on into a line in lower case even when centred, never across a wide gap or a size change', () => {
    const centred = page([
      ['Ban hành Kế hoạch truyền thông về thực hiện thủ tục hành chính trên môi', 20, false],
      ['trường điện tử trên địa bàn tỉnh Vĩnh Long', 90, false],
    ]);
    expect(joined(centred)).toBe('Ban hành Kế hoạch truyền thông về thực hiện thủ tục hành chính trên môi trường điện tử trên địa bàn tỉnh Vĩnh Long');
    const gap = page([
      ['các cơ quan, đơn vị có liên quan thực hiện nghiêm túc các nội dung sau', 0, true],
      ['trường hợp có vướng mắc thì báo cáo', 0, false],
    ], [0]);
    expect(joined(gap)).toBe(gap.text);
    const size = page([
      ['các cơ quan, đơn vị có liên quan thực hiện nghiêm túc các nội dung sau', 0, true],
      ['trường hợp có vướng mắc thì báo cáo', 0, false],
    ]);
    size.lines[1]!.box = [85, 76, 300, 96]; // set larger: a title, not the same paragraph
    expect(joined(size)).toBe(size.text);
  });

  it('leaves the Decree-30 header and the signature alone', () => {
    const p = page([
      ['ỦY BAN NHÂN DÂN', 0, false],
      ['TỈNH VĨNH LONG', 0, false],
      ['Số: 857/QĐ-UBND', 0, false],
      ['Vĩnh Long, ngày 13 tháng 4 năm 2021', 200, false],
      ['Độc lập - Tự do - Hạnh phúc', 200, false],
      ['KT. CHỦ TỊCH', 250, false],
      ['Nguyễn Thị Quyên Thanh', 250, false],
    ]);
    expect(joined(p)).toBe(p.text);
  });

  it('puts a blank line where a paragraph ends and the next begins, and before a căn cứ after the trích yếu', () => {
    const p = page([
      ['Chuyển đổi số tỉnh Thái Nguyên năm 2022', 60, false],
      ['Căn cứ Nghị quyết số 52-NQ/TW ngày 27 tháng 9 năm 2019 của Bộ Chính trị;', 0, true],
      ['Căn cứ Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020;', 0, false],
      ['Phấn đấu đến hết năm 2021 tỷ lệ hồ sơ giải quyết trực tuyến đạt 30%.', 0, false],
      ['Phấn đấu đến hết năm 2025 tỷ lệ người dân hài lòng đạt trên 90%;', 0, false],
      ['- Các sở, ban, ngành thực hiện.', 0, false],
    ]);
    const at = (i: number) => p.lines[i]!.end;
    expect(lineBreaks(p.text, p.lines)).toEqual({ join: [], apart: [at(0), at(1), at(2), at(3)] });
    // never after a header line
    const gap = page([['Số: 87/KH-UBND', 0, false], ['Căn cứ Luật Tổ chức chính quyền địa phương;', 0, false]]);
    expect(lineBreaks(gap.text, gap.lines).apart).toEqual([]);
  });

  it('joins a spaced dash at a line end with its space: "Bà Rịa -" / "Vũng Tàu"', () => {
    const p = page([
      ['báo cáo Ủy ban nhân dân tỉnh xem xét, chỉ đạo; Báo Bà Rịa -', 0, true],
      ['Vũng Tàu đăng tải thường xuyên.', 0, false],
    ]);
    expect(joined(p)).toBe('báo cáo Ủy ban nhân dân tỉnh xem xét, chỉ đạo; Báo Bà Rịa - Vũng Tàu đăng tải thường xuyên.');
  });

  it('in the stage: offsets stay, page lines keep their printed lines, segmentation still finds the sections', () => {
    const p = page([
      ['III. NHIỆM VỤ', 0, false],
      ['1. Sở Thông tin và Truyền thông chủ trì nâng cấp Cổng dịch vụ công, hoàn', 28, true],
      ['thành trong Quý III-IV/2021.', 0, false],
      ['2. Sở Tài chính chủ trì bố trí kinh phí thực hiện Kế hoạch này từ nguồn', 28, true],
      ['ngân sách tỉnh; hoàn thành trước ngày 30/6/2021.', 0, false],
      ['a) Rà soát danh mục thủ tục hành chính của các cơ quan trên địa bàn tỉnh', 28, true],
      ['Phấn đấu đến năm 2025 đạt 80%.', 0, false],
    ]);
    const file: VbFile = {
      source: { path: 'x.pdf', hash: '', size: 0, mediaType: 'application/pdf', encoding: null },
      original: p.text, text: p.text, restored: [], documents: [], messages: [],
      pages: [{ page: 1, start: 0, end: p.text.length, method: 'ocr', confidence: 0.9, lines: p.lines.map((l) => ({ ...l, confidence: 0.9 })) }],
    };
    const printed = p.lines.map((l) => p.text.slice(l.start, l.end).trim());
    layoutFile(file);
    expect(offsetProblem(file)).toBeNull();
    expect(file.pages[0]!.lines!.map((l) => file.text.slice(l.start, l.end).trim())).toEqual(printed);
    const sections = segmentText(file.text)[0]!.sections.map((s) => [s.kind, s.label, s.text]);
    expect(sections).toEqual([
      ['part', 'III', 'III. NHIỆM VỤ'],
      ['clause', '1', '1. Sở Thông tin và Truyền thông chủ trì nâng cấp Cổng dịch vụ công, hoàn thành trong Quý III-IV/2021.'],
      ['clause', '2', '2. Sở Tài chính chủ trì bố trí kinh phí thực hiện Kế hoạch này từ nguồn ngân sách tỉnh; hoàn thành trước ngày 30/6/2021.'],
      ['point', 'a', 'a) Rà soát danh mục thủ tục hành chính của các cơ quan trên địa bàn tỉnh Phấn đấu đến năm 2025 đạt 80%.'],
    ]);
    expect(file.messages.find((m) => m.ruleId === 'paragraphs-joined')?.page).toBe(1);
  });
});
