/**
 * Header tables flattened the ways web pages and text layers flatten them (issue 20): one cell
 * fragment per line with lone "|" lines, names and place lines cut anywhere, rules glued to names,
 * columns merged row by row, words glued where a break was lost, Party headers, a province left
 * out of the header. Every example is written here in the shape, with names of its own.
 */
import { describe, expect, it } from 'vitest';
import { segmentText, segmentFile } from '../../src/segment/index.ts';
import { cleanHeaderLine, joinHeaderFragments, completeBareIssuer } from '../../src/segment/header.ts';
import { PARTY_BANNER, ROMAN, SO_LINE, typeTitle } from '../../src/segment/patterns.ts';
import type { VbFile } from '../../schemas/document.ts';

const head = (text: string) => segmentText(text)[0]!.header;

const BODY = `
QUYẾT ĐỊNH
Về việc phê duyệt kế hoạch đào tạo cán bộ năm 2019

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

QUYẾT ĐỊNH:

Điều 1. Phê duyệt kế hoạch.
`;

describe('one cell fragment per line, with lone "|" lines', () => {
  const text = `| ỦY BAN
|
NHÂN DÂN TỈNH PHÚ YÊN
|
| CỘNG HÒA
|
XÃ HỘI CHỦ NGHĨA VIỆT NAM
|
Độc lập - Tự do - Hạnh phúc
|
Số:
|
305/QĐ-UBND
|
Phú
|
Yên, ngày 04 tháng 3
|
năm 2019
|
${BODY}`;
  const h = head(text);
  it('the issuer is the name alone, never the quốc hiệu or the number', () => {
    expect(h.issuer).toBe('Ủy ban nhân dân tỉnh Phú Yên');
    expect(h.issuerParent).toBeNull();
  });
  it('"Số:" and its number on separate lines', () => expect(h.number).toBe('305/QĐ-UBND'));
  it('a place and date cut in three', () => {
    expect(h.place).toBe('Phú Yên');
    expect(h.issued).toBe('2019-03-04');
  });
  it('type and subject', () => {
    expect(h.type).toBe('Quyết định');
    expect(h.subject).toBe('Về việc phê duyệt kế hoạch đào tạo cán bộ năm 2019');
  });
});

describe('rules glued to names, the place line after the V/v', () => {
  const text = `BỘ CÔNG THƯƠNG-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc–––
Số: 77/BCT-KH
V/v báo cáo tình hình thực hiện
kế hoạch năm 2014
Hà Nội, ngày 02 tháng 10 năm 2014

Kính gửi: Các đơn vị thuộc Bộ.

Đề nghị các đơn vị báo cáo./.
`;
  const h = head(text);
  it('no rule in the issuer, no place in the subject', () => {
    expect(h.issuer).toBe('Bộ Công thương');
    expect(h.subject).toBe('báo cáo tình hình thực hiện kế hoạch năm 2014');
    expect(h.place).toBe('Hà Nội');
    expect(h.issued).toBe('2014-10-02');
  });
});

