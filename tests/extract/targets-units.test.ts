// Targets in the units plans state them (data/codes/units.tsv), and a part that looks back is not
// a plan's target. Sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { findTargets } from '../../src/extract/targets.ts';

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
});
