/**
 * Documents of kinds, issuers and damage the fixtures do not show: a ministry's công văn with
 * its header table flattened by "|", a council resolution, a text layer that lost its hyphens,
 * a tab-flattened header. Written for these tests from the Decree-30 layout, not from a fixture.
 */
import { describe, expect, it } from 'vitest';
import { segmentText } from '../../src/segment/index.ts';
import { canonicalNumber } from '../../src/knowledge/numbers.ts';
import { recaseAgency, recaseTitle } from '../../src/knowledge/recase.ts';
import { fuzzySignerTitle } from '../../src/segment/signature.ts';
import { canonicalSurname } from '../../src/knowledge/persons.ts';

const CONG_VAN = `BỘ THÔNG TIN VÀ TRUYỀN THÔNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
CỤC CHUYỂN ĐỔI SỐ QUỐC GIA | Độc lập - Tự do - Hạnh phúc
Số: 123/CĐSQG-CPS | Hà Nội, ngày 05 tháng 3 năm 2023
V/v hướng dẫn triển khai nền tảng
số tại địa phương.

Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.

Thực hiện Quyết định số 942/QĐ-TTg ngày 15/6/2021 của Thủ tướng Chính phủ, Cục Chuyển đổi số quốc gia đề nghị:

1. Rà soát danh mục nền tảng số.
2. Báo cáo kết quả trước ngày 30/9/2023./.

Nơi nhận:
- Như trên;
- Bộ trưởng (để b/c);
- Lưu: VT, CPS.

KT. CỤC TRƯỞNG
PHÓ CỤC TRƯỞNG

Nguyễn Văn An
`;

const NGHI_QUYET = `HỘI ĐỒNG NHÂN DÂN
TỈNH ĐỒNG THÁP

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 12/2021/NQ-HĐND

Đồng Tháp, ngày 20 tháng 8 năm 2021

NGHỊ QUYẾT

Quy định mức chi hỗ trợ chuyển đổi số

HỘI ĐỒNG NHÂN DÂN TỈNH ĐỒNG THÁP
KHÓA X, KỲ HỌP THỨ HAI

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

QUYẾT NGHỊ:

Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh

1. Nghị quyết này quy định mức chi.

a) Chi cho cấp tỉnh;

b) Chi cho cấp huyện.

Điều 2. Hiệu lực thi hành

Nghị quyết này có hiệu lực từ ngày 01 tháng 9 năm 2021./.

Nơi nhận:
- Ủy ban Thường vụ Quốc hội;
- Lưu: VT.

CHỦ TỊCH

Trần Thị B
`;

const LOST_HYPHENS = `ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH LÀO CAI\tĐộc lập - Tự do - Hạnh phúc
Số: 1961/QĐUBND\tLào Cai, ngày 02 tháng 7 năm 2019
QUYẾT ĐỊNH
Về việc phê duyệt danh mục dịch vụ công trực tuyến
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI
Căn cứ Nghị định số 45/2020/NĐCP;
QUYẾT ĐỊNH:
Điều 1. Phê duyệt danh mục.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Đặng Xuân Phong
`;

describe('header of unseen documents', () => {
  it('ministry công văn with a "|"-flattened header', () => {
    const [d] = segmentText(CONG_VAN);
    expect(d.header).toMatchObject({
      type: 'Công văn',
      number: '123/CĐSQG-CPS',
      issued: '2023-03-05',
      place: 'Hà Nội',
      issuer: 'Cục Chuyển đổi số quốc gia',
      issuerParent: 'Bộ Thông tin và Truyền thông',
      subject: 'hướng dẫn triển khai nền tảng số tại địa phương',
      recipients: ['Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương'],
      distribution: ['Như trên', 'Bộ trưởng (để b/c)'],
      signers: [{ name: 'Nguyễn Văn An', title: 'Phó Cục trưởng', authority: 'KT. Cục trưởng' }],
    });
    expect(d.sections.filter((s) => s.kind === 'clause').map((s) => s.label)).toEqual(['1', '2']);
  });

  it('council resolution: issuer wrapped over two lines, chapters and articles', () => {
    const [d] = segmentText(NGHI_QUYET);
    expect(d.header).toMatchObject({
      type: 'Nghị quyết',
      number: '12/2021/NQ-HĐND',
      issued: '2021-08-20',
      place: 'Đồng Tháp',
      issuer: 'Hội đồng nhân dân tỉnh Đồng Tháp',
      issuerParent: null,
      subject: 'Quy định mức chi hỗ trợ chuyển đổi số',
      signers: [{ name: 'Trần Thị B', title: 'Chủ tịch', authority: null }],
    });
    const outline = d.sections.filter((s) => ['chapter', 'article', 'clause', 'point'].includes(s.kind));
    expect(outline.map((s) => `${s.kind} ${s.label} ${s.depth}`)).toEqual([
      'chapter I 1', 'article 1 2', 'clause 1 3', 'point a 4', 'point b 4', 'article 2 2',
    ]);
    expect(outline[0].heading).toBe(null); // "Chương I" alone; its title is on the next line
    expect(d.sections.filter((s) => s.kind === 'preamble')).toHaveLength(1);
  });

  it('tab-flattened header of a text layer that lost its hyphens', () => {
    const [d] = segmentText(LOST_HYPHENS);
    expect(d.header).toMatchObject({
      type: 'Quyết định',
      number: '1961/QĐ-UBND',
      issued: '2019-07-02',
      place: 'Lào Cai',
      issuer: 'Ủy ban nhân dân tỉnh Lào Cai',
      signers: [{ name: 'Đặng Xuân Phong', title: 'Chủ tịch', authority: 'TM. Ủy ban nhân dân' }],
    });
  });
});

