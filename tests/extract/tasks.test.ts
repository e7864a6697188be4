import { describe, expect, it } from 'vitest';
import type { Table } from '../../schemas/document.ts';
import { columnRole, sentenceLead, sentencePartners, tasksFromTable, tasksFromText } from '../../src/extract/tasks.ts';
import { splitAgencies } from '../../src/extract/agencies.ts';

const row = (index: number, label: string, group: string, cells: [string, string][]) => ({
  index, kind: 'data' as const, label, group, cells: cells.map(([column, text]) => ({ column, text })), start: 0, end: 0, page: null,
});

describe('plan tables', () => {
  it('recognises columns by their headers', () => {
    expect(['STT', 'NỘI DUNG CÔNG VIỆC', 'ĐƠN VỊ THỰC HIỆN', 'ĐƠN VỊ PHÓ HỢP', 'SẢN PHẨM DỰ KIẾN HOÀN THÀNH', 'THỜI GIAN THỰC HIỆN'].map(columnRole)).toEqual([
      'label', 'content', 'lead', 'partners', 'outputs', 'time',
    ]);
    expect(['Thời gian bắt đầu', 'Thời gian kết thúc', 'Cơ quan chủ trì', 'Kết quả hoạt động'].map(columnRole)).toEqual(['start', 'end', 'lead', 'outputs']);
  });

  it('one task per data row with split agencies, dates and recurrence', () => {
    const columns = ['TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian thực hiện', 'Sản phẩm'];
    const table: Table = {
      id: 't1', section: null, columns, start: 0, end: 0, page: null,
      rows: [
        { index: 0, kind: 'group', label: 'I', group: null, cells: [{ column: 'Nhiệm vụ', text: 'Nhiệm vụ chung' }], start: 0, end: 0, page: null },
        row(1, '1', 'I', [['Nhiệm vụ', 'Tổ chức hội nghị tập huấn'], ['Cơ quan chủ trì', 'Sở Nội vụ, Sở Tư pháp'], ['Cơ quan phối hợp', 'Sở Văn hóa, Thể thao và Du lịch; các huyện, thành phố'], ['Thời gian thực hiện', 'Quý III/2026'], ['Sản phẩm', '']]),
        row(2, '2', 'I', [['Nhiệm vụ', 'Đăng tin trên Cổng TTĐT'], ['Cơ quan chủ trì', '- Văn phòng UBND tỉnh; - Đài Phát thanh - Truyền hình tỉnh'], ['Thời gian thực hiện', '03 lần/tuần'], ['Sản phẩm', 'Tin, bài']]),
      ],
    };
    const ts = tasksFromTable(table);
    expect(ts.map((t) => [t.lead, t.partners, t.start, t.due, t.recurrence, t.outputs, t.group])).toEqual([
      [['Sở Nội vụ', 'Sở Tư pháp'], ['Sở Văn hóa, Thể thao và Du lịch', 'các huyện, thành phố'], '2026-07-01', '2026-09-30', null, null, 'I'],
      [['Văn phòng UBND tỉnh', 'Đài Phát thanh - Truyền hình tỉnh'], [], null, null, '3/week', 'Tin, bài', 'I'],
    ]);
  });

  it('ignores tables that are not plans', () => {
    expect(tasksFromTable({ id: 't', section: null, columns: ['Tên', 'Số lượng'], rows: [], start: 0, end: 0, page: null })).toEqual([]);
  });
});