describe('columns merged row by row, words glued where a break was lost', () => {
  it('merged rows', () => {
    const h = head(`ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH HẬU GIANG Độc lập - Tự do - Hạnh phúc
Số: 12/QĐ-UBND Hậu Giang, ngày 08 tháng 01 năm 2017
${BODY}`);
    expect([h.issuer, h.number, h.place, h.issued]).toEqual(['Ủy ban nhân dân tỉnh Hậu Giang', '12/QĐ-UBND', 'Hậu Giang', '2017-01-08']);
  });
  it('the signer\'s name at the right of the list\'s last entry, the gap kept or lost', () => {
    for (const gap of ['                      ', ' ']) {
      const text = `ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 5/KH-UBND\nKẾ HOẠCH\nPhát triển thương mại năm 2026\nNội dung.\nNơi nhận:                     TM. ỦY BAN NHÂN DÂN\n- Các sở, ngành;                      CHỦ TỊCH\n- Lưu: VT, KT.${gap}Trần Văn Khiêm\n`;
      const [doc] = segmentText(text);
      expect(doc!.header.signers, JSON.stringify(gap)).toEqual([{ name: 'Trần Văn Khiêm', title: 'Chủ tịch', authority: 'TM. Ủy ban nhân dân' }]);
    }
  });
  it('"DÂNHUYỆN", "VIỆT NAMĐộc lập"', () => {
    const h = head(`ỦY BAN NHÂN DÂNHUYỆN TAM NÔNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc
Số: 9/QĐ-UBND
Tam Nông, ngày 11 tháng 5 năm 2012
${BODY}`);
    expect(h.issuer).toBe('Ủy ban nhân dân huyện Tam Nông');
    expect(h.place).toBe('Tam Nông');
  });
  it('cleanHeaderLine cuts rules, quốc hiệu and motto into cells', () => {
    expect(cleanHeaderLine('| TỈNH BẮC KẠN-------')).toBe('TỈNH BẮC KẠN');
    expect(cleanHeaderLine('|')).toBe('');
    expect(cleanHeaderLine('ỦY BAN NHÂN DÂNTHÀNH PHỐ CẦN THƠ')).toBe('ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ');
    expect(cleanHeaderLine('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc')).toBe(
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM | Độc lập - Tự do - Hạnh phúc',
    );
  });
  it('cleanHeaderLine cuts a draft, urgency or secrecy mark out of the columns, not words of a name', () => {
    expect(cleanHeaderLine('                                        DỰ THẢO')).toBe('');
    expect(cleanHeaderLine('SỞ GIÁO DỤC VÀ ĐÀO TẠO      DỰ THẢO LẦN 2      Độc lập - Tự do - Hạnh phúc')).toBe('SỞ GIÁO DỤC VÀ ĐÀO TẠO | Độc lập - Tự do - Hạnh phúc');
    expect(cleanHeaderLine('HỎA TỐC | BỘ Y TẾ')).toBe('BỘ Y TẾ');
    expect(cleanHeaderLine('(Mật)')).toBe('');
    // inside a name, or a word of one, they stay
    expect(cleanHeaderLine('BAN CHỈ ĐẠO CÔNG TÁC BẢO VỆ BÍ MẬT NHÀ NƯỚC')).toBe('BAN CHỈ ĐẠO CÔNG TÁC BẢO VỆ BÍ MẬT NHÀ NƯỚC');
    expect(cleanHeaderLine('TRUNG TÂM CẤP CỨU KHẨN CẤP')).toBe('TRUNG TÂM CẤP CỨU KHẨN CẤP');
  });
  it('reads a Công điện: its urgency after the title, its address line "… điện:" and the province named there', () => {
    const h = head(`BAN CHỈ HUY PHÒNG, CHỐNG THIÊN TAI
VÀ TÌM KIẾM CỨU NẠN-------
Số: 12/CĐ-BCH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc---------------
Quy Nhơn, ngày 10 tháng 10 năm 2027

CÔNG ĐIỆN HỎA TỐC
Về việc ứng phó với áp thấp nhiệt đới

BAN CHỈ HUY PHÒNG, CHỐNG THIÊN TAI VÀ TÌM KIẾM CỨU NẠN TỈNH BÌNH ĐỊNH điện:
- Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố;
- Giám đốc các sở, ban, ngành tỉnh.

${BODY}`);
    expect(h.type).toBe('Công điện');
    expect(h.subject).toBe('Về việc ứng phó với áp thấp nhiệt đới');
    expect(h.issuer).toMatch(/^Ban Chỉ huy .* tỉnh Bình Định$/);
    expect(h.recipients).toEqual(['Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố', 'Giám đốc các sở, ban, ngành tỉnh']);
  });
  it('gives a provincial body\'s province written without its level word the word ("SỞ Y TẾ QUẢNG NAM"), but not a paper\'s own name', () => {
    const h = head(`SỞ Y TẾ QUẢNG NGÃI
BỆNH VIỆN ĐA KHOA TỈNH
-------
Số: 45/BC-BV
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Ngãi, ngày 10 tháng 12 năm 2027

BÁO CÁO
Kết quả hoạt động năm 2027
${BODY}`);
    expect(h.issuerParent).toBe('Sở Y tế tỉnh Quảng Ngãi');
    expect(head(`BÁO QUẢNG NGÃI\nSố: 12/TB-BQN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nQuảng Ngãi, ngày 10 tháng 12 năm 2027\n\nTHÔNG BÁO\nVề việc tuyển dụng\n${BODY}`).issuer).toBe('Báo Quảng Ngãi');
  });
  it('names a commune\'s Party committee by its own place, without the district above it', () => {
    const h = head(`ĐẢNG BỘ HUYỆN LẬP THẠCH
ĐẢNG ỦY XÃ TIÊN LỮ
*
Số 07-NQ/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Tiên Lữ, ngày 10 tháng 3 năm 2027

NGHỊ QUYẾT
về phát triển kinh tế nông nghiệp
${BODY}`);
    expect(h.issuer).toBe('Đảng ủy xã Tiên Lữ');
    expect(h.issuerParent).toBe('Đảng bộ huyện Lập Thạch');
  });
  it('joinHeaderFragments rejoins a cut kind, a cut quốc hiệu, "Số:" and a cut place', () => {
    expect(joinHeaderFragments(['ỦY BAN NHÂN', '', 'DÂN', 'TỈNH X']).filter(Boolean)).toEqual(['ỦY BAN NHÂN DÂN', 'TỈNH X']);
    expect(joinHeaderFragments(['CỘNG', 'HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']).filter(Boolean)).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    expect(joinHeaderFragments(['Số:', '', '5/KH-UBND']).filter(Boolean)).toEqual(['Số: 5/KH-UBND']);
    expect(joinHeaderFragments(['Lâm', 'Đồng, ngày 1 tháng 2', 'năm 2020']).filter(Boolean)).toEqual(['Lâm Đồng, ngày 1 tháng 2 năm 2020']);
    // the whole place name above its comma
    expect(joinHeaderFragments(['Tân Phú', '', ', ngày 9 tháng 5', 'năm 2018']).filter(Boolean)).toEqual(['Tân Phú, ngày 9 tháng 5 năm 2018']);
    // a whole place line is left alone
    expect(joinHeaderFragments(['V/v báo cáo', 'Huế, ngày 1 tháng 2 năm 2020'])).toEqual(['V/v báo cáo', 'Huế, ngày 1 tháng 2 năm 2020']);
  });
});