describe('canonicalNumber', () => {
  it.each([
    ['45/2020/ND-CP', '45/2020/NĐ-CP'],
    ['468/Qb-TTg', '468/QĐ-TTg'],
    ['1961/QĐUBND', '1961/QĐ-UBND'],
    ['45/2020/NĐCP', '45/2020/NĐ-CP'],
    ['35/TTr-STTTT', '35/TTr-STTTT'],
    ['12/2021/NQ-HDND', '12/2021/NQ-HĐND'],
    ['05-CT/TU', '05-CT/TU'],
    ['7260/VP-KGVX', '7260/VP-KGVX'],
    ['02/2017/tt-vpcp', '02/2017/TT-VPCP'],
  ])('%s → %s', (raw, want) => expect(canonicalNumber(raw, { digitSerial: true })).toBe(want));
  it.each(['3h /KH-UBND', '/QĐ-VPCP', 'KH-UBND', ''])('%s has no readable number', (raw) => expect(canonicalNumber(raw, { digitSerial: true })).toBe(null));
});

describe('recasing all-caps names', () => {
  it.each([
    ['UBND TỈNH KIÊN GIANG', 'Ủy ban nhân dân tỉnh Kiên Giang'],
    ['BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', 'Bộ Lao động - Thương binh và Xã hội'],
    ['SỞ KẾ HOẠCH VÀ ĐẦU TƯ', 'Sở Kế hoạch và Đầu tư'],
    ['VĂN PHÒNG CHÍNH PHỦ', 'Văn phòng Chính phủ'],
    ['UBND THÀNH PHỐ HỒ CHÍ MINH', 'Ủy ban nhân dân thành phố Hồ Chí Minh'],
  ])('%s', (upper, want) => expect(recaseAgency(upper)).toBe(want));
  it.each([
    ['PHÓ CHỦ TỊCH', 'Phó Chủ tịch'],
    ['CHÁNH VĂN PHÒNG', 'Chánh Văn phòng'],
    ['BỘ TRƯỞNG, CHỦ NHIỆM', 'Bộ trưởng, Chủ nhiệm'],
  ])('%s', (upper, want) => expect(recaseTitle(upper)).toBe(want));
  it('leaves mixed-case text alone', () => expect(recaseAgency('Sở Tài chính')).toBe('Sở Tài chính'));
});

describe('OCR-garbled signature lines', () => {
  it.each([
    ['rHO CHU T ICH', 'PHÓ CHỦ TỊCH'],
    ['CHU TJCH', 'CHỦ TỊCH'],
    ['GlAM ĐOC', 'GIÁM ĐỐC'],
    ['PHO GIAM DOC', 'PHÓ GIÁM ĐỐC'],
  ])('%s is the title %s', (garbled, want) => expect(fuzzySignerTitle(garbled)).toBe(want));
  it.each(['Như trên', 'Lưu: VT, TH', 'UBND các huyện', 'Báo Kiên Giang'])('%s is not a title', (text) =>
    expect(fuzzySignerTitle(text)).toBe(null),
  );
  it('a family name gets back its marks; a given name is left as it is', () => {
    expect(canonicalSurname('Nguyen Thanh Nhan')).toBe('Nguyễn Thanh Nhan');
    expect(canonicalSurname('Tran Van A')).toBe('Trần Van A');
    expect(canonicalSurname('Lâm Minh Thành')).toBe('Lâm Minh Thành');
  });
  it('a flattened closing block: unreadable KT. prefix, title glued to a list entry', () => {
    const [d] = segmentText(`KẾ HOẠCH\nVề việc thử\n\nNội dung./.\n\nNơi nhận: K\\ CHỦ TỊCH\n- Sở Tài chính; rHO CHU T ICH\n- Lưu: VT.\n\nNguyen Van Binh\n`);
    expect(d.header.signers).toEqual([{ name: 'Nguyễn Van Binh', title: 'Phó Chủ tịch', authority: 'KT. Chủ tịch' }]);
    expect(d.header.distribution).toEqual(['Sở Tài chính']);
  });
});

describe('an organ of the body above it as the issuer', () => {
  it('"ỦY BAN MTTQ VIỆT NAM / TỈNH X / BAN THƯỜNG TRỰC" is the Ban Thường trực of that committee, whose name is not doubled', async () => {
    const text = [
      'ỦY BAN MTTQ VIỆT NAM',
      'TỈNH BẠC LIÊU',
      'BAN THƯỜNG TRỰC',
      '-------',
      'Số: 17/HD-MTTQ-BTT',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Bạc Liêu, ngày 02 tháng 10 năm 2023',
      '',
      'HƯỚNG DẪN',
      'Tổ chức hội nghị đại biểu nhân dân năm 2023',
      '',
      'Ban Thường trực hướng dẫn các huyện tổ chức hội nghị trước ngày 30/11/2023.',
    ].join('\n');
    const { extractDocument } = await import('../../src/extract/index.ts');
    const [doc] = segmentText(text);
    const { header } = extractDocument(doc!, text, []);
    expect([header.issuer, header.issuerParent]).toEqual(['Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bạc Liêu', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bạc Liêu']);
  });
});
