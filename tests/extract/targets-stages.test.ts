// Targets as plans state them: several values with their own years, a list head that dates the
// items, the title's horizon, values listed under one quantifier, interim values in parentheses,
// footnote marks, definitions. Sentences written for these tests, in the genre's shapes.
import { describe, expect, it } from 'vitest';
import { findTargets, horizonOf } from '../../src/extract/targets.ts';

const brief = (text: string, title?: string) =>
  findTargets(text, 0, { title }).map((t) => `${t.comparator}${t.value}${t.unit} ${t.deadline}${t.deadlineInferred ? ' (inferred)' : ''} | ${t.subject}`);

describe('targets stated in stages', () => {
  it('dates a stage of one year ("giai đoạn 2028:") after a stage of two, each value its own', () => {
    const out = brief('II. MỤC TIÊU\n1. Giai đoạn 2026 - 2027: cấp mới ít nhất 15 mã số vùng trồng; giai đoạn 2028: cấp mới thêm 8 mã số vùng trồng và xây dựng 03 chuỗi liên kết tiêu thụ nhãn.');
    expect(out.map((t) => t.split(' | ')[0])).toEqual(['>=15mã số vùng trồng 2027-12-31', '=8mã số vùng trồng 2028-12-31', '=3chuỗi liên kết 2028-12-31']);
  });

  it('does not carry the whole\'s "ít nhất" into its "trong đó" part', () => {
    const out = brief('2. Mục tiêu cụ thể\n- Đến năm 2027, có ít nhất 60 xã đạt chuẩn nông thôn mới, trong đó 10 xã đạt chuẩn nông thôn mới nâng cao.');
    expect(out.map((t) => t.split(' | ')[0])).toEqual(['>=60xã 2027-12-31', '=10xã 2027-12-31']);
  });

  it('counts villages ("làng, bản") when a quantifier states them', () => {
    expect(brief('c) Đến năm 2027, hình thành ít nhất 25 làng, bản du lịch cộng đồng.').map((t) => t.split(' | ')[0])).toEqual(['>=25làng, bản 2027-12-31']);
  });

  it('gives each value the year written beside it', () => {
    expect(brief('- Tỷ lệ hộ gia đình sử dụng nước sạch đạt 85% vào năm 2026 và 98% vào năm 2030.')).toEqual([
      '=85% 2026-12-31 | Tỷ lệ hộ gia đình sử dụng nước sạch',
      '=98% 2030-12-31 | Tỷ lệ hộ gia đình sử dụng nước sạch',
    ]);
  });

  it('keeps each value with its own deadline and complement', () => {
    expect(brief('2. Các đơn vị thu nộp ngân sách đạt trên 40% dự toán trước ngày 30/9/2024 và đạt 100% dự toán trước ngày 15/12/2024.')).toEqual([
      '>=40% 2024-09-30 | Các đơn vị thu nộp ngân sách dự toán',
      '=100% 2024-12-15 | Các đơn vị thu nộp ngân sách dự toán',
    ]);
  });

  it('dates a line by its list head, and reads "giảm … xuống còn" and "xuống dưới" as at most', () => {
    expect(brief('- Đến năm 2027: tỷ lệ người hút thuốc giảm xuống còn 20%; tỷ lệ trẻ bị béo phì xuống dưới 10%.')).toEqual([
      '<=20% 2027-12-31 | tỷ lệ người hút thuốc',
      '<=10% 2027-12-31 | tỷ lệ trẻ bị béo phì',
    ]);
  });

  it('carries one quantifier over the values listed with it, each with its own qualifier', () => {
    expect(brief('1. Hệ thống hội nghị truyền hình được triển khai tại 100% ở cấp tỉnh, ít nhất 70% cấp huyện và 50% cấp xã vào năm 2026.')).toEqual([
      '=100% 2026-12-31 | Hệ thống hội nghị truyền hình được triển khai ở cấp tỉnh',
      '>=70% 2026-12-31 | Hệ thống hội nghị truyền hình được triển khai cấp huyện',
      '>=50% 2026-12-31 | Hệ thống hội nghị truyền hình được triển khai cấp xã',
    ]);
  });

  it('reads an interim value in parentheses as a target of its own year', () => {
    expect(brief('- Tỷ lệ xã có điểm bưu điện văn hóa đạt 90% (năm 2025: 75%) vào năm 2027.')).toEqual([
      '=90% 2027-12-31 | Tỷ lệ xã có điểm bưu điện văn hóa',
      '=75% 2025-12-31 | Tỷ lệ xã có điểm bưu điện văn hóa',
    ]);
  });

  it('reads an interim value in the value\'s own unit, not one in another unit', () => {
    expect(brief('II. MỤC TIÊU\n1. Doanh thu từ dịch vụ logistics đạt trên 2.400 tỷ đồng (năm 2026: 1.800 tỷ đồng) vào năm 2028.')).toEqual([
      '>=2400tỷ đồng 2028-12-31 | Doanh thu từ dịch vụ logistics',
      '=1800tỷ đồng 2026-12-31 | Doanh thu từ dịch vụ logistics',
    ]);
    expect(brief('II. MỤC TIÊU\n1. Doanh thu từ dịch vụ logistics đạt trên 2.400 tỷ đồng (năm 2026: 60%) vào năm 2028.').map((t) => t.split(' | ')[0])).toEqual(['>=2400tỷ đồng 2028-12-31']);
  });

  it('reads an interim value after the value\'s own words or year, up to its clause\'s end', () => {
    expect(brief('II. MỤC TIÊU\n- Đến năm 2028: vốn ủy thác chiếm tối thiểu 12% tổng nguồn vốn tín dụng (năm 2027: 9%); nợ quá hạn dưới 0,5%.').map((t) => t.split(' | ')[0])).toEqual(['>=12% 2028-12-31', '=9% 2027-12-31', '<=0.5% 2028-12-31']);
    expect(brief('II. MỤC TIÊU\na) Tỷ lệ hộ dùng nước sạch đạt 95% vào năm 2030 (năm 2028: 90%).').map((t) => t.split(' | ')[0])).toEqual(['=95% 2030-12-31', '=90% 2028-12-31']);
    // not past another value, nor into the next clause
    expect(brief('II. MỤC TIÊU\na) Tỷ lệ hộ dùng nước sạch đạt 95% vào năm 2030; nhà tiêu hợp vệ sinh (năm 2028: 90%).').map((t) => t.split(' | ')[0])).toEqual(['=95% 2030-12-31']);
  });

  it('reads a share of people "có nhu cầu được vay vốn đạt 90%" as a target, but not a loan\'s rate or a threshold that defines who', () => {
    expect(brief('II. MỤC TIÊU\n- Tỷ lệ hộ nghèo có nhu cầu được vay vốn đạt 90% vào năm 2028 và 95% vào năm 2030.').map((t) => t.split(' | ')[0])).toEqual(['=90% 2028-12-31', '=95% 2030-12-31']);
    expect(brief('II. MỤC TIÊU\n- Hội viên nghèo được vay vốn ưu đãi với lãi suất 0,5%/tháng.')).toEqual([]);
    expect(brief('II. MỤC TIÊU\n- Cho vay đối với hộ có thu nhập dưới 1,5 triệu đồng/người/tháng.')).toEqual([]);
  });

  it('reads what a report\'s "Phương hướng, nhiệm vụ năm …" or "Kế hoạch năm …" states for the year ahead, counts included', () => {
    expect(brief('II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027\n1. Tổng sản lượng khai thác hải sản đạt 210.000 tấn; kim ngạch xuất khẩu đạt trên 90 triệu USD.').map((t) => t.split(' | ')[0])).toEqual(['=210000tấn 2027-12-31', '>=90triệu USD 2027-12-31']);
    expect(brief('II. KẾ HOẠCH NĂM 2027\n1. Tổng số lượt khám bệnh đạt 320.000 lượt.').map((t) => t.split(' | ')[0])).toEqual(['=320000lượt 2027-12-31']);
    // (a definition there is still none: "… là cơ sở có mức tiêu thụ … từ 1.000 tấn dầu tương đương")
    expect(brief('3. Định hướng đến năm 2030:\n- Cơ sở trọng điểm là cơ sở có mức tiêu thụ năng lượng hằng năm quy đổi từ 1.000 tấn trở lên.')).toEqual([]);
  });

  it('reads the items under a lead-in that ends "phấn đấu:" as goals in a document that quotes results', () => {
    const out = findTargets('1. Tiếp tục thực hiện nghiêm Chỉ thị số 40-CT/TW; phấn đấu:\n- Tỷ lệ hộ có nhu cầu được vay vốn đạt 90% vào năm 2028.', 0, { commitmentsOnly: true, issued: '2026-05-01' });
    expect(out.map((t) => `${t.value}${t.unit} ${t.deadline}`)).toEqual(['90% 2028-12-31']);
  });

  it('states a range\'s floor of what its ceiling is ("Kéo giảm từ 5% đến 10% số vụ …", "Đón từ 1.200.000 đến 1.350.000 lượt khách"), never of "đến"', () => {
    expect(brief('II. MỤC TIÊU\n1. Kéo giảm từ 5% đến 10% số vụ tai nạn giao thông so với năm 2026 vào năm 2028.')).toEqual([
      '>=5% 2028-12-31 | số vụ tai nạn giao thông',
      '<=10% 2028-12-31 | số vụ tai nạn giao thông',
    ]);
    expect(brief('II. MỤC TIÊU\na) Đón từ 1.200.000 đến 1.350.000 lượt khách vào năm 2028.').map((t) => t.split(' | ')[1])).not.toContain('đến');
  });

  it('does not date a value by the year it is compared with ("so với cùng kỳ năm 2026"), and reads "6 tháng đầu năm" as a half-year', () => {
    expect(brief('II. MỤC TIÊU\n1. Trong 6 tháng đầu năm 2027, số người chết do tai nạn giao thông giảm ít nhất 3% so với cùng kỳ năm 2026.', 'KẾ HOẠCH bảo đảm trật tự an toàn giao thông năm 2027')).toEqual([
      '>=3% 2027-06-30 | số người chết do tai nạn giao thông',
    ]);
  });

  it('reads a unit written with marks as that unit only ("05 kỹ thuật" is no "kỳ", "60 câu lạc bộ" no "cầu"), and unmarked text as before', () => {
    expect(brief('II. MỤC TIÊU\n2. Triển khai ít nhất 05 kỹ thuật mới; thành lập 60 câu lạc bộ; tổ chức ít nhất 3 kỳ thi.').map((t) => t.split(' | ')[0].replace(/ .*/, ''))).toEqual(['>=5kỹ', '=60câu', '>=3kỳ']);
    expect(brief('II. MUC TIEU\n2. To chuc it nhat 3 ky thi.').map((t) => t.split(' | ')[0])).toEqual(['>=3kỳ null']);
  });

  it('leaves out money and rates a plan spends or grants, and conditions ("trong đó ngân sách huyện 1,2 tỷ đồng", "được thưởng", "lãi suất", "trong thời hạn không quá 30 ngày", "trong bán kính 5 km")', () => {
    const text = [
      'II. MỤC TIÊU',
      '- Tổng kinh phí thực hiện giai đoạn 2026 - 2028 khoảng 3,6 tỷ đồng, trong đó ngân sách huyện 1,2 tỷ đồng.',
      '- Thôn 3 năm liền không có người sinh con thứ 3 được thưởng 5 triệu đồng.',
      '- Hộ nghèo được vay tối đa 50 triệu đồng/hộ với lãi suất 3%/năm.',
      '- Cơ sở vi phạm phải khắc phục trong thời hạn không quá 30 ngày.',
      '- Lực lượng chữa cháy có mặt tại các điểm cháy trong bán kính 5 km không quá 15 phút.',
    ].join('\n');
    expect(brief(text).map((t) => t.split(' | ')[0])).toEqual(['<=15phút null']);
  });

  it('leaves out a thing defined by a threshold ("X là Y có … trên", "được tính là … khi … từ")', () => {
    const text = ['II. MỤC TIÊU', '- Rừng giàu là rừng có trữ lượng trên 200 m³/ha.', '- Hộ được tính là sử dụng nước sạch khi lượng nước sử dụng từ 60 lít/người/ngày trở lên.', '- Đến năm 2028, tỷ lệ che phủ rừng đạt 52%.'].join('\n');
    expect(brief(text).map((t) => t.split(' | ')[0])).toEqual(['=52% 2028-12-31']);
  });

  it('leaves out forecasts, a team\'s size, a policy labelled as such, co-financing, running costs and a frequency of supervision', () => {
    const text = [
      'II. MỤC TIÊU',
      '- Nhu cầu đi lại dự báo tăng khoảng 15% so với năm 2026.',
      '- Mỗi đoàn kiểm tra gồm từ 03 đến 05 thành viên.',
      '- Cơ chế hỗ trợ: hỗ trợ tối đa 30% kinh phí, không quá 500 triệu đồng/dự án.',
      '- Doanh nghiệp phải có vốn đối ứng tối thiểu 70% tổng kinh phí.',
      '- Kinh phí hoạt động 6 tháng cuối năm dự kiến 1,2 tỷ đồng.',
      '- 100% tỉnh được kiểm tra hoặc giám sát ít nhất 01 lần trong năm 2027.',
    ].join('\n');
    expect(brief(text).map((t) => t.split(' | ')[0])).toEqual(['=100% 2027-12-31']);
  });

  it('does not let a later clause\'s own date reach back ("… đạt 85%; 100% xóm … trước ngày 30/9/2027"), nor a comparison\'s year ("so với dịp Tết … năm 2026")', () => {
    expect(brief('II. MỤC TIÊU\n4. Tỷ lệ hộ dùng nước hợp vệ sinh đạt 85%; 100% xóm có tổ thu gom rác thải trước ngày 30/9/2027.', 'KẾ HOẠCH bảo vệ môi trường năm 2027').map((t) => t.split(' | ')[0])).toEqual(['=85% 2027-12-31 (inferred)', '=100% 2027-09-30']);
    expect(brief('II. MỤC TIÊU\n- Kéo giảm 5% số vụ tai nạn giao thông so với dịp Tết Nguyên đán năm 2026.', 'KẾ HOẠCH năm 2027').map((t) => t.split(' | ')[0])).toEqual(['=5% 2027-12-31 (inferred)']);
  });

  it('reads compound units whole ("căn hộ", "làng nghề"), a term of office by the year it opens, and leaves out a rule the plan restates', () => {
    const text = [
      'II. MỤC TIÊU',
      '- Hoàn thành ít nhất 45.000 căn hộ nhà ở xã hội trong năm 2027.',
      '- Tỷ lệ nữ tham gia Ban Chấp hành Đảng bộ nhiệm kỳ 2030 - 2035 đạt từ 25% trở lên.',
      '- Thời gian giải quyết hồ sơ thực hiện theo quy định không quá 50 ngày làm việc.',
      '- Hạn mức giao đất ở tại nông thôn không quá 400 m²/hộ.',
    ].join('\n');
    expect(brief(text).map((t) => t.split(' | ')[0])).toEqual(['>=45000căn hộ 2027-12-31', '>=25% 2030-12-31']);
  });

  it('reads no target in the quoted name of a cited plan ("Đề án “Đầu tư xây dựng ít nhất 01 triệu căn hộ …”")', () => {
    const text = 'II. MỤC TIÊU\n1. Thực hiện Đề án “Đầu tư xây dựng ít nhất 01 triệu căn hộ nhà ở xã hội giai đoạn 2021 - 2030”, hoàn thành ít nhất 45.000 căn hộ trong năm 2027.';
    expect(brief(text).map((t) => t.split(' | ')[0])).toEqual(['>=45000căn hộ 2027-12-31']);
  });

  it('gives a share stated with no words of its own ("; đến năm 2030 đạt 80%") the subject of the clause before it', () => {
    expect(brief('II. MỤC TIÊU\n1. Đến năm 2027 có ít nhất 60% hợp tác xã ứng dụng công nghệ số; đến năm 2030 đạt 80%; tỷ lệ hộ dùng nước sạch đạt 95% vào năm 2030.')).toEqual([
      '>=60% 2027-12-31 | hợp tác xã ứng dụng công nghệ số',
      '=80% 2030-12-31 | hợp tác xã ứng dụng công nghệ số',
      '=95% 2030-12-31 | tỷ lệ hộ dùng nước sạch',
    ]);
    // a sentence end is no such join
    expect(brief('II. MỤC TIÊU\n1. Đến năm 2027 có ít nhất 60% hợp tác xã ứng dụng công nghệ số. Đến năm 2030 đạt 80%.').map((t) => t.split(' | ')[0])).toEqual(['>=60% 2027-12-31']);
  });

  it('reads "tỷ lệ dân số trưởng thành có … trên 80%" as a target (trưởng thành is no school), and a support budget\'s cap as none', () => {
    expect(brief('- Đến năm 2027: tỷ lệ dân số trưởng thành có điện thoại thông minh trên 80%.').map((t) => t.split(' | ')[0])).toEqual(['>=80% 2027-12-31']);
    expect(brief('II. MỤC TIÊU\nHộ gia đình làm du lịch được hỗ trợ 20 triệu đồng/hộ; kinh phí hỗ trợ hằng năm không quá 2 tỷ đồng.')).toEqual([]);
  });

  it('leaves out the bound of a count that is to be none and a time limit ("không còn xã dưới 10 tiêu chí", "trong vòng 48 giờ")', () => {
    expect(brief('II. MỤC TIÊU\n- Đến năm 2027, không còn xã dưới 12 tiêu chí; 100% ổ dịch được xử lý trong vòng 48 giờ.').map((t) => t.split(' | ')[0])).toEqual(['=100% 2027-12-31']);
  });

  it('leaves out rates of support, reward and loans ("Mức thưởng … là 3 triệu đồng/mô hình", "được vay vốn tối đa 100 triệu đồng/hộ")', () => {
    const text = 'II. MỤC TIÊU\nMức hỗ trợ chi phí tư vấn tối đa 3 triệu đồng/vụ việc/năm.\nMức thưởng mô hình cấp tỉnh là 3 triệu đồng/mô hình.\nHội viên nghèo được vay vốn ưu đãi tối đa 100 triệu đồng/hộ.\nTổng vốn đầu tư công năm 2027 dự kiến khoảng 265 tỷ đồng.';
    expect(brief(text)).toEqual([]);
  });

  it('reads a quota for the other districts ("các huyện còn lại"): what is left over is a result only when it is work left', () => {
    const out = brief('II. CHỈ TIÊU NĂM 2027\n3. Huyện Mường Tè thành lập mới ít nhất 05 tổ hợp tác; các huyện còn lại, mỗi huyện thành lập mới 03 tổ hợp tác.');
    expect(out.map((t) => t.split(' | ')[0])).toEqual(['>=5tổ hợp tác 2027-12-31', '=3tổ hợp tác 2027-12-31']);
  });

  it('leaves a definition in parentheses and a footnote line out', () => {
    const text = [
      '- Đến năm 2028: tỷ lệ người cao tuổi (người từ đủ 60 tuổi trở lên, dưới 5% không có thẻ) có thẻ bảo hiểm y tế trên 95%2.',
      '2 Năm 2023 tỷ lệ này là 81,4%.',
    ].join('\n');
    expect(brief(text)).toEqual(['>=95% 2028-12-31 | tỷ lệ người cao tuổi có thẻ bảo hiểm y tế']);
  });

  it('falls back to the horizon of the title, and says it was inferred', () => {
    const text = 'II. CHỈ TIÊU\n1. Tỷ lệ văn bản đi được ký số đạt ít nhất 90%.';
    expect(brief(text, 'Kế hoạch chuyển đổi số của huyện đến năm 2027')).toEqual([
      '>=90% 2027-12-31 (inferred) | Tỷ lệ văn bản đi được ký số',
    ]);
    expect(horizonOf('về tổ chức bầu cử nhiệm kỳ 2026-2031')).toBeNull();
    expect(horizonOf('Kế hoạch cải cách hành chính năm 2026')).toBe('2026-12-31');
  });

  it('does not let a numbered item date its siblings', () => {
    const text = [
      '1. Phổ biến Luật Phòng, chống tham nhũng năm 2018 đến toàn thể cán bộ.',
      '2. Bảo đảm tỷ lệ kê khai tài sản đúng hạn đạt trên 99%.',
    ].join('\n');
    expect(brief(text)).toEqual(['>=99% null | tỷ lệ kê khai tài sản đúng hạn']);
  });

  it('takes the goal from a lead-in line, but not the dates of what it cites', () => {
    const text = [
      'Thực hiện Công văn số 12/UBND ngày 03 tháng 02 năm 2026 của Ủy ban nhân dân tỉnh, Phòng Nội vụ đề nghị các xã bảo đảm các chỉ tiêu sau:',
      '1. Tỷ lệ hồ sơ được số hóa đạt tối thiểu 70%.',
    ].join('\n');
    expect(findTargets(text, 0, { commitmentsOnly: true }).map((t) => [t.comparator, t.value, t.deadline])).toEqual([['>=', 70, null]]);
  });

  it('reads an amount reached by "đạt" as a target', () => {
    expect(brief('- Thu nhập bình quân của lao động nông thôn đạt 65 triệu đồng vào năm 2026.')).toEqual([
      '=65triệu đồng 2026-12-31 | Thu nhập bình quân của lao động nông thôn',
    ]);
  });
});