describe('Party headers', () => {
  it('Tỉnh ủy with the banner where the quốc hiệu stands, "Số" without a colon, a title OCR split', () => {
    const h = head(`TỈNH ỦY YÊN BÁI
*
Số 210-KL/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Yên Bái, ngày 06 tháng 5 năm 2020

K ÉT LUẬN
của Ban Thường vụ Tỉnh ủy về công tác giảm nghèo

1. Đánh giá chung
Công tác giảm nghèo có chuyển biến.
`);
    expect(h.type).toBe('Kết luận');
    expect(h.number).toBe('210-KL/TU');
    expect(h.issuer).toBe('Tỉnh ủy Yên Bái');
    expect(h.issuerParent).toBeNull();
    expect(h.place).toBe('Yên Bái');
    expect(h.subject).toBe('của Ban Thường vụ Tỉnh ủy về công tác giảm nghèo');
  });
  it('a district committee under its Party organisation keeps its own name', () => {
    const h = head(`ĐẢNG BỘ TỈNH NAM ĐỊNH
HUYỆN ỦY GIAO THỦY
*
Số 08-NQ/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Giao Thủy, ngày 02 tháng 8 năm 2021

NGHỊ QUYẾT
về phát triển du lịch biển
`);
    expect(h.issuer).toBe('Huyện ủy Giao Thủy');
    expect(h.issuerParent).toBe('Đảng bộ tỉnh Nam Định');
  });
  it('a Thông tri', () => expect(typeTitle('THÔNG TRI')).toBe('Thông tri'));
  it('"T/M BAN THƯỜNG VỤ": a Party authority, as written', () => {
    const h = head(`TỈNH ỦY YÊN BÁI
*
Số 3-TT/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Yên Bái, ngày 06 tháng 5 năm 2020

THÔNG TRI
về đại hội chi bộ

1. Các chi bộ tổ chức đại hội./.

Nơi nhận:
- Các đảng bộ trực thuộc;
- Lưu Văn phòng Tỉnh ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Lò Văn Thành
`);
    expect(h.type).toBe('Thông tri');
    expect(h.signers).toEqual([{ name: 'Lò Văn Thành', title: 'Phó Bí thư', authority: 'T/M Ban Thường vụ' }]);
  });
  it('the banner', () => {
    expect(PARTY_BANNER.test('ĐẢNG CỘNG SẢN VIỆT NAM')).toBe(true);
    expect(PARTY_BANNER.test('ĐẢNG BỘ TỈNH NAM ĐỊNH')).toBe(false);
  });
  it('OCR-split titles', () => {
    expect(typeTitle('NGH Ị QUYẾT')).toBe('Nghị quyết');
    expect(typeTitle('K ÉT LUẬN')).toBe('Kết luận');
    expect(typeTitle('A B C')).toBeNull();
  });
});

