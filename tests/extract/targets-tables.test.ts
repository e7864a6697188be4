// Targets as plans also state them: in a table by year, per mille, in millions, "không dưới", a
// base year, and the values that are not targets (a policy's rate, a bound that picks out who, a
// count that describes the subject). Documents and sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { segmentText } from '../../src/segment/index.ts';
import { extractDocument } from '../../src/extract/index.ts';
import { findTargets } from '../../src/extract/targets.ts';

const brief = (text: string, issued?: string) =>
  findTargets(text, 0, { issued }).map((t) => `${t.comparator}${t.value}${t.unit} ${t.deadline} | ${t.subject}`);

const plan = (body: string[]) =>
  [
    'ỦY BAN NHÂN DÂN',
    'TỈNH TRÀ VINH',
    'Số: 41/KH-UBND',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'Trà Vinh, ngày 12 tháng 3 năm 2027',
    '',
    'KẾ HOẠCH',
    'Phát triển giáo dục mầm non giai đoạn 2027 - 2030',
    '',
    'I. MỤC TIÊU',
    ...body,
    '',
    'II. TỔ CHỨC THỰC HIỆN',
    'Sở Giáo dục và Đào tạo chủ trì triển khai Kế hoạch này.',
  ].join('\n');

function documentTargets(text: string) {
  const [doc] = segmentText(text);
  return extractDocument(doc!, text).targets.map((t) => `${t.comparator}${t.value}${t.unit} ${t.deadline} | ${t.subject}`);
}

describe('targets in a table by year', () => {
  it('reads each number under a year column, with the row and the unit column (pipe table)', () => {
    const text = plan([
      '| Chỉ tiêu | Đơn vị | Năm 2026 | Năm 2028 | Năm 2030 |',
      '|---|---|---|---|---|',
      '| Tỷ lệ trẻ 5 tuổi đến lớp | % | 96,5 | 98 | ≥ 99 |',
      '| Số phòng học xây mới | phòng | 120 | 1.250 | 2.400 |',
      '| Số trường đạt chuẩn | trường | 14 | | tối thiểu 30 |',
    ]);
    // 2026 is before the plan's own year (2027): a baseline, not a target.
    expect(documentTargets(text)).toEqual([
      '=98% 2028-12-31 | Tỷ lệ trẻ 5 tuổi đến lớp',
      '>=99% 2030-12-31 | Tỷ lệ trẻ 5 tuổi đến lớp',
      '=1250phòng 2028-12-31 | Số phòng học xây mới',
      '=2400phòng 2030-12-31 | Số phòng học xây mới',
      '>=30trường 2030-12-31 | Số trường đạt chuẩn',
    ]);
  });

  it('reads a tab-separated table row by row, and skips a column of results', () => {
    const text = plan(['Chỉ tiêu\tĐơn vị tính\tThực hiện năm 2027\tNăm 2029', 'Tỷ lệ giáo viên đạt chuẩn\t%\t91\t95', 'Số giáo viên được bồi dưỡng\tngười\t800\t1.500']);
    expect(documentTargets(text)).toEqual(['=95% 2029-12-31 | Tỷ lệ giáo viên đạt chuẩn', '=1500người 2029-12-31 | Số giáo viên được bồi dưỡng']);
  });

  it('finds nothing in a table that is not one of targets', () => {
    const text = plan(['| TT | Nội dung công việc | Cơ quan chủ trì | Năm 2028 |', '|---|---|---|---|', '| 1 | Rà soát mạng lưới trường | Sở Giáo dục và Đào tạo | Quý II |']);
    expect(documentTargets(text)).toEqual([]);
  });
});