describe('a whole, its part, and values after the first', () => {
  it('the whole does not take the date of its "trong đó" part', () => {
    expect(brief('II. MỤC TIÊU ĐẾN NĂM 2030\n3. Cứng hóa 120 km kênh mương nội đồng, trong đó giai đoạn 2026 - 2027 hoàn thành 50 km.')).toEqual([
      '=120km 2030-12-31 | Cứng hóa kênh mương nội đồng',
      '=50km 2027-12-31 | Cứng hóa hoàn thành',
    ]);
  });
  it('a value listed after the first with its own year takes the first one\'s subject', () => {
    expect(brief('II. MỤC TIÊU\n2. Có 70% chi hội phụ nữ do Hội hướng dẫn thành lập hoạt động thường xuyên vào năm 2027 và 85% vào năm 2030.')).toEqual([
      '=70% 2027-12-31 | chi hội phụ nữ do Hội hướng dẫn thành lập hoạt động thường xuyên',
      '=85% 2030-12-31 | chi hội phụ nữ do Hội hướng dẫn thành lập hoạt động thường xuyên',
    ]);
  });
  it('"giảm số thôn chưa có … xuống còn dưới 120 thôn" is a ceiling to reach, not a bound that picks out which', () => {
    expect(brief('II. MỤC TIÊU ĐẾN NĂM 2028\n4. Giảm số thôn, bản chưa có nhà văn hóa xuống còn dưới 120 thôn, bản.').map((t) => t.split(' |')[0])).toEqual(['<=120thôn, bản 2028-12-31']);
  });
  it('"đạt từ 75% trở lên" after "người … có việc làm" is a floor to reach, not a bound that picks out who', () => {
    expect(brief('II. MỤC TIÊU ĐẾN NĂM 2028\n3. Tỷ lệ thanh niên học nghề có việc làm ổn định đạt từ 80% trở lên.')).toEqual(['>=80% 2028-12-31 | Tỷ lệ thanh niên học nghề có việc làm ổn định']);
  });
});