describe('the province left out of the header', () => {
  const doc = (authority: string, place: string, body = '') => `ỦY BAN NHÂN DÂN
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 44/QĐ-UBND
${place}, ngày 09 tháng 9 năm 2019

QUYẾT ĐỊNH
Về việc công bố thủ tục hành chính

${authority}

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
${body}
QUYẾT ĐỊNH:

Điều 1. Công bố thủ tục.
`;
  it('from the authority line', () => expect(head(doc('ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN', 'Điện Biên')).issuer).toBe('Ủy ban nhân dân tỉnh Điện Biên'));
  it('from the place line naming a province', () => expect(head(doc('', 'Bến Tre')).issuer).toBe('Ủy ban nhân dân tỉnh Bến Tre'));
  it('from the body\'s words when the place is not a province', () =>
    expect(head(doc('', 'Phan Thiết', 'Chủ tịch Ủy ban nhân dân thành phố Phan Thiết quyết định:')).issuer).toBe('Ủy ban nhân dân thành phố Phan Thiết'));
  it('leaves an info message saying so', () => {
    const file = { text: doc('ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN', 'Điện Biên'), pages: [], messages: [], source: { path: 'x.txt' } } as unknown as VbFile;
    const msgs = segmentFile(file).messages.filter((m) => m.ruleId === 'issuer-completed');
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.severity).toBe('info');
  });
  it('an issuer that names its province is not touched', () => {
    expect(completeBareIssuer('Ủy ban nhân dân tỉnh Bến Tre', null, 'Hà Nội', '')).toBeNull();
    expect(completeBareIssuer('Ủy ban nhân dân', null, 'Bến Tre', '')?.issuer).toBe('Ủy ban nhân dân tỉnh Bến Tre');
  });
});

describe('quốc hiệu and motto cut in three, after a two-line V/v', () => {
  it('"CỘNG" / "HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do -" / "Hạnh phúc"', () => {
    const h = head(`ỦY BAN NHÂN DÂN
TỈNH NINH BÌNH
CỘNG
HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do -
Hạnh phúc
Số: 5/KH-UBND
Ninh Bình, ngày 3 tháng 4 năm 2020

KẾ HOẠCH
Triển khai công tác cải cách hành chính

I. MỤC ĐÍCH
`);
    expect([h.issuer, h.issuerParent, h.number]).toEqual(['Ủy ban nhân dân tỉnh Ninh Bình', null, '5/KH-UBND']);
  });
  it('the V/v stops at the quốc hiệu; the place line under the motto is still read', () => {
    const h = head(`BỘ TÀI CHÍNH
-------
Số: 10/BTC-NSNN
V/v hướng dẫn
lập dự toán năm 2020
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Hà Nội, ngày 1 tháng 7 năm 2019

Kính gửi: Các bộ, cơ quan ngang bộ.

Thực hiện Luật Ngân sách nhà nước, Bộ Tài chính hướng dẫn./.
`);
    expect([h.subject, h.place, h.issued]).toEqual(['hướng dẫn lập dự toán năm 2020', 'Hà Nội', '2019-07-01']);
  });
});

describe('names and numbers cut at a joint', () => {
  it('"BỘ GIÁO DỤC VÀ" / "ĐÀO TẠO" is one name', () => {
    const h = head(`BỘ LAO ĐỘNG - THƯƠNG BINH VÀ
XÃ HỘI
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/LĐTBXH-BTXH
V/v hướng dẫn trợ giúp xã hội
Hà Nội, ngày 1 tháng 2 năm 2022

Kính gửi: Các sở.

Nội dung./.
`);
    expect([h.issuer, h.issuerParent]).toEqual(['Bộ Lao động - Thương binh và Xã hội', null]);
  });
  it('"Số: 1234/QĐ-" / "UBND" is one number', () => {
    expect(joinHeaderFragments(['Số: 1234/QĐ-', 'UBND']).filter(Boolean)).toEqual(['Số: 1234/QĐ-UBND']);
  });
});

