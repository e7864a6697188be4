// Targets in the units plans state them (data/codes/units.tsv), and a part that looks back is not
// a plan's target. Sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { findTargets, joinWrapped } from '../../src/extract/targets.ts';

const values = (text: string) => findTargets(text).map((t) => [t.comparator, t.value, t.unit, t.deadline]);

describe('targets: units and parts that look back', () => {
  it('reads measures with a comparator, thousands grouped by a point, a share per year', () => {
    expect(values('II. MỤC TIÊU\n- Gieo trồng vụ Đông Xuân đạt ít nhất 47.000 ha lúa, hoàn thành trước ngày 31 tháng 01 năm 2030.')).toEqual([['>=', 47000, 'ha', '2030-01-31']]);
    expect(values('II. MỤC TIÊU\n- Đến năm 2030: thời gian chờ khám bệnh không quá 60 phút.')).toEqual([['<=', 60, 'phút', '2030-12-31']]);
    expect(values('II. MỤC TIÊU\n- Đến năm 2030: đào tạo nghề cho ít nhất 1.500 người.')).toEqual([['>=', 1500, 'người', '2030-12-31']]);
    expect(values('II. MỤC TIÊU\n- Đến năm 2030: tốc độ tăng trưởng bình quân đạt trên 8%/năm.')).toEqual([['>=', 8, '%/năm', '2030-12-31']]);
  });

  it('reads "trở lên" after a value as a floor and "trở xuống" as a ceiling, left out of the subject', () => {
    const t = (text: string) => findTargets(text).map((x) => [x.comparator, x.value, x.unit, x.deadline, x.subject]);
    expect(t('II. MỤC TIÊU\n- Năm 2030, tỷ lệ gia đình đạt danh hiệu văn hóa đạt 90% trở lên.')).toEqual([['>=', 90, '%', '2030-12-31', 'tỷ lệ gia đình đạt danh hiệu văn hóa']]);
    const [fires] = t('II. MỤC TIÊU\n- Đến năm 2030, giảm số vụ cháy rừng từ 15% trở lên so với năm 2025.');
    expect(fires!.slice(0, 4)).toEqual(['>=', 15, '%', '2030-12-31']);
    expect(fires![4]).not.toMatch(/trở lên|\btừ$/u);
    expect(t('II. MỤC TIÊU\n- Đến năm 2030, tỷ lệ hộ nghèo đa chiều còn 3% trở xuống.').map((x) => x.slice(0, 3))).toEqual([['<=', 3, '%']]);
  });

  it('reads members, cooperative groups, criteria per commune, heads of livestock, revenue per cooperative; a subsidy cap is none', () => {
    expect(values('II. MỤC TIÊU ĐẾN NĂM 2030\n- Thành lập mới ít nhất 25 tổ hợp tác; tổng số thành viên đạt 3.200 thành viên.')).toEqual([
      ['>=', 25, 'tổ hợp tác', '2030-12-31'],
      ['=', 3200, 'thành viên', '2030-12-31'],
    ]);
    expect(values('II. MỤC TIÊU\n- Số tiêu chí bình quân đạt 18 tiêu chí/xã đến năm 2028.')).toEqual([['=', 18, 'tiêu chí/xã', '2028-12-31']]);
    expect(values('II. MỤC TIÊU NĂM 2028\n- Tổng đàn bò đạt 86.000 con.')).toEqual([['=', 86000, 'con', '2028-12-31']]);
    expect(values('II. MỤC TIÊU\n- Đến năm 2030, doanh thu bình quân đạt 2,5 tỷ đồng/hợp tác xã/năm.')).toEqual([['=', 2.5, 'tỷ đồng/hợp tác xã/năm', '2030-12-31']]);
    expect(values('III. GIẢI PHÁP\n- Đến năm 2030, hợp tác xã được hỗ trợ 30% kinh phí xây dựng nhà sơ chế, tối đa 300 triệu đồng.')).toEqual([]);
    // Under a heading of targets too: a subsidy's share of a cost, and a budget.
    expect(values('II. CHỈ TIÊU NĂM 2028\n1. Giảm 2.000 hộ nghèo.\n2. Hộ mới thoát nghèo được hỗ trợ bảo hiểm y tế 70% mệnh giá thẻ.\n3. Tổng kinh phí thực hiện các chỉ tiêu năm 2028 dự kiến 45 tỷ đồng.')).toEqual([['=', 2000, 'hộ', '2028-12-31']]);
  });

  it('a count written as a compound word or with qualifiers: the listed unit, the counted noun kept in the subject', () => {
    const t = (text: string) => findTargets(text).map((x) => [x.value, x.unit, x.subject]);
    expect(t('II. CHỈ TIÊU NĂM 2027\n1. Xây mới 40 trường học đạt chuẩn.')).toEqual([[40, 'trường học', 'Xây mới trường học đạt chuẩn']]);
    expect(t('II. CHỈ TIÊU NĂM 2027\n1. Tập huấn cho 6.000 lượt người sản xuất rau an toàn.')).toEqual([[6000, 'lượt người', 'Tập huấn cho lượt người sản xuất rau an toàn']]);
    const [poor] = t('II. CHỈ TIÊU NĂM 2027\n1. Giảm ít nhất 900 hộ cận nghèo.');
    expect(poor!.slice(0, 2)).toEqual([900, 'hộ']);
    expect(poor![2]).toContain('hộ cận nghèo');
    expect(t('II. CHỈ TIÊU NĂM 2027\n1. Xây mới 36 phòng học; trồng mới 20.000 cây xanh; thành lập 15 đội văn nghệ; phục dựng ít nhất 04 lễ hội.').map((x) => x.slice(0, 2))).toEqual([
      [36, 'phòng học'], [20000, 'cây xanh'], [15, 'đội'], [4, 'lễ hội'],
    ]);
    // A name in quotes between the value and its unit.
    expect(t('II. CHỈ TIÊU NĂM 2027\n1. Ra mắt 12 "Tuyến đường hoa" ở các xã.').map((x) => x.slice(0, 2))).toEqual([[12, 'tuyến đường']]);
  });

  it('multiples listed with their own years; "trên 1 ha" is per hectare; caps, definitions and money to spend are none', () => {
    expect(values('II. MỤC TIÊU\n- Thu nhập bình quân của hộ đồng bào tăng 1,5 lần vào năm 2026 và 2 lần vào năm 2030 so với năm 2021.')).toEqual([
      ['=', 1.5, 'lần', '2026-12-31'],
      ['=', 2, 'lần', '2030-12-31'],
    ]);
    expect(values('II. MỤC TIÊU\n- Đến năm 2030: giá trị thu được trên 1 ha đất nuôi trồng thủy sản đạt 300 triệu đồng.')).toEqual([['=', 300, 'triệu đồng', '2030-12-31']]);
    expect(values('II. CHỈ TIÊU NĂM 2027\n1. Người khuyết tật được hỗ trợ phương tiện trợ giúp tối đa 5 triệu đồng/người.')).toEqual([]);
    expect(values('II. CHỈ TIÊU NĂM 2027\n1. Hội viên có thu nhập dưới 3 triệu đồng/tháng được ưu tiên vay vốn.')).toEqual([]);
    expect(values('II. CHỈ TIÊU NĂM 2027\n1. Nguồn vốn thực hiện Đề án dự kiến 75 tỷ đồng.')).toEqual([]);
  });

  it('a part reviewing the past quotes results, the goals after it are targets', () => {
    const text = [
      'I. TÌNH HÌNH VÀ NGUYÊN NHÂN',
      'Giai đoạn 2016 - 2020, tốc độ tăng trưởng bình quân đạt 7,2%/năm; tỷ lệ hộ nghèo giảm từ 24,6% xuống còn 13,1%.',
      'II. MỤC TIÊU',
      '- Đến năm 2025: tỷ lệ hộ nghèo giảm xuống dưới 10%.',
    ].join('\n');
    expect(values(text)).toEqual([['<=', 10, '%', '2025-12-31']]);
  });

  it('reads durations and project counts with a comparator', () => {
    expect(values('II. MỤC TIÊU\n- Đến năm 2030: thời gian giải quyết hồ sơ không quá 3 ngày làm việc.')).toEqual([['<=', 3, 'ngày', '2030-12-31']]);
    expect(values('II. MỤC TIÊU\n- Năm 2030 thu hút ít nhất 20 dự án đầu tư.')).toEqual([['>=', 20, 'dự án', '2030-12-31']]);
  });
});

