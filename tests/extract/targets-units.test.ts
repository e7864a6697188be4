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