describe('Tổ chức thực hiện', () => {
  const text = [
    'III. TỔ CHỨC THỰC HIỆN',
    '1. Sở Nông nghiệp và Môi trường',
    '- Chủ trì, phối hợp với Sở Tài chính và các cơ quan liên quan xây dựng kế hoạch.',
    '- Hằng năm, báo cáo kết quả thực hiện về UBND tỉnh trước ngày 15/12.',
    '2. UBND các xã, phường',
    'Tổ chức tuyên truyền trên hệ thống loa truyền thanh.',
    '3. Giao Công an tỉnh chủ trì bảo đảm an ninh trật tự.',
    'IV. KINH PHÍ',
    '- Sở Tài chính bố trí kinh phí.',
  ].join('\n');

  it('items under an agency heading, items that name their lead, nothing after the part', () => {
    const ts = tasksFromText(text);
    expect(ts.map((t) => [t.lead, t.recurrence])).toEqual([
      [['Sở Nông nghiệp và Môi trường'], null],
      [['Sở Nông nghiệp và Môi trường'], '1/year'],
      [['UBND các xã, phường'], null],
      [['Công an tỉnh'], null],
    ]);
    expect(ts[0]!.partners).toEqual(['Sở Tài chính', 'các cơ quan liên quan']);
    expect(ts.every((t) => t.source === 'section')).toBe(true);
  });

  it('reads the lead a sentence names', () => {
    expect(sentenceLead('Văn phòng Ủy ban nhân dân tỉnh có trách nhiệm theo dõi, đôn đốc.')).toEqual(['Văn phòng Ủy ban nhân dân tỉnh']);
    expect(sentenceLead('Giao Sở Y tế, Sở Tài chính chủ trì thực hiện.')).toEqual(['Sở Y tế', 'Sở Tài chính']);
    expect(sentenceLead('Kinh phí được bảo đảm từ ngân sách.')).toBeNull();
    // A station ("Trạm Y tế xã", "Trạm Khuyến nông huyện") is a body.
    expect(sentenceLead('Trạm Y tế xã có trách nhiệm chuẩn bị cơ số thuốc trước ngày 15/6.')).toEqual(['Trạm Y tế xã']);
    // A council's own organs, named together, are one lead.
    expect(sentenceLead('Giao Thường trực Hội đồng nhân dân, các Ban, các Tổ đại biểu và đại biểu Hội đồng nhân dân huyện giám sát việc thực hiện Nghị quyết.')).toEqual(['Thường trực Hội đồng nhân dân, các Ban, các Tổ đại biểu và đại biểu Hội đồng nhân dân huyện']);
    expect(sentenceLead('Giao Sở Y tế, Sở Tài chính chủ trì thực hiện.')).toEqual(['Sở Y tế', 'Sở Tài chính']);
    // The body a giver hands the work to leads it.
    expect(sentenceLead('Ban Tuyên giáo Huyện ủy giao Phòng Lý luận chính trị tổng hợp ý kiến, báo cáo trước ngày 10/6.')).toEqual(['Phòng Lý luận chính trị']);
    expect(sentenceLead('Ủy ban nhân dân huyện đề nghị Ủy ban Mặt trận Tổ quốc huyện vận động nhân dân.')).toEqual(['Ủy ban Mặt trận Tổ quốc huyện']);
    expect(sentencePartners('Phối hợp với Sở Thông tin và Truyền thông, các đơn vị liên quan cung cấp thông tin.')).toEqual(['Sở Thông tin và Truyền thông', 'các đơn vị liên quan']);
  });

  it('splits agency lists on ";" and on commas that start a new body only', () => {
    expect(splitAgencies('Sở Nội vụ, Sở Tài chính, Sở Văn hóa, Thể thao và Du lịch')).toEqual(['Sở Nội vụ', 'Sở Tài chính', 'Sở Văn hóa, Thể thao và Du lịch']);
    expect(splitAgencies('Các Bộ, ngành, địa phương; các cơ quan báo chí')).toEqual(['Các Bộ, ngành, địa phương', 'các cơ quan báo chí']);
  });
});

describe('task parts under other names', () => {
  it('reads an unnumbered "TỔ CHỨC THỰC HIỆN" and a "Trách nhiệm của các cơ quan, đơn vị" part', () => {
    const a = tasksFromText(['TỔ CHỨC THỰC HIỆN', '', '1. Sở Y tế', '- Hướng dẫn các cơ sở y tế triển khai.', '', 'Nơi nhận:', '- Như trên;'].join('\n'));
    expect(a.map((t) => t.lead)).toEqual([['Sở Y tế']]);
    const b = tasksFromText(['V. TRÁCH NHIỆM CỦA CÁC CƠ QUAN, ĐƠN VỊ', '1. Sở Tư pháp chủ trì thẩm định các văn bản.', '2. Các huyện có trách nhiệm báo cáo định kỳ hằng tháng.'].join('\n'));
    expect(b.map((t) => t.lead)).toEqual([['Sở Tư pháp'], ['Các huyện']]);
    // "báo cáo định kỳ hằng tháng" closing the sentence: the task's rhythm, as every gold set reads it
    expect(b[1]!.recurrence).toBe('1/month');
    // The rhythm right after the hour and weekday a report is due at.
    const c = tasksFromText(['IV. TỔ CHỨC THỰC HIỆN', '1. Trung tâm Kiểm soát bệnh tật tổng hợp số ca mắc, báo cáo Sở Y tế trước 9 giờ thứ Ba hằng tuần.'].join('\n'));
    expect(c.map((t) => t.recurrence)).toEqual(['1/week']);
    // The closing "Trong quá trình thực hiện, …" is no part of the last task: its rhythm still closes it.
    const d = tasksFromText(['IV. TỔ CHỨC THỰC HIỆN', '2. Văn phòng Sở thẩm tra hồ sơ, báo cáo Giám đốc Sở định kỳ hằng quý.', 'Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị báo cáo về Sở để xem xét./.'].join('\n'));
    expect(d.map((t) => [t.lead, t.recurrence, t.content])).toEqual([[['Văn phòng Sở'], '1/quarter', 'Văn phòng Sở thẩm tra hồ sơ, báo cáo Giám đốc Sở định kỳ hằng quý.']]);
  });
});