describe('years, supports and a horizon with an outlook', () => {
  it('a stage\'s year before "hỗ trợ" is no count of households (folded "hỗ" reads "hộ")', () => {
    expect(brief('II. MỤC TIÊU\n1. Giai đoạn 2026 - 2028 hỗ trợ xây dựng 900 căn nhà cho hộ nghèo.')).toEqual(['=900căn nhà 2028-12-31 | hỗ trợ xây dựng căn nhà cho hộ nghèo']);
  });
  it('money a support pays per head or per unit is no target', () => {
    expect(brief('II. MỤC TIÊU\n1. Giáo viên về công tác tại xã đặc biệt khó khăn được hỗ trợ một lần 15 triệu đồng/người.')).toEqual([]);
    expect(brief('II. MỤC TIÊU\n1. Ngân sách tỉnh hỗ trợ mỗi xã về đích nông thôn mới 300 triệu đồng.')).toEqual([]);
  });
  it('a title "đến năm 2027, định hướng đến năm 2035" dates the targets that state none 2027', () => {
    expect(horizonOf('KẾ HOẠCH chuyển đổi số tỉnh đến năm 2027, định hướng đến năm 2035')).toBe('2027-12-31');
    expect(horizonOf('CHƯƠNG TRÌNH phát triển du lịch đến năm 2030, tầm nhìn đến năm 2045')).toBe('2030-12-31');
    expect(horizonOf('KẾ HOẠCH phát triển giai đoạn 2026 - 2030')).toBe('2030-12-31');
  });
});

