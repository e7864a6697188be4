// Tasks in the shapes real files take (issue 20): a plan table pasted as Markdown pipe rows, a
// lead with its work after a colon in lower case, an assigning sentence or "Nơi nhận" with no
// blank line before it, a rhythm in a later clause, a lead named by any body head ("Phòng …",
// "Ủy ban Kiểm tra …"). Sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { segmentText } from '../../src/segment/index.ts';
import { extractDocument } from '../../src/extract/index.ts';
import { tasksFromText } from '../../src/extract/tasks.ts';

const tasksOf = (text: string) => {
  const [doc] = segmentText(text);
  return extractDocument(doc!, text, []).tasks;
};

describe('tasks in the shapes real files take', () => {
  it('an agency heading naming two bodies with "và" and a capital gives two leads; "và các đoàn thể" stays with its body', () => {
    const text = [
      'II. TỔ CHỨC THỰC HIỆN',
      '1. Các bệnh viện tuyến tỉnh và Trung tâm Y tế các huyện, thành phố',
      '- Triển khai Tuần lễ Dinh dưỡng trong tháng 10 năm 2027.',
      '2. Ủy ban Mặt trận Tổ quốc Việt Nam huyện và các đoàn thể',
      '- Tuyên truyền, vận động hội viên tham gia.',
      '',
      'Nơi nhận:',
    ].join('\n');
    expect(tasksFromText(text).map((t) => t.lead)).toEqual([['Các bệnh viện tuyến tỉnh', 'Trung tâm Y tế các huyện, thành phố'], ['Ủy ban Mặt trận Tổ quốc Việt Nam huyện và các đoàn thể']]);
  });

  it('Party and Youth Union bodies lead their items of a directive (chi bộ, cấp ủy, Huyện đoàn), cut at sơ kết / xác định / chuẩn bị', () => {
    const text = [
      'Ban Thường vụ Huyện ủy yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt một số nội dung sau:',
      '1. Các chi bộ, đảng bộ cơ sở rà soát nguồn phát triển đảng viên trong quý I năm 2027.',
      '2. Huyện đoàn phối hợp với Trung tâm Chính trị huyện tổ chức lớp bồi dưỡng.',
      '3. Các cấp ủy cơ sở sơ kết việc thực hiện Chỉ thị vào tháng 12 năm 2027.',
      '4. Các bệnh viện, trung tâm y tế chuẩn bị đầy đủ thuốc, vật tư.',
      '',
      'Nơi nhận:',
    ].join('\n');
    expect(tasksFromText(text).map((t) => t.lead)).toEqual([['Các chi bộ, đảng bộ cơ sở'], ['Huyện đoàn'], ['Các cấp ủy cơ sở'], ['Các bệnh viện, trung tâm y tế']]);
  });

  it('a plan table pasted as Markdown pipe rows is a table, one task a row', () => {
    const text = [
      'KẾ HOẠCH',
      'Phổ cập giáo dục mầm non năm 2030',
      'II. PHÂN CÔNG',
      '| TT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện |',
      '|---|---|---|---|---|',
      '| I | Công tác chỉ đạo | | | |',
      '| 1 | Kiện toàn Ban Chỉ đạo | Phòng Giáo dục Mầm non | Văn phòng Sở | Quý I/2030 |',
      '| 2 | Bồi dưỡng giáo viên | Phòng Tổ chức cán bộ | Trường Cao đẳng Sư phạm | Tháng 6/2030 |',
      '',
    ].join('\n');
    const tasks = tasksOf(text);
    expect(tasks.map((t) => [t.lead, t.partners, t.due, t.group, t.source])).toEqual([
      [['Phòng Giáo dục Mầm non'], ['Văn phòng Sở'], '2030-03-31', 'I', 'table'],
      [['Phòng Tổ chức cán bộ'], ['Trường Cao đẳng Sư phạm'], '2030-06-30', 'I', 'table'],
    ]);
  });

  it('a column of when to finish a period gives its start too; a deadline only the due date', () => {
    const text = [
      'KẾ HOẠCH',
      'Phát triển du lịch nông thôn năm 2027',
      'II. PHÂN CÔNG',
      '| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |',
      '|---|---|---|---|---|',
      '| 1 | Khảo sát các điểm du lịch | Sở Du lịch | Ủy ban nhân dân các huyện | Quý II/2027 |',
      '| 2 | Ban hành bộ tiêu chí homestay | Sở Du lịch | Sở Xây dựng | 2027 - 2028 |',
      '| 3 | Báo cáo sơ kết | Sở Du lịch | Các sở, ngành | Trước ngày 15/12/2027 |',
    ].join('\n');
    expect(tasksOf(text).map((t) => [t.start, t.due])).toEqual([
      ['2027-04-01', '2027-06-30'],
      ['2027-01-01', '2028-12-31'],
      [null, '2027-12-15'],
    ]);
  });

  it('reads a lead before a colon whatever the case after it, and any body head as a lead', () => {
    const tasks = tasksFromText(
      [
        'IV. TỔ CHỨC THỰC HIỆN',
        '1. Ủy ban nhân dân các huyện, thị xã: chỉ đạo các trạm y tế xã tuyên truyền.',
        '2. Phòng Kế hoạch - Tài chính: rà soát kinh phí, hoàn thành trước ngày 30/6/2030.',
        '3. Ủy ban Kiểm tra Huyện ủy theo dõi, giám sát việc thực hiện; định kỳ hằng năm báo cáo Ban Thường vụ.',
        '4. Sở Tài chính thẩm định, cấp phát kinh phí; thực hiện thường xuyên.',
        'Giao Sở Y tế theo dõi, đôn đốc; định kỳ 6 tháng/01 lần tổng hợp, báo cáo Ủy ban nhân dân tỉnh.',
        'Nơi nhận:',
        '- Ban Bí thư Trung ương Đảng,',
        '- Lưu Văn phòng.',
      ].join('\n'),
    );
    expect(tasks.map((t) => [t.lead, t.content.slice(0, 12), t.due, t.recurrence])).toEqual([
      [['Ủy ban nhân dân các huyện, thị xã'], 'chỉ đạo các ', null, null],
      [['Phòng Kế hoạch - Tài chính'], 'rà soát kinh', '2030-06-30', null],
      [['Ủy ban Kiểm tra Huyện ủy'], 'Ủy ban Kiểm ', null, '1/year'],
      [['Sở Tài chính'], 'Sở Tài chính', null, 'continuous'],
      [['Sở Y tế'], 'Giao Sở Y tế', null, '1/6 months'],
    ]);
  });

  it('reads a rhythm opening a clause after a comma', () => {
    const tasks = tasksFromText(
      [
        'IV. TỔ CHỨC THỰC HIỆN',
        '1. Sở Nội vụ: theo dõi, đôn đốc, định kỳ 6 tháng báo cáo Ủy ban nhân dân tỉnh.',
        '2. Ủy ban nhân dân các xã: xây dựng kế hoạch của xã, thường xuyên rà soát các tiêu chí.',
        '3. Sở Tài chính: tổng hợp kết quả, định kỳ hằng quý báo cáo Ủy ban nhân dân tỉnh.',
        '4. Sở Y tế: tham mưu bố trí biên chế theo kế hoạch hằng năm của tỉnh.',
      ].join('\n'),
    );
    expect(tasks.map((t) => t.recurrence)).toEqual(['1/6 months', 'continuous', '1/quarter', null]);
  });
});