describe('a draft\'s blanks are not rules', () => {
  it('"Số: ____/KH-STP", "ngày ___ tháng ___": the place stays, number and date are blank', () => {
    const h = head(`UBND TỈNH AN GIANG
SỞ TƯ PHÁP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: ____/KH-STP
An Giang, ngày ___ tháng ___ năm 2024

KẾ HOẠCH
Phổ biến pháp luật năm 2024

I. MỤC ĐÍCH
`);
    expect([h.issuer, h.issuerParent, h.number, h.place, h.issued]).toEqual(['Sở Tư pháp tỉnh An Giang', 'Ủy ban nhân dân tỉnh An Giang', null, 'An Giang', null]);
  });
});

describe('patterns that read too much', () => {
  it('SO_LINE: a count is not a số/ký hiệu, a Party number needs no colon', () => {
    expect(SO_LINE.exec('Tổng số: 15 xã, phường')).toBeNull();
    expect(SO_LINE.exec('Số lượng: 4')).toBeNull();
    expect(SO_LINE.exec('Số 31-CT/TU')?.[1]).toBe('31-CT/TU');
    expect(SO_LINE.exec('Số 31 của Ủy ban')).toBeNull();
  });
  it('ROMAN: "V/v" is a subject, not part V', () => {
    expect(ROMAN.exec('V/v triển khai kế hoạch')).toBeNull();
    expect(ROMAN.exec('V/ Kinh phí')?.[1]).toBe('V');
  });
  it('a "Tổng số:" line in an article does not become the number', () => {
    const h = head(`ỦY BAN NHÂN DÂN
TỈNH SÓC TRĂNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 61/QĐ-UBND
Sóc Trăng, ngày 01 tháng 4 năm 2016
${BODY}Tổng số: 15 đơn vị.
`);
    expect(h.number).toBe('61/QĐ-UBND');
  });
});

describe('a subject with no blank line after it', () => {
  // Text layers and pasted web pages lose the blank lines: the subject ends where the body starts.
  const header = `ỦY BAN NHÂN DÂN
TỈNH YÊN BÁI
Số: 88/QĐ-UBND
Yên Bái, ngày 14 tháng 5 năm 2022
QUYẾT ĐỊNH
Về việc giao nhiệm vụ
năm 2022
`;
  it.each([
    ['Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nĐiều 1. Giao nhiệm vụ.'],
    ['QUYẾT ĐỊNH:\nĐiều 1. Giao nhiệm vụ.'],
    ['Điều 1. Giao Sở Tài chính chủ trì.'],
    ['TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An'],
  ])('stops before %j', (body) => {
    expect(head(header + body).subject).toBe('Về việc giao nhiệm vụ năm 2022');
  });
});

describe('a subject among header lines with no blank lines', () => {
  it('stops at an authority line in capitals under it, and at a rule or a heading in capitals', () => {
    const qd = `ỦY BAN NHÂN DÂN\nSố: 5/QĐ-UBND\nPleiku, ngày 02 tháng 3 năm 2020\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH GIA LAI\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n`;
    expect(head(qd).subject).toBe('Về việc thành lập Tổ công tác');
    const nq = `HUYỆN ỦY MỘC CHÂU\nSố 08-NQ/HU\nĐẢNG CỘNG SẢN VIỆT NAM\nMộc Châu, ngày 04 tháng 5 năm 2022\nNGHỊ QUYẾT\nCỦA BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN\nvề phát triển du lịch\nđến năm 2025\n-----\nI. TÌNH HÌNH\nDu lịch phát triển.\n`;
    expect(head(nq).subject).toBe('của Ban Chấp hành Đảng bộ huyện về phát triển du lịch đến năm 2025');
  });
  it('a place and date at the right of the subject line (columns merged) are the place and date, not the subject', () => {
    for (const gap of ['     ', ' ']) {
      const cv = `SỞ Y TẾ\nSố: 77/SYT-NV\nV/v phòng chống dịch sởi\ntrên địa bàn tỉnh${gap}Hà Giang, ngày 21 tháng 8 năm 2017\nKính gửi: Bệnh viện Đa khoa tỉnh\n`;
      const h = head(cv);
      expect([h.subject, h.place, h.issued]).toEqual(['phòng chống dịch sởi trên địa bàn tỉnh', 'Hà Giang', '2017-08-21']);
    }
  });
});