describe('targets in more of their shapes', () => {
  it('reads per mille, millions of a count, and "không dưới" as at least', () => {
    expect(brief('- Tỷ lệ tử vong trẻ em dưới 5 tuổi không quá 18‰ vào năm 2028.')).toEqual(['<=18‰ 2028-12-31 | Tỷ lệ tử vong trẻ em dưới 5 tuổi']);
    // Under the plan's targets, a count with no comparator is one too.
    expect(brief('II. MỤC TIÊU\n- Đến năm 2029: đón 4,5 triệu lượt khách, trong đó khách quốc tế ít nhất 1,2 triệu lượt khách.').map((s) => s.split(' | ')[0])).toEqual([
      '=4.5triệu lượt khách 2029-12-31',
      '>=1.2triệu lượt khách 2029-12-31',
    ]);
    expect(brief('5. Số lượt nông dân được tập huấn đến năm 2028 không dưới 9.000 lượt.').map((s) => s.split(' | ')[0])).toEqual(['>=9000lượt 2028-12-31']);
  });

  it('takes the year a value is compared with for its base, not its deadline', () => {
    expect(brief('2. Các chỉ tiêu chủ yếu năm 2028\na) Tổng sản phẩm trên địa bàn tăng 8% so với năm 2027.').map((s) => s.split(' | ')[0])).toEqual(['=8% 2028-12-31']);
    // Outside a list of targets the same words report a result.
    expect(brief('Năm 2027, tổng sản phẩm trên địa bàn tăng 8% so với năm 2026.')).toEqual([]);
  });

  it('leaves out a policy rate, a bound that picks out who, and a count the next value is of', () => {
    const text = ['I. MỤC TIÊU ĐẾN NĂM 2028', '- Tỷ lệ học sinh được học 2 buổi/ngày đạt 100%.', '- Thu nhập của hộ nghèo tăng ít nhất 1,5 lần so với năm 2025.', 'II. GIẢI PHÁP', '1. Hỗ trợ 50% kinh phí mua thiết bị cho các trường có tỷ lệ học sinh nghèo trên 20%.', '2. Cho vay với mức vay tối đa 50 triệu đồng/hộ; ưu tiên hộ cận nghèo có thu nhập bình quân dưới 2 triệu đồng/người/tháng.', '3. Mỗi trường tổ chức ít nhất 02 lần trong một năm các buổi sinh hoạt chuyên đề.'].join('\n');
    expect(brief(text).map((s) => s.split(' | ')[0])).toEqual(['=100% 2028-12-31', '>=1.5lần 2028-12-31']);
  });
  it('hides a baseline whose parenthesis a line break cut, and reads no target in a subsidy line', () => {
    const text = ['II. MỤC TIÊU ĐẾN NĂM 2028', '2. Tổng thu từ khách du lịch đạt trên 5.200 tỷ đồng (năm 2026: 4.010', 'tỷ đồng); có ít nhất 30 cơ sở lưu trú đạt 3 sao.', 'III. GIẢI PHÁP', '1. Hỗ trợ 50% chi phí thiết kế bao bì (tối đa 80 triệu đồng/sản phẩm).'].join('\n');
    expect(brief(text).map((s) => s.split(' | ')[0])).toEqual(['>=5200tỷ đồng 2028-12-31', '>=30cơ sở lưu trú 2028-12-31']);
  });
  it('keeps a value dated before the document\'s year out, and each of two values with its own year', () => {
    expect(brief('I. MỤC TIÊU\nNăm 2026 toàn tỉnh đạt 30 giường bệnh/vạn dân; phấn đấu đạt 33 giường bệnh/vạn dân vào năm 2028.', '2027-02-01').map((s) => s.split(' | ')[0])).toEqual(['=33giường bệnh/vạn dân 2028-12-31']);
    expect(brief('II. MỤC TIÊU\n- Có ít nhất 12 điểm giới thiệu và bán sản phẩm OCOP vào năm 2028 và 20 điểm vào năm 2030.').map((s) => s.split(' | ')[0])).toEqual(['>=12điểm 2028-12-31', '>=20điểm 2030-12-31']);
  });
});

describe('targets in a table by place', () => {
  it('reads a quota per place and indicator column; the plan-year column beside later ones is the baseline', () => {
    const text = plan([
      'Chỉ tiêu giao cho từng huyện:',
      '',
      '| STT | Đơn vị | Số học sinh bán trú cuối năm 2027 | Số học sinh bán trú năm 2029 | Tỷ lệ trẻ đến trường năm 2029 (%) |',
      '|---|---|---|---|---|',
      '| 1 | Huyện Càng Long | 3.120 | 3.400 | 92 |',
      '| 2 | Thị xã Duyên Hải | 1.850 | 2.000 | 95,5 |',
    ]);
    const got = documentTargets(text);
    expect(got).toEqual(
      expect.arrayContaining([
        '=3400học sinh 2029-12-31 | số học sinh bán trú năm 2029 huyện Càng Long',
        '=92% 2029-12-31 | tỷ lệ trẻ đến trường năm 2029 huyện Càng Long',
        '=2000học sinh 2029-12-31 | số học sinh bán trú năm 2029 thị xã Duyên Hải',
        '=95.5% 2029-12-31 | tỷ lệ trẻ đến trường năm 2029 thị xã Duyên Hải',
      ]),
    );
    // The figures of the plan's own year, beside the later ones, are where it starts from.
    expect(got.filter((t) => t.includes('2027-12-31'))).toEqual([]);
  });
});
