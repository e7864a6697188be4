// Tasks written as prose under "Tổ chức thực hiện": "Sở X: …" paragraphs, a year the work is to
// be done in, a yearly deadline. Sentences written for these tests, in the genre's shapes.
import { describe, expect, it } from 'vitest';
import { sentenceLead, tasksFromText } from '../../src/extract/tasks.ts';

const plan = (...items: string[]) => ['III. TỔ CHỨC THỰC HIỆN', ...items.map((s, i) => `${i + 1}. ${s}`), '', 'Nơi nhận:', '- Như trên;'].join('\n');

describe('tasks as prose', () => {
  it('reads "Sở X: …" as the lead and its work', () => {
    const [t] = tasksFromText(plan('Sở Công Thương: Chủ trì kiểm tra thị trường, báo cáo Ủy ban nhân dân tỉnh trước ngày 20 tháng 01 năm 2027.'));
    expect(t).toMatchObject({ lead: ['Sở Công Thương'], content: 'Chủ trì kiểm tra thị trường, báo cáo Ủy ban nhân dân tỉnh trước ngày 20 tháng 01 năm 2027.', due: '2027-01-20' });
  });

  it('reads unnumbered "Sở X: …" lines, one after another with no blank line, as a task each', () => {
    const text = [
      'IV. TỔ CHỨC THỰC HIỆN',
      'Sở Nội vụ: Đưa nội dung chuyển đổi số vào kế hoạch bồi dưỡng cán bộ, công chức.',
      'Sở Tài chính: Bố trí kinh phí thực hiện Kế hoạch trong dự toán ngân sách năm 2027.',
      'Ủy ban nhân dân các huyện, thành phố: Xây dựng kế hoạch của địa phương trong quý III năm 2027.',
      '',
      'Nơi nhận:',
    ].join('\n');
    expect(tasksFromText(text).map((t) => t.lead)).toEqual([['Sở Nội vụ'], ['Sở Tài chính'], ['Ủy ban nhân dân các huyện, thành phố']]);
  });

  it('reads bodies listed with ";" before the colon as the leads, and work that opens with "Thường xuyên" as continuous', () => {
    const [t] = tasksFromText(plan('Các sở, ban, ngành; Ủy ban nhân dân các huyện, thị xã, thành phố: Thường xuyên rà soát, số hóa hồ sơ thủ tục hành chính.'));
    expect(t).toMatchObject({ lead: ['Các sở, ban, ngành', 'Ủy ban nhân dân các huyện, thị xã, thành phố'], content: 'Thường xuyên rà soát, số hóa hồ sơ thủ tục hành chính.', recurrence: 'continuous' });
  });

  it('takes a rhythm that closes the sentence with "định kỳ" as the task\'s recurrence', () => {
    const [t] = tasksFromText(plan('Trung tâm Kiểm soát bệnh tật tỉnh: Tổng hợp, báo cáo kết quả về Sở Y tế định kỳ hằng quý.'));
    expect(t!.recurrence).toBe('1/quarter');
  });

  it('reads unnumbered sentences, one a line, that each name their lead ("Phòng X chủ trì …") as a task each', () => {
    const text = [
      'III. TỔ CHỨC THỰC HIỆN',
      'Bảo hiểm xã hội thị xã chủ trì, phối hợp với Trung tâm Y tế thị xã rà soát đối tượng.',
      'Phòng Tài chính - Kế hoạch chủ trì tham mưu bố trí kinh phí trong dự toán năm 2027.',
      'Ủy ban nhân dân các phường, xã có trách nhiệm giao chỉ tiêu đến từng khóm, ấp trong tháng 3 năm 2027.',
      '',
      'Nơi nhận:',
    ].join('\n');
    expect(tasksFromText(text).map((t) => t.lead)).toEqual([['Bảo hiểm xã hội thị xã'], ['Phòng Tài chính - Kế hoạch'], ['Ủy ban nhân dân các phường, xã']]);
  });

  it('does not take a sentence with a verb before its colon for a lead', () => {
    const [t] = tasksFromText(plan('Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ thực hiện các nội dung sau: rà soát, hệ thống hóa văn bản.'));
    expect(t!.lead).toEqual(['Sở Tư pháp']);
    expect(t!.partners).toEqual(['Sở Nội vụ']);
  });

  it('dates work "trong năm …" over that year', () => {
    const [t] = tasksFromText(plan('Văn phòng Ủy ban nhân dân tỉnh có trách nhiệm vận hành hệ thống một cửa điện tử trong năm 2027.'));
    expect([t!.start, t!.due]).toEqual(['2027-01-01', '2027-12-31']);
  });

  it('dates work "trong giai đoạn …" over that period, but not a period that names a programme', () => {
    const [t] = tasksFromText(plan('Sở Công Thương có trách nhiệm hướng dẫn các huyện triển khai Chương trình trong giai đoạn 2027 - 2030.'));
    expect(t).toMatchObject({ start: '2027-01-01', due: '2030-12-31' });
    const [u] = tasksFromText(plan('Sở Công Thương có trách nhiệm hướng dẫn các huyện triển khai Chương trình giai đoạn 2027 - 2030.'));
    expect(u).toMatchObject({ start: null, due: null });
  });

  it('keeps a yearly deadline as a recurrence, but not a "hằng năm" that qualifies something else', () => {
    const [a, b] = tasksFromText(
      plan(
        'Sở Tài chính: Tổng hợp, báo cáo kết quả thực hiện trước ngày 10 tháng 12 hằng năm.',
        'Sở Nội vụ: Tham mưu bố trí biên chế theo kế hoạch hằng năm của tỉnh.',
      ),
    );
    expect(a!.recurrence).toBe('1/year');
    expect(b!.recurrence).toBeNull();
  });

  it('counts the days a yearly report falls on ("trước ngày 15/6 và 15/12 hằng năm"), unless a rhythm is stated before them', () => {
    const [a, b, c] = tasksFromText(
      plan(
        'Sở Xây dựng: Tổng hợp, báo cáo kết quả trước ngày 10/6 và 10/12 hằng năm.',
        'Sở Công Thương: Báo cáo tình hình thực hiện vào tháng 3, tháng 6, tháng 9 và tháng 12 hằng năm.',
        'Sở Y tế: Tổng hợp, báo cáo định kỳ 6 tháng, trước ngày 20/6 và 20/12 hằng năm.',
      ),
    );
    expect(a!.recurrence).toBe('2/year');
    expect(b!.recurrence).toBe('4/year');
    expect(c!.recurrence).toBe('1/6 months');
  });

  it('ends a lead at the work it does ("bảo đảm", "kiểm soát", "đẩy mạnh"), but not at a kind named by what it does itself ("tự bảo đảm chi")', () => {
    expect(tasksFromText(plan('Ban Tài chính Liên đoàn Lao động tỉnh bảo đảm kinh phí thực hiện Kế hoạch.'))[0]!.lead).toEqual(['Ban Tài chính Liên đoàn Lao động tỉnh']);
    expect(sentenceLead('Đề nghị Kho bạc Nhà nước tỉnh kiểm soát chi theo phương án tự chủ.')).toEqual(['Kho bạc Nhà nước tỉnh']);
    expect(sentenceLead('Các đơn vị sự nghiệp công lập tự bảo đảm chi thường xuyên xây dựng phương án tự chủ.')).toEqual(['Các đơn vị sự nghiệp công lập tự bảo đảm chi thường xuyên']);
    // "Sở Kế hoạch và Đầu tư chủ trì": "Đầu tư" is no "tự"
    expect(sentenceLead('Giao Sở Kế hoạch và Đầu tư chủ trì thẩm định.')).toEqual(['Sở Kế hoạch và Đầu tư']);
    // a trade union is a body of its own after "và"
    expect(sentenceLead('Liên đoàn Lao động các huyện và Công đoàn ngành Giáo dục tỉnh tổ chức tuyên truyền.')).toEqual(['Liên đoàn Lao động các huyện', 'Công đoàn ngành Giáo dục tỉnh']);
  });

  it('reads the work a decision\'s own articles give, but not the article handing over a plan it issues', () => {
    const decision = (...articles: string[]) => ['QUYẾT ĐỊNH:', '', ...articles, 'Điều 9. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng và Giám đốc các sở chịu trách nhiệm thi hành Quyết định này./.'].join('\n');
    const ts = tasksFromText(
      decision(
        'Điều 1. Giao Cục Văn hóa cơ sở chủ trì, phối hợp với Vụ Kế hoạch, Tài chính:',
        '1. Xây dựng đề án phát triển thư viện cơ sở, trình Bộ trưởng trước ngày 30/9/2026.',
        '2. Tổ chức tập huấn cho cán bộ thư viện cấp huyện trong quý IV năm 2026.',
        'Điều 2. Giao Vụ Pháp chế chủ trì, phối hợp với Trung tâm Công nghệ thông tin rà soát các văn bản, hoàn thành trước ngày 31/12/2026.',
      ),
    );
    expect(ts.map((t) => [t.lead, t.partners, t.due])).toEqual([
      [['Cục Văn hóa cơ sở'], ['Vụ Kế hoạch, Tài chính'], '2026-09-30'],
      [['Cục Văn hóa cơ sở'], ['Vụ Kế hoạch, Tài chính'], '2026-12-31'],
      [['Vụ Pháp chế'], ['Trung tâm Công nghệ thông tin'], '2026-12-31'],
    ]);
    const issuing = tasksFromText(decision('Điều 1. Phê duyệt Kế hoạch phát triển thư viện cơ sở giai đoạn 2026 - 2030 (kèm theo Quyết định này).', 'Điều 2. Giao Sở Văn hóa chủ trì triển khai Kế hoạch, hoàn thành trước ngày 31/12/2026.'));
    expect(issuing).toEqual([]);
  });

  it('reads the articles of a Tổ chức thực hiện chapter ("Điều 5. Trách nhiệm của Sở X", "… của các sở, ban, ngành và …")', () => {
    const text = ['Chương III', 'TỔ CHỨC THỰC HIỆN', 'Điều 5. Trách nhiệm của Sở Tư pháp', '1. Hướng dẫn, kiểm tra việc thực hiện Quy chế này.', 'Điều 6. Trách nhiệm của các sở, ban, ngành và Ủy ban nhân dân các huyện', '1. Cử cán bộ đầu mối, hoàn thành trước ngày 30/6/2026.', 'Chương IV', 'ĐIỀU KHOẢN THI HÀNH', 'Điều 7. Hiệu lực thi hành', '1. Quy chế này có hiệu lực kể từ ngày ký.'].join('\n');
    expect(tasksFromText(text).map((t) => [t.lead, t.content])).toEqual([
      [['Sở Tư pháp'], 'Hướng dẫn, kiểm tra việc thực hiện Quy chế này.'],
      [['các sở, ban, ngành', 'Ủy ban nhân dân các huyện'], 'Cử cán bộ đầu mối, hoàn thành trước ngày 30/6/2026.'],
    ]);
  });

  it('reads a lead-in that follows a dash list with no blank line as a paragraph of its own', () => {
    const text = ['Kính gửi:', '- Chủ tịch Ủy ban nhân dân các xã;', '- Công an huyện.', 'Thực hiện Luật Phòng, chống thiên tai, Ban Chỉ huy huyện yêu cầu:', '1. Công an huyện chủ trì, phối hợp với Đồn Biên phòng Cửa Việt bố trí lực lượng trực 24/24 giờ.'].join('\n');
    expect(tasksFromText(text).map((t) => [t.lead, t.partners])).toEqual([[['Công an huyện'], ['Đồn Biên phòng Cửa Việt']]]);
  });

  it('ends a lead at "gắn việc", "đưa nội dung", "dành thời lượng"', () => {
    expect(sentenceLead('Ban Tổ chức Huyện ủy gắn việc thực hiện Kết luận với đánh giá đảng viên.')).toEqual(['Ban Tổ chức Huyện ủy']);
    expect(sentenceLead('Ủy ban Kiểm tra Huyện ủy đưa nội dung thực hiện vào chương trình kiểm tra.')).toEqual(['Ủy ban Kiểm tra Huyện ủy']);
    expect(sentenceLead('Đề nghị Đài Phát thanh và Truyền hình tỉnh dành thời lượng phù hợp tuyên truyền.')).toEqual(['Đài Phát thanh và Truyền hình tỉnh']);
  });

  it('reads a heading "Đề nghị X:" as X\'s items, an item opening "Báo cáo …" as work and not a paper, and "báo cáo … hằng quý." as its rhythm', () => {
    const text = ['IV. TỔ CHỨC THỰC HIỆN', '1. Đề nghị Ủy ban nhân dân các huyện, thành phố:', '- Thực hiện giải phóng mặt bằng các cụm công nghiệp trong năm 2027.', '- Báo cáo tình hình thực hiện về Sở Công Thương trước ngày 10/6 và 10/12 hằng năm.', '2. Văn phòng Sở tổng hợp tình hình, báo cáo Giám đốc Sở hằng quý.'].join('\n');
    expect(tasksFromText(text).map((t) => [t.lead, t.recurrence])).toEqual([
      [['Ủy ban nhân dân các huyện, thành phố'], null],
      [['Ủy ban nhân dân các huyện, thành phố'], '2/year'],
      [['Văn phòng Sở'], '1/quarter'],
    ]);
    expect(sentenceLead('Báo Quảng Ninh mở chuyên mục tuyên truyền.')).toEqual(['Báo Quảng Ninh']);
  });

  it('dates a task by a span of days it is to run in ("trong thời gian từ ngày … đến ngày …")', () => {
    const [t] = tasksFromText(plan('Giao Phòng Công nghệ thông tin bảo đảm hệ thống khai thuế điện tử hoạt động thông suốt trong thời gian từ ngày 15/3/2027 đến ngày 10/5/2027.'));
    expect([t!.start, t!.due]).toEqual(['2027-03-15', '2027-05-10']);
  });

  it('cuts a Party lead at "lãnh đạo" (the verb), not the body it leads', () => {
    const [t] = tasksFromText(plan('Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo Ủy ban nhân dân tỉnh xây dựng kế hoạch thực hiện.'));
    expect(t!.lead).toEqual(['Ban cán sự đảng Ủy ban nhân dân tỉnh']);
  });
  it('keeps a sentence hard-wrapped after "và" in one task, partners and all', () => {
    const text = plan('Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính và\nSở Xây dựng cân đối, bố trí vốn đầu tư năm 2027, hoàn thành trước ngày 31/12/2026.');
    const ts = tasksFromText(text);
    expect(ts).toHaveLength(1);
    expect(ts[0]).toMatchObject({ lead: ['Sở Kế hoạch và Đầu tư'], partners: ['Sở Tài chính', 'Sở Xây dựng'], due: '2026-12-31' });
  });

  it('still ends a short numbered heading before the capitalised line under it', () => {
    const ts = tasksFromText(plan('Sở Nội vụ\nChủ trì tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2026.'));
    expect(ts[0]!.lead).toEqual(['Sở Nội vụ']);
  });
  it('does not take a numbered sentence cut before a capitalised name for a heading', () => {
    const ts = tasksFromText(plan('Giao Chi cục Thủy lợi chủ trì, phối hợp với Trung tâm\nKhuyến nông tỉnh hướng dẫn các địa phương, hoàn thành trước ngày 30/6/2027.'));
    expect(ts).toHaveLength(1);
    expect(ts[0]).toMatchObject({ lead: ['Chi cục Thủy lợi'], partners: ['Trung tâm Khuyến nông tỉnh'], due: '2027-06-30' });
  });

  it('cuts a lead at "tăng cường" and "vận động"', () => {
    const [t] = tasksFromText(plan('Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tăng cường tuyên truyền, vận động nhân dân thực hiện.'));
    expect(t!.lead).toEqual(['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh']);
  });
  it('reads a lone "|" line (a table flattened one cell per line) as a blank line', () => {
    const text = 'III. TỔ CHỨC THỰC HIỆN\n1. Các công đoàn cơ sở có trách nhiệm báo cáo kết quả trước ngày 05/6/2027.\n|\nNơi nhận:\n- Như trên;\n- Lưu: VT.';
    const ts = tasksFromText(text);
    expect(ts.map((t) => t.lead)).toEqual([['Các công đoàn cơ sở']]);
  });

  it('cuts a lead at "là cơ quan thường trực"', () => {
    const [t] = tasksFromText(plan('Sở Công Thương là cơ quan thường trực, chủ trì theo dõi, đôn đốc thực hiện Kế hoạch.'));
    expect(t!.lead).toEqual(['Sở Công Thương']);
  });
});