describe('more header shapes: a name wrapped inside its field, a Union banner, a provincial body without its province', () => {
  it('keeps "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN" / "NÔNG THÔN" one name and completes its province from the text', () => {
    const text = `SỞ NÔNG NGHIỆP
|
PHÁT TRIỂN NÔNG THÔN-------
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
|
Độc lập - Tự do - Hạnh phúc---------
|
Số: 905/SNN-KH
|
Buôn Ma Thuột, ngày 03 tháng 4 năm 2023
V/v báo cáo tiến độ trồng rừng

Kính gửi: Ủy ban nhân dân các huyện.

Sở Nông nghiệp phát triển nông thôn tỉnh Đắk Lắk đề nghị các đơn vị báo cáo trước ngày 15/4/2023.
`;
    const h = head(text);
    expect(h.issuer).toBe('Sở Nông nghiệp phát triển nông thôn tỉnh Đắk Lắk');
    expect(h.issuerParent).toBeNull();
  });

  it('completes a named provincial body from the place line when the text does not say', () => {
    const h = head(`SỞ Y TẾ\nSố: 77/SYT-NVY\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nNinh Thuận, ngày 9 tháng 9 năm 2022\nV/v phòng chống dịch sốt xuất huyết\n\nKính gửi: Trung tâm Y tế các huyện.\n\nĐề nghị các đơn vị triển khai.\n`);
    expect(h.issuer).toBe('Sở Y tế tỉnh Ninh Thuận');
  });

  it('reads "ĐOÀN TNCS HỒ CHÍ MINH" in the quốc hiệu\'s place as a banner, and a Union number with its department', () => {
    const h = head(`BCH ĐOÀN TỈNH LẠNG SƠN\n***\nSố: 112-KH/TĐTN-BTG\nĐOÀN TNCS HỒ CHÍ MINH\nLạng Sơn, ngày 2 tháng 3 năm 2021\n\nKẾ HOẠCH\nTổ chức Tháng Thanh niên năm 2021\n\nBan Thường vụ Tỉnh đoàn xây dựng kế hoạch như sau:\n`);
    expect(h.number).toBe('112-KH/TĐTN-BTG');
    expect(h.issuer).toBe('Ban Chấp hành Đoàn tỉnh Lạng Sơn');
    expect(h.issuerParent).toBeNull();
    // The same words inside a body's name are the name.
    expect(cleanHeaderLine('BAN CHẤP HÀNH ĐOÀN TNCS HỒ CHÍ MINH TỈNH LẠNG SƠN')).toBe('BAN CHẤP HÀNH ĐOÀN TNCS HỒ CHÍ MINH TỈNH LẠNG SƠN');
  });

  it('a national body\'s name over its provincial branch: "xã hội" in "Bảo hiểm xã hội Việt Nam" is no commune', () => {
    const h = head(`BẢO HIỂM XÃ HỘI VIỆT NAM\nBẢO HIỂM XÃ HỘI TỈNH KON TUM\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 77/KH-BHXH\nKon Tum, ngày 12 tháng 1 năm 2025\n\nKẾ HOẠCH\nPhát triển người tham gia bảo hiểm xã hội năm 2025\n`);
    expect([h.issuer, h.issuerParent]).toEqual(['Bảo hiểm xã hội tỉnh Kon Tum', 'Bảo hiểm xã hội Việt Nam']);
  });

  it('a "CHƯƠNG TRÌNH HÀNH ĐỘNG" whose next line goes on ("CỦA BAN …", lower case): the subject opens with "hành động"', () => {
    const party = head(`TỈNH ỦY NINH BÌNH\n*\nSố 31-CTr/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nNinh Bình, ngày 10 tháng 5 năm 2022\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nCỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH\nthực hiện Nghị quyết số 06-NQ/TW của Bộ Chính trị về phát triển đô thị\n-----\n\nI. MỤC TIÊU\n`);
    expect([party.type, party.subject]).toEqual(['Chương trình', 'hành động của Ban Chấp hành Đảng bộ tỉnh thực hiện Nghị quyết số 06-NQ/TW của Bộ Chính trị về phát triển đô thị']);
    // A subject of its own under the title does not take the qualifier.
    const own = head(`ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 88/CTr-UBND\nNinh Bình, ngày 10 tháng 6 năm 2022\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nThực hiện Nghị quyết số 31-NQ/TU của Ban Chấp hành Đảng bộ tỉnh\n\nI. MỤC TIÊU\n`);
    expect(own.subject).toBe('Thực hiện Nghị quyết số 31-NQ/TU của Ban Chấp hành Đảng bộ tỉnh');
  });

  it('reads a mass organisation\'s national name in the quốc hiệu\'s place as a banner, and "Hội LHPN" written out', () => {
    const farmers = head(`HỘI NÔNG DÂN\nTỈNH HÀ NAM–––\nHỘI NÔNG DÂN VIỆT NAM\n–––––––––\nSố: 48/BC-HND\nHà Nam, ngày 14 tháng 6 năm 2023\n\nBÁO CÁO\nKết quả công tác Hội 6 tháng đầu năm 2023\n`);
    expect([farmers.issuer, farmers.issuerParent]).toEqual(['Hội Nông dân tỉnh Hà Nam', null]);
    const women = head(`HỘI LHPN TỈNH GIA LAI\n-------\nHỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM\n---------------\nSố: 31/KH-HPN\nGia Lai, ngày 02 tháng 4 năm 2024\n\nKẾ HOẠCH\nTuyên truyền bình đẳng giới năm 2024\n`);
    expect([women.issuer, women.issuerParent]).toEqual(['Hội Liên hiệp Phụ nữ tỉnh Gia Lai', null]);
  });
});