describe('a list head over wrapped lines', () => {
  it('"- Đến năm 2027: …;" dates the line its clauses go on to after a ";"', () => {
    const text = 'II. MỤC TIÊU ĐẾN NĂM 2030\n- Đến năm 2027: diện tích lúa chất lượng cao đạt 12.000 ha;\nthành lập mới 08 hợp tác xã; ít nhất 50% diện tích lúa được cơ giới hóa.\n- Đến năm 2030: diện tích lúa chất lượng cao đạt 15.000 ha.';
    expect(brief(text).map((t) => t.split(' |')[0])).toEqual(['=12000ha 2027-12-31', '=8hợp tác xã 2027-12-31', '>=50% 2027-12-31', '=15000ha 2030-12-31']);
  });
});

describe('a day stated as the deadline and a year naming the plan', () => {
  it('"đến ngày 31/01/2026 giải ngân tối thiểu 95% kế hoạch vốn năm 2025": the day is the deadline', () => {
    expect(brief('II. MỤC TIÊU\n- Phấn đấu đến ngày 31/01/2026 giải ngân đạt tối thiểu 95% kế hoạch vốn năm 2025.').map((t) => t.split(' |')[0])).toEqual(['>=95% 2026-01-31']);
  });
});

describe('a range the value must land in', () => {
  it('is a floor and a ceiling, in the unit written after the second value', () => {
    expect(brief('2. Mục tiêu cụ thể\n- Tỷ lệ người dân được khám sức khỏe định kỳ đạt từ 60% đến 65% vào năm 2027.')).toEqual([
      '>=60% 2027-12-31 | Tỷ lệ người dân được khám sức khỏe định kỳ',
      '<=65% 2027-12-31 | Tỷ lệ người dân được khám sức khỏe định kỳ',
    ]);
    expect(brief('2. Mục tiêu cụ thể\n- Giá trị xuất khẩu tăng bình quân từ 6,5% đến 7%/năm đến năm 2028.').map((t) => t.split(' | ')[0])).toEqual(['>=6.5%/năm 2028-12-31', '<=7%/năm 2028-12-31']);
    expect(brief('2. Mục tiêu cụ thể\n- Đến năm 2026, đào tạo nghề cho từ 4.000 đến 4.500 lao động nông thôn.').map((t) => t.split(' | ')[0])).toEqual(['>=4000lao động 2026-12-31', '<=4500lao động 2026-12-31']);
  });
  it('an age bracket is no range of targets', () => {
    expect(brief('2. Mục tiêu cụ thể\n- Đến năm 2026, 95% trẻ từ 3 đến 5 tuổi được đến trường.').map((t) => t.split(' | ')[0])).toEqual(['=95% 2026-12-31']);
  });
});
