import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { findTargets } from '../../src/extract/targets.ts';

describe('findTargets', () => {
  it('reads comparators, subjects and the deadline of the heading above', () => {
    const text = ['2. Mục tiêu cụ thể', 'a) Mục tiêu đến năm 2027', '- Tối thiểu 85% hồ sơ TTHC được xử lý hoàn toàn trực tuyến.', '- Không quá 5% hồ sơ trễ hạn.', 'b) Mục tiêu đến năm 2030', '- 100% xã có điểm phục vụ bưu chính.'].join('\n');
    const ts = findTargets(text);
    expect(ts.map((t) => [t.value, t.unit, t.comparator, t.deadline, t.subject])).toEqual([
      [85, '%', '>=', '2027-12-31', 'hồ sơ TTHC được xử lý hoàn toàn trực tuyến'],
      [5, '%', '<=', '2027-12-31', 'hồ sơ trễ hạn'],
      [100, '%', '=', '2030-12-31', 'xã có điểm phục vụ bưu chính'],
    ]);
  });

  it('splits "trong đó … đạt tối thiểu 85%" into a second target with the subject before it', () => {
    const ts = findTargets('- Tối thiểu 90% người dân hài lòng khi sử dụng các DVCTT, trong đó mức độ hài lòng về giải quyết các TTHC lĩnh vực đất đai đạt tối thiểu 85% trong năm 2026.');
    expect(ts.map((t) => [t.value, t.comparator, t.subject, t.deadline])).toEqual([
      [90, '>=', 'người dân hài lòng khi sử dụng các DVCTT', '2026-12-31'],
      [85, '>=', 'mức độ hài lòng về giải quyết các TTHC lĩnh vực đất đai', '2026-12-31'],
    ]);
  });

  it('reads counts per period with a comparator', () => {
    const [t] = findTargets('Năm 2024, mỗi cơ quan đăng tải ít nhất 02 tin, bài/tuần trên trang thông tin điện tử.');
    expect(t).toMatchObject({ value: 2, unit: 'tin, bài/tuần', comparator: '>=' });
  });

  it('finds the eighteen targets of seed 004, with 2025 and 2030 deadlines', () => {
    const ts = findTargets(readFileSync(new URL('../../fixtures/004_da93ac0c70dab7a2.txt', import.meta.url), 'utf8'));
    expect(ts).toHaveLength(18);
    expect(ts.filter((t) => t.deadline === '2030-12-31')).toHaveLength(3);
    expect(ts.filter((t) => t.comparator === '>=').map((t) => t.value)).toEqual([80, 90, 85]);
  });
});

describe('findTargets leaves results alone', () => {
  it('skips percentages reached or compared with an earlier period', () => {
    const text = ['1. Kết quả năm 2023', '- Tỷ lệ hồ sơ trực tuyến đã đạt 65,4%, tăng 12% so với cùng kỳ.', '2. Chỉ tiêu năm 2024', '- Phấn đấu tối thiểu 80,5% hồ sơ được giải quyết trực tuyến.'].join('\n');
    expect(findTargets(text).map((t) => [t.value, t.comparator, t.deadline])).toEqual([[80.5, '>=', '2024-12-31']]);
  });
});

describe('counts in text without diacritics', () => {
  it('gives the unit in its written form', () => {
    const [t] = findTargets('Moi so, nganh dang tai it nhat 04 tin, bai/thang tren Cong thong tin dien tu nam 2023.');
    expect(t).toMatchObject({ value: 4, unit: 'tin, bài/tháng', comparator: '>=', deadline: '2023-12-31' });
  });
});

describe('reports quote results', () => {
  const text = ['I. KẾT QUẢ THỰC HIỆN', '- Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%.', 'II. PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2025', '- Phấn đấu 100% hồ sơ được số hóa.'].join('\n');
  it('keeps only committed figures when asked', () => {
    expect(findTargets(text, 0, { commitmentsOnly: true }).map((t) => [t.value, t.deadline])).toEqual([[100, '2025-12-31']]);
    // A part that looks back ("I. KẾT QUẢ THỰC HIỆN") quotes results in any document.
    expect(findTargets(text).map((t) => t.value)).toEqual([100]);
    const unheaded = text.replace('I. KẾT QUẢ THỰC HIỆN', 'I. CÔNG TÁC CẢI CÁCH');
    expect(findTargets(unheaded).map((t) => t.value)).toEqual([98.5, 100]);
    expect(findTargets(unheaded, 0, { commitmentsOnly: true }).map((t) => t.value)).toEqual([100]);
  });
});
