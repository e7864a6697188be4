// A plan attached to a decision ("KẾ HOẠCH … (Kèm theo Quyết định số …)") has no date line of
// its own: it is of the decision's date, so a figure of the year before is a result it starts
// from, not a target. Text written for this test.
import { describe, expect, it } from 'vitest';
import { segmentText } from '../../src/segment/index.ts';
import { extractDocument } from '../../src/extract/index.ts';

const TEXT = `ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 15/QĐ-UBND
Lào Cai, ngày 10 tháng 01 năm 2027

QUYẾT ĐỊNH
Ban hành Kế hoạch phổ biến, giáo dục pháp luật năm 2027

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phổ biến, giáo dục pháp luật năm 2027.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

Nơi nhận:
- Như Điều 2;
- Lưu: VT.
CHỦ TỊCH



Nguyễn Văn An

ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
KẾ HOẠCH
Phổ biến, giáo dục pháp luật năm 2027
(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 10/01/2027 của Ủy ban nhân dân tỉnh)
II. CHỈ TIÊU
1. Năm 2026, toàn tỉnh đã tổ chức 1.240 hội nghị phổ biến pháp luật với 86.500 lượt người tham dự.
2. Tỷ lệ người dân được phổ biến pháp luật đạt 90% trong năm 2027.
`;

describe('a plan attached to a decision', () => {
  it('takes the decision\'s date, so last year\'s figures are results', () => {
    const docs = segmentText(TEXT);
    expect(docs.length).toBe(2);
    const plan = docs[1]!;
    expect(plan.header.issued).toBeNull();
    extractDocument(plan, TEXT, [], docs);
    expect(plan.targets.map((t) => `${t.value}${t.unit} ${t.deadline}`)).toEqual(['90% 2027-12-31']);
  });
});
