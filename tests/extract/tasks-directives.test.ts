// Tasks of a dispatch or a directive with no "Tổ chức thực hiện" part: the list its lead-in opens
// (GOLD.md). Sentences written for these tests, in the genre's shapes.
import { describe, expect, it } from 'vitest';
import { tasksFromText } from '../../src/extract/tasks.ts';

const directive = (leadIn: string, ...items: string[]) =>
  ['Năm qua, trên địa bàn tỉnh xảy ra 04 vụ cháy rừng, thiệt hại 35 ha.', '', leadIn, '', ...items.flatMap((s, i) => [`${i + 1}. ${s}`, '']), 'Yêu cầu Thủ trưởng các sở, ban, ngành nghiêm túc thực hiện Chỉ thị này./.', '', 'Nơi nhận:', '- Như trên;'].join('\n');

describe('tasks of a directive or a dispatch', () => {
  it('are the items of the list "… chỉ thị:" opens, each with its own lead; the closing request is not one', () => {
    const ts = tasksFromText(
      directive(
        'Để chủ động phòng, chống cháy rừng mùa khô năm 2027, Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:',
        'Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với Công an tỉnh xây dựng phương án chữa cháy rừng, hoàn thành trước ngày 15/01/2027.',
        'Chi cục Kiểm lâm: Bố trí lực lượng trực 24/24 giờ tại các vùng trọng điểm.',
        'Giao Sở Tài chính bố trí kinh phí mua sắm trang thiết bị trong quý I năm 2027.',
      ),
    );
    expect(ts.map((t) => t.lead)).toEqual([['Sở Nông nghiệp và Phát triển nông thôn'], ['Chi cục Kiểm lâm'], ['Sở Tài chính']]);
    expect(ts[0]).toMatchObject({ partners: ['Công an tỉnh'], due: '2027-01-15' });
    expect(ts[1]!.content).toBe('Bố trí lực lượng trực 24/24 giờ tại các vùng trọng điểm.');
    expect(ts[2]).toMatchObject({ start: '2027-01-01', due: '2027-03-31' });
  });

  it('are read after "… yêu cầu … thực hiện một số nội dung sau:" in a dispatch', () => {
    const ts = tasksFromText(
      directive(
        'Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị thực hiện một số nội dung sau:',
        'Ban Chỉ huy Phòng thủ dân sự tỉnh kiện toàn tổ chức, phân công nhiệm vụ cho các thành viên.',
        'Đài Phát thanh - Truyền hình tỉnh thường xuyên đưa tin về tình hình thời tiết.',
        'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức thành viên tuyên truyền, vận động nhân dân.',
      ),
    );
    expect(ts.map((t) => t.lead)).toEqual([['Ban Chỉ huy Phòng thủ dân sự tỉnh'], ['Đài Phát thanh - Truyền hình tỉnh'], ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'các tổ chức thành viên']]);
    expect(ts[1]!.recurrence).toBe('continuous');
  });

  it('are read in a Party directive whose lead-in comes right under the title rule', () => {
    const text = [
      'CHỈ THỊ',
      'CỦA BAN THƯỜNG VỤ HUYỆN ỦY',
      'về tăng cường công tác phòng, chống thiên tai năm 2027',
      '-----',
      'Để chủ động ứng phó với thiên tai, Ban Thường vụ Huyện ủy yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt một số nội dung sau:',
      '1. Ban Tuyên giáo Huyện ủy phối hợp với Ủy ban Mặt trận Tổ quốc huyện đẩy mạnh tuyên truyền.',
      '2. Ủy ban Kiểm tra Huyện ủy kiểm tra, giám sát việc thực hiện Chỉ thị, hoàn thành trước ngày 30/11/2027.',
      'Chỉ thị này được phổ biến đến chi bộ./.',
    ].join('\n');
    const ts = tasksFromText(text);
    expect(ts.map((t) => t.lead)).toEqual([['Ban Tuyên giáo Huyện ủy'], ['Ủy ban Kiểm tra Huyện ủy']]);
    expect(ts[1]!.due).toBe('2027-11-30');
  });

  it('are read after "… kết luận như sau:" and "… có ý kiến như sau:"', () => {
    for (const leadIn of ['Chủ tịch Ủy ban nhân dân tỉnh kết luận như sau:', 'Chủ tịch Ủy ban nhân dân tỉnh có ý kiến như sau:']) {
      const ts = tasksFromText(directive(leadIn, 'Sở Tài chính cân đối, bố trí kinh phí cho công tác phòng, chống thiên tai.', 'Các sở, ngành khẩn trương kiện toàn Ban Chỉ huy phòng, chống thiên tai.'));
      expect(ts.map((t) => t.lead), leadIn).toEqual([['Sở Tài chính'], ['Các sở, ngành']]);
    }
  });

  it('are the items a Party notice\'s "… Thường trực Tỉnh ủy giao:" opens', () => {
    const ts = tasksFromText(
      directive(
        'Để thực hiện các nhiệm vụ trên, Thường trực Tỉnh ủy giao:',
        'Ban Tổ chức Tỉnh ủy hướng dẫn huyện kiện toàn cán bộ chủ chốt cấp xã trong quý II năm 2027.',
        'Văn phòng Tỉnh ủy theo dõi, đôn đốc việc thực hiện; định kỳ 6 tháng báo cáo Thường trực Tỉnh ủy.',
      ),
    );
    expect(ts.map((t) => [t.lead, t.recurrence])).toEqual([[['Ban Tổ chức Tỉnh ủy'], null], [['Văn phòng Tỉnh ủy'], '1/6 months']]);
  });

  it('are not read from a list that a lead-in of facts or aims opens', () => {
    for (const leadIn of [
      'Kết quả đạt được như sau:',
      'Mục tiêu cụ thể của Kế hoạch như sau:',
      'Thực hiện Quyết định số 12/QĐ-UBND, các đơn vị đã triển khai các nội dung sau:',
      'Kế hoạch đặt ra các yêu cầu như sau:',
      'Kết quả bảo đảm trật tự an toàn giao thông năm 2026 như sau:',
    ]) {
      const ts = tasksFromText(directive(leadIn, 'Sở Y tế tổ chức tiêm chủng cho 95% trẻ em.', 'Sở Giáo dục và Đào tạo xây dựng 12 trường chuẩn quốc gia.'));
      expect(ts, leadIn).toEqual([]);
    }
  });
});