describe('a web page with the whole header, the title and the closing block each on one line', () => {
  const text = [
    'ỦY BAN NHÂN DÂN TỈNH BẾN TRE CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc',
    'Số: 17/KH-UBND Bến Tre, ngày 09 tháng 02 năm 2027',
    'KẾ HOẠCH Tuyên truyền phòng, chống dịch sốt xuất huyết trên địa bàn tỉnh năm 2027',
    'Căn cứ Luật Phòng, chống bệnh truyền nhiễm ngày 21 tháng 11 năm 2007;',
    'I. MỤC ĐÍCH',
    'Nâng cao nhận thức của người dân về phòng bệnh.',
    'Nơi nhận: - Bộ Y tế (b/c); - TT.TU, TT.HĐND tỉnh; - Các sở, ban, ngành tỉnh; - Lưu: VT, KGVX. TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lê Văn Bình',
  ].join('\n');
  const [doc] = segmentText(text);

  it('reads the type and the trích yếu from the one title line', () => {
    expect(doc!.header).toMatchObject({ type: 'Kế hoạch', subject: 'Tuyên truyền phòng, chống dịch sốt xuất huyết trên địa bàn tỉnh năm 2027' });
  });

  it('reads the distribution list entry by entry and the signer with authority and title', () => {
    expect(doc!.header.distribution).toEqual(['Bộ Y tế (b/c)', 'TT.TU, TT.HĐND tỉnh', 'Các sở, ban, ngành tỉnh']);
    expect(doc!.header.signers).toEqual([{ name: 'Lê Văn Bình', title: 'Phó Chủ tịch', authority: 'KT. Chủ tịch' }]);
  });
});

describe("a Party committee's department", () => {
  it('is named with its committee ("BAN DÂN VẬN" under "TỈNH ỦY …"), the committee its parent', () => {
    const h = head(`TỈNH ỦY LÀO CAI                ĐẢNG CỘNG SẢN VIỆT NAM
BAN TUYÊN GIÁO
*
Số 21-HD/BTGTU                Lào Cai, ngày 14 tháng 02 năm 2027

HƯỚNG DẪN
tuyên truyền kỷ niệm ngày thành lập Đảng
-----

1. Mục đích.
`);
    expect([h.issuer, h.issuerParent]).toEqual(['Ban Tuyên giáo Tỉnh ủy Lào Cai', 'Tỉnh ủy Lào Cai']);
  });
});