describe('targets in text hard-wrapped at a width', () => {
  const para = [
    'Mục tiêu của kế hoạch là bảo đảm đến hết năm 2025 có ít nhất 60% cơ sở',
    'khám bệnh, chữa bệnh công lập triển khai bệnh án điện tử và đến năm 2026',
    'đạt 100% các cơ sở khám bệnh, chữa bệnh công lập trên địa bàn thành phố;',
    'bảo đảm 100% trạm y tế xã, phường, thị trấn triển khai hồ sơ sức khỏe',
    'điện tử trong năm 2025 và tỷ lệ thanh toán viện phí không dùng tiền mặt',
    'tại các bệnh viện công lập đạt tối thiểu 80% vào năm 2026.',
    '1. Sở Y tế chủ trì.',
  ].join('\n');
  it('joins the lines back into their sentence, every offset kept', () => {
    const joined = joinWrapped(para);
    expect(joined.length).toBe(para.length);
    // a clause end (";") is kept as a break
    expect(joined.split('\n')).toHaveLength(3);
    expect(joined.split('\n')[2]).toBe('1. Sở Y tế chủ trì.');
  });
  it('so a value and its year on different printed lines stay together', () => {
    expect(values(para).map((v) => [v[1], v[3]])).toEqual(expect.arrayContaining([[60, '2025-12-31'], [100, '2026-12-31'], [80, '2026-12-31']]));
  });
  it('leaves text whose lines are paragraphs alone', () => {
    const text = 'Đến năm 2025, tỷ lệ hộ nghèo giảm xuống dưới 10% theo chuẩn nghèo đa chiều của giai đoạn này và các năm sau\nTỷ lệ che phủ rừng đạt 58%.';
    expect(joinWrapped(text)).toBe(text);
  });
});


