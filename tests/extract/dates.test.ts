import { describe, expect, it } from 'vitest';
import { findDates, parsePeriod } from '../../src/extract/dates.ts';

const one = (s: string) => {
  const d = findDates(s);
  expect(d, s).toHaveLength(1);
  return [d[0]!.kind, d[0]!.start, d[0]!.end, d[0]!.recurrence];
};

describe('findDates', () => {
  it.each([
    ['ngày 17 tháng 11 năm 2020', ['date', '2020-11-17', '2020-11-17', null]],
    ['04/11/2020', ['date', '2020-11-04', '2020-11-04', null]],
    ['ngay 27 thang 3 nam 2021', ['date', '2021-03-27', '2021-03-27', null]],
    ['Tháng 11/2020', ['month', '2020-11-01', '2020-11-30', null]],
    ['tháng 2 năm 2024', ['month', '2024-02-01', '2024-02-29', null]],
    ['tháng 6 - 8 năm 2022', ['month', '2022-06-01', '2022-08-31', null]],
    ['vào tháng 6 và tháng 12 năm 2022', ['month', '2022-06-01', '2022-12-31', null]],
    ['trước ngày 15/6 và 15/12 hằng năm', ['recurrence', null, null, '2/year']],
    ['trước 07 giờ và 15 giờ hằng ngày', ['recurrence', null, null, '2/day']],
    ['trong quý II và quý III năm 2027', ['quarter', '2027-04-01', '2027-09-30', null]],
    ['trước 17 giờ ngày 03/11/2027', ['deadline', null, '2027-11-03', null]],
    ['chậm nhất 9h30 ngày 5/1/2027', ['deadline', null, '2027-01-05', null]],
    ['vào tháng 3, tháng 6, tháng 9 và tháng 12 hàng năm', ['recurrence', null, null, '4/year']],
    ['giai đoạn 2025', ['period', '2025-01-01', '2025-12-31', null]],
    ['Quý II/2021', ['quarter', '2021-04-01', '2021-06-30', null]],
    ['6 tháng đầu năm 2026', ['month', '2026-01-01', '2026-06-30', null]],
    ['triển khai tại địa phươngtrước ngày 31/10/2025', ['deadline', null, '2025-10-31', null]],
    ['phấn đấu đến ngày 31/01/2026 hoàn thành', ['deadline', null, '2026-01-31', null]],
    ['tính đến ngày 31/12/2025', ['date', '2025-12-31', '2025-12-31', null]],
    ['sáu tháng cuối năm 2026', ['month', '2026-07-01', '2026-12-31', null]],
    ['Quý III-IV/2021', ['quarter', '2021-07-01', '2021-12-31', null]],
    ['quý 1 năm 2026', ['quarter', '2026-01-01', '2026-03-31', null]],
    ['năm 2021', ['year', '2021-01-01', '2021-12-31', null]],
    ['giai đoạn 2020 - 2025', ['period', '2020-01-01', '2025-12-31', null]],
    ['đến năm 2030', ['deadline', null, '2030-12-31', null]],
    ['trước ngày 30/9/2022', ['deadline', null, '2022-09-30', null]],
    ['Thường xuyên', ['recurrence', null, null, 'continuous']],
    ['hằng năm', ['recurrence', null, null, '1/year']],
    ['hàng quý', ['recurrence', null, null, '1/quarter']],
    ['Định kỳ 6 tháng/01 lần', ['recurrence', null, null, '1/6 months']],
    ['01 kỳ/tháng', ['recurrence', null, null, '1/month']],
    ['03 lần/tuần', ['recurrence', null, null, '3/week']],
  ])('%s', (s, want) => expect(one(s)).toEqual(want));

  it('rejects impossible dates', () => {
    expect(findDates('ngày 31/02/2021').filter((d) => d.kind === 'date')).toEqual([]);
  });

  it('gives file offsets', () => {
    const [d] = findDates('Hạn: trước ngày 30/9/2022.', 100);
    expect(d!.prov).toMatchObject({ start: 105, end: 125 });
  });
});

describe('parsePeriod', () => {
  it('spans the periods a schedule cell names', () => {
    expect(parsePeriod('Trong năm 2021')).toEqual({ start: '2021-01-01', due: '2021-12-31', recurrence: null });
    expect(parsePeriod('Từ tháng 3/2022 đến Quý IV/2023')).toEqual({ start: '2022-03-01', due: '2023-12-31', recurrence: null });
    expect(parsePeriod('02 kỳ/tháng và các bản tin chuyên đề')).toEqual({ start: null, due: null, recurrence: '2/month' });
  });
});

describe('periods with both ends', () => {
  it.each([
    ['từ ngày 01/3/2022 đến ngày 30/6/2022', ['period', '2022-03-01', '2022-06-30', null]],
    ['Từ tháng 3/2022 đến tháng 12/2022', ['period', '2022-03-01', '2022-12-31', null]],
  ])('%s', (s, want) => expect(one(s)).toEqual(want));
});