describe('a heading that hands the work out', () => {
  it('"X giao:" over items that name their own leads: each item\'s lead, not the giver', () => {
    const ts = tasksFromText(['Sau khi nghe báo cáo, Ban Thường vụ Đảng ủy kết luận như sau:', '', '1. Năm 2024, toàn Đảng bộ kết nạp 40 đảng viên.', '2. Ban Thường vụ Đảng ủy giao:', '- Ban Tổ chức Đảng ủy rà soát quy hoạch cán bộ trong quý IV năm 2024.', '- Các chi bộ trực thuộc xây dựng kế hoạch kết nạp đảng viên.'].join('\n'));
    expect(ts.map((t) => t.lead)).toEqual([['Ban Tổ chức Đảng ủy'], ['Các chi bộ trực thuộc']]);
  });
  it('"mở chuyên mục" ends a lead', () => {
    expect(sentenceLead('Báo Bình Thuận, Đài Phát thanh - Truyền hình tỉnh mở chuyên mục phản ánh gương điển hình.')).toEqual(['Báo Bình Thuận', 'Đài Phát thanh - Truyền hình tỉnh']);
  });
});

describe('a decision whose article organises the work', () => {
  it('reads "Điều 3. Tổ chức thực hiện" and leaves other articles alone', () => {
    const ts = tasksFromText(['Điều 2. Quyết định này có hiệu lực kể từ ngày ký.', 'Điều 3. Tổ chức thực hiện', '1. Sở Xây dựng chủ trì hướng dẫn thực hiện.', '2. Giao Công an tỉnh phối hợp với Sở Xây dựng kiểm tra.'].join('\n'));
    expect(ts.map((t) => [t.lead, t.partners])).toEqual([
      [['Sở Xây dựng'], []],
      [['Công an tỉnh'], ['Sở Xây dựng']],
    ]);
  });
});

describe('agency headings whose names read like verbs', () => {
  it('"2. Sở Xây dựng" is a heading, its items are its tasks', () => {
    const ts = tasksFromText(['IV. TỔ CHỨC THỰC HIỆN', '1. Sở Xây dựng', '- Hướng dẫn các huyện lập quy hoạch.', '2. Sở Tài chính', '- Bố trí kinh phí.'].join('\n'));
    expect(ts.map((t) => t.lead)).toEqual([['Sở Xây dựng'], ['Sở Tài chính']]);
  });
});

describe('headings with a lead-in, requests to outside bodies', () => {
  it('"Đối với Sở Y tế:" and "Đề nghị … phối hợp"', () => {
    const ts = tasksFromText(['III. TỔ CHỨC THỰC HIỆN', '1. Đối với Sở Y tế:', '- Hướng dẫn các cơ sở y tế.', '2. Trách nhiệm của Công an tỉnh', '- Bảo đảm an ninh.', '3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp tuyên truyền.'].join('\n'));
    expect(ts.map((t) => t.lead)).toEqual([['Sở Y tế'], ['Công an tỉnh'], ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh']]);
  });
});

describe('plan-table headers read by OCR', () => {
  it('a header whose spaces OCR lost still names its column', () => {
    expect(columnRole('ĐƠNVỊTHỰC HIỆN')).toBe('lead');
    expect(columnRole('ĐƠNVỊPHỐIHỢP')).toBe('partners');
    expect(columnRole('THỜIGIAN THỰC HIỆN')).toBe('time');
    expect(columnRole('NỘIDUNGCÔNGVIỆC')).toBe('content');
    expect(columnRole('Ghi chú')).toBe('other');
  });
});