describe('targets: counts, rates and parts as plans state them', () => {
  it('under a heading of targets a count needs no comparator; elsewhere it does', () => {
    expect(values('II. CHỈ TIÊU CỤ THỂ\n- Đến năm 2027: tiếp đón 420.000 lượt khách; có 15 đô thị.')).toEqual([
      ['=', 420000, 'lượt khách', '2027-12-31'],
      ['=', 15, 'đô thị', '2027-12-31'],
    ]);
    expect(values('III. NHIỆM VỤ\n- Năm 2027 tổ chức 02 lớp tập huấn cho cán bộ xã.')).toEqual([]);
  });

  it('a numbered item stating a count under the targets is an item, not a heading', () => {
    expect(values('II. MỤC TIÊU NĂM 2026\n3. Hỗ trợ việc làm cho 2.300 người lao động thuộc hộ nghèo.')).toEqual([['=', 2300, 'người', '2026-12-31']]);
  });

  it('keeps per-population and per-period rates in the unit, and a per-year count from "mỗi năm"', () => {
    expect(values('II. MỤC TIÊU\n- Đến năm 2028: thu nhập bình quân đạt 68 triệu đồng/người/năm; đạt 29 giường bệnh/vạn dân.')).toEqual([
      ['=', 68, 'triệu đồng/người/năm', '2028-12-31'],
      ['=', 29, 'giường bệnh/vạn dân', '2028-12-31'],
    ]);
    expect(values('II. MỤC TIÊU\n- Giai đoạn 2026 - 2030, bình quân mỗi năm kết nạp ít nhất 900 đảng viên mới.')[0]!.slice(0, 3)).toEqual(['>=', 900, 'đảng viên/năm']);
  });

  it('reads millions grouped by points, and no fraction as a count', () => {
    expect(values('II. MỤC TIÊU\n- Đến năm 2030: đón trên 2.400.000 lượt khách.')).toEqual([['>=', 2400000, 'lượt khách', '2030-12-31']]);
    expect(values('II. MỤC TIÊU\n- Đến năm 2030: nâng tổng số xã đạt chuẩn lên 14/19 xã.')).toEqual([]);
  });

  it('a hard-wrapped value whose line starts with a thousands point stays with its stage', () => {
    const text = ['1. Mục tiêu', 'a) Đến năm 2026: đón 310.000 lượt khách, trong đó khách quốc tế đạt', '42.000 lượt khách.', 'b) Đến năm 2030: đón trên 600.000 lượt khách.'].join('\n');
    expect(values(text).map((v) => [v[1], v[3]])).toEqual([[310000, '2026-12-31'], [42000, '2026-12-31'], [600000, '2030-12-31']]);
  });

  it('an article that reviews the year before is no part of targets, the next article is', () => {
    const text = [
      'Điều 1. Đánh giá tình hình thực hiện kế hoạch năm 2025',
      'Năm 2025, tốc độ tăng trưởng kinh tế ước đạt 7,1%; thu ngân sách đạt 5.100 tỷ đồng.',
      'Điều 2. Mục tiêu và các chỉ tiêu chủ yếu năm 2026',
      '- Tốc độ tăng trưởng kinh tế phấn đấu đạt 8,5%.',
    ].join('\n');
    expect(findTargets(text).map((t) => [t.comparator, t.value, t.unit, t.deadline, t.subject])).toEqual([['=', 8.5, '%', '2026-12-31', 'Tốc độ tăng trưởng kinh tế']]);
  });

  it('a threshold defining whom a measure is for is no target', () => {
    expect(values('II. MỤC TIÊU\n- Đến năm 2030: cho vay ưu đãi đối với hộ có thu nhập bình quân dưới 1,8 triệu đồng/người/tháng.')).toEqual([]);
    expect(values('II. MỤC TIÊU\n- Đại hội đại biểu ở đảng bộ có trên 250 đảng viên hoàn thành trước năm 2027.')).toEqual([]);
  });

  it('a value in parentheses for the plan\'s own year or before is its baseline', () => {
    const t = (issued: string) => findTargets('II. MỤC TIÊU\n- Đến năm 2027: tỷ lệ hồ sơ trực tuyến đạt 85% (năm 2024: 60%).', 0, { issued }).map((x) => [x.value, x.deadline]);
    expect(t('2024-03-01')).toEqual([[85, '2027-12-31']]);
    expect(t('2023-03-01')).toEqual([[85, '2027-12-31'], [60, '2024-12-31']]);
  });
});
