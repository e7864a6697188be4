/**
 * Citations in the shapes issue 20 lists, written here with names of their own: short citations,
 * Party numbers written with Ư, laws and ordinances cited by name with "và"/commas inside the
 * name, Party issuers completed with the province, relations carried over "và".
 */
import { describe, expect, it } from 'vitest';
import { findReferences, namedUpToDate } from '../../src/extract/references.ts';
import { canonicalAgency } from '../../src/knowledge/agencies.ts';
import { documentDistrict } from '../../src/extract/index.ts';
import { parseNumber, issuerFromNumber, numberIdentity } from '../../src/knowledge/numbers.ts';

const one = (text: string, ctx = {}) => findReferences(text, ctx);

describe('a signer\'s titles before the issuer', () => {
  it.each([
    ['của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ quy định chi tiết', '01/2020/TT-VPCP', 'Văn phòng Chính phủ', 'quy định chi tiết'],
    ['của Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc về việc phê duyệt kế hoạch', '12/QĐ-UBDT', 'Ủy ban Dân tộc', 'việc phê duyệt kế hoạch'],
    // two titles the tables hold, before a body no table names: the comma is inside the title
    ['của Chủ tịch, Giám đốc Ban Quản lý dự án tỉnh về việc giao vốn', '7/QĐ-UBND', 'Ban Quản lý dự án tỉnh', 'việc giao vốn'],
  ])('"%s"', (tail, number, issuer, subject) => {
    const [r] = one(`Căn cứ Quyết định số ${number} ngày 05/01/2021 ${tail};`);
    expect(r).toMatchObject({ number, issuer, subject });
  });
});

describe('laws by name', () => {
  it('a longer name cited with its date is not the shorter law the table knows', () => {
    expect(one('Căn cứ Luật Quy hoạch đô thị năm 2009;').map((r) => [r.name, r.issued])).toEqual([['Luật Quy hoạch đô thị', '2009']]);
    expect(one('Căn cứ Luật Quy hoạch ngày 24 tháng 11 năm 2017;').map((r) => [r.name, r.issued])).toEqual([['Luật Quy hoạch', '2017-11-24']]);
  });
  it('a body\'s abbreviation in a law\'s name is written out', () => {
    expect(one('Căn cứ Luật Tổ chức HĐND và UBND ngày 26 tháng 11 năm 2003;').map((r) => [r.name, r.issued])).toEqual([['Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân', '2003-11-26']]);
  });
  it('"vệ" of "bảo vệ" does not end a law\'s name as "về" does', () => {
    expect(one('Căn cứ Luật Bảo vệ sức khỏe nhân dân về công tác y tế;').map((r) => r.name)).toEqual(['Luật Bảo vệ sức khỏe nhân dân']);
    expect(one('Căn cứ Luật Đất đai về quản lý đất;').map((r) => r.name)).toEqual(['Luật Đất đai']);
  });
  it('an amending law names at most two laws: a comma before another law, a "và" before another citation, a second "và Luật" end it', () => {
    const names = (t: string) => one(t).map((r) => r.name ?? r.number);
    expect(names('Căn cứ Luật Đất đai, Luật sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở và Kế hoạch số 12/KH-UBND ngày 05/01/2024 của Ủy ban nhân dân tỉnh;')).toEqual([
      'Luật Đất đai', 'Luật sửa đổi, bổ sung một số điều của Luật Đất đai', 'Luật Nhà ở', '12/KH-UBND',
    ]);
    expect(names('Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch và Luật Xây dựng và Luật Kiến trúc ngày 13 tháng 6 năm 2019;')).toEqual([
      'Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch và Luật Xây dựng', 'Luật Kiến trúc',
    ]);
    expect(names('Căn cứ Luật sửa đổi, bổ sung một số điều và Phụ lục Danh mục ngành nghề của Luật Đầu tư;')).toEqual(['Luật sửa đổi, bổ sung một số điều và Phụ lục Danh mục ngành nghề của Luật Đầu tư']);
  });
});

describe('short citations', () => {
  it('"Quyết định số 7 của …": the number as written, its type and stated issuer', () => {
    const [r] = one('Các sở báo cáo theo Quyết định số 7 của Ủy ban nhân dân tỉnh.', { province: 'Hà Tĩnh' });
    expect(r).toMatchObject({ number: '7', type: 'Quyết định', issued: null, issuer: 'Ủy ban nhân dân tỉnh Hà Tĩnh' });
  });
  it('a full number is not read as a short one', () => {
    const refs = one('Thực hiện Quyết định số 7/2019/QĐ-UBND ngày 02/3/2019 của UBND tỉnh.');
    expect(refs.map((r) => r.number)).toEqual(['7/2019/QĐ-UBND']);
  });
  it('"Nghị quyết 21-NQ/TƯ": a Party number written with Ư, without "số"', () => {
    const [r] = one('Căn cứ Nghị quyết 21-NQ/TƯ ngày 25 tháng 10 năm 2017 của Ban Chấp hành Trung ương Đảng;');
    expect(r).toMatchObject({ number: '21-NQ/TƯ', type: 'Nghị quyết', issued: '2017-10-25', issuer: 'Ban Chấp hành Trung ương Đảng' });
  });
  it('TƯ is Trung ương, not Tỉnh ủy (TU)', () => {
    expect(issuerFromNumber(parseNumber('21-NQ/TƯ')!)).toBe('Ban Chấp hành Trung ương Đảng');
    expect(parseNumber('21-NQ/TU')!.issuerCodes).toEqual(['TU']);
  });
});

describe('laws and ordinances cited by name', () => {
  it('a name with "và" inside, ended by its date', () => {
    const [r] = one('Căn cứ Luật Phòng, chống ma túy và Luật Xử lý vi phạm hành chính;\nCăn cứ Luật Thủy sản và Thủy lợi nội đồng ngày 10 tháng 6 năm 2011;');
    const names = one('Căn cứ Luật Thủy sản và Thủy lợi nội đồng ngày 10 tháng 6 năm 2011;').map((x) => x.name);
    expect(names).toEqual(['Luật Thủy sản và Thủy lợi nội đồng']);
    expect(r).toBeDefined();
  });
  it('"về" inside a name ended by its year', () => {
    const refs = one('Thực hiện Luật Bảo vệ và kiểm dịch cây giống năm 1999, các sở triển khai.');
    expect(refs.map((x) => [x.name, x.issued])).toEqual([['Luật Bảo vệ và kiểm dịch cây giống', '1999']]);
  });
  it('a Pháp lệnh by name, commas and all, passed by the Ủy ban Thường vụ Quốc hội', () => {
    const [r] = one('Các địa phương thực hiện theo Pháp lệnh Dân số, kế hoạch hóa năm 2003.');
    expect(r).toMatchObject({ type: 'Pháp lệnh', name: 'Pháp lệnh Dân số, kế hoạch hóa', issued: '2003', issuer: 'Ủy ban Thường vụ Quốc hội' });
  });
  it('commas inside a name, a list is not one', () => {
    expect(one('Thực hiện Luật Phòng, chống tác hại của thuốc lá năm 2012, các sở triển khai.').map((x) => x.name)).toEqual([
      'Luật Phòng, chống tác hại của thuốc lá',
    ]);
    expect(namedUpToDate('Đất đai, các văn bản hướng dẫn năm 2013', 'dat dai, cac van ban huong dan nam 2013')).toBeNull();
  });
  it('a Pháp lệnh cited by name and number', () => {
    const [r] = one('Căn cứ Pháp lệnh Quản lý thị trường số 11/2016/UBTVQH13 ngày 08 tháng 3 năm 2016;');
    expect(r).toMatchObject({ number: '11/2016/UBTVQH13', type: 'Pháp lệnh', name: 'Pháp lệnh Quản lý thị trường', relation: 'căn cứ' });
  });
  it('namedUpToDate refuses a clause holding another citation or a number', () => {
    expect(namedUpToDate('Đất đai và Nghị định số 12 năm 2014', 'dat dai va nghi dinh so 12 nam 2014')).toBeNull();
    expect(namedUpToDate('Đất đai, Luật Xây dựng năm 2014', 'dat dai, luat xay dung nam 2014')).toBeNull();
    expect(namedUpToDate('Đất đai; các văn bản năm 2014', 'dat dai; cac van ban nam 2014')).toBeNull();
    expect(namedUpToDate('Du lịch năm 2017', 'du lich nam 2017')).toBe(7);
  });
});

describe('citations that share what is written once', () => {
  it('two of one type joined by "và" share the date after them, unless the first states its own issuer', () => {
    expect(one('Căn cứ Nghị định số 15/2019/NĐ-CP và Nghị định số 16/2019/NĐ-CP ngày 01 tháng 02 năm 2019 của Chính phủ;').map((r) => [r.number, r.issued])).toEqual([
      ['15/2019/NĐ-CP', '2019-02-01'],
      ['16/2019/NĐ-CP', '2019-02-01'],
    ]);
    expect(one('Căn cứ Quyết định số 88/QĐ-TTg của Thủ tướng Chính phủ và Quyết định số 412/QĐ-UBND ngày 03 tháng 3 năm 2021 của Ủy ban nhân dân tỉnh;').map((r) => [r.number, r.issued])).toEqual([
      ['88/QĐ-TTg', null],
      ['412/QĐ-UBND', '2021-03-03'],
    ]);
  });
  it('a joint circular is issued by every body its codes name', () => {
    expect(one('Theo Thông tư liên tịch số 12/2015/TTLT-BTC-BNV của Bộ Tài chính và Bộ Nội vụ, các đơn vị lập dự toán.').map((r) => r.issuer)).toEqual(['Bộ Tài chính và Bộ Nội vụ']);
  });
});

describe('a district\'s own bodies cited bare', () => {
  it('"Ban Chấp hành Đảng bộ huyện" in a Huyện ủy\'s document, "Ủy ban nhân dân thành phố" in a ward of a provincial city', () => {
    const party = { header: { issuer: 'Huyện ủy Gia Lộc', issuerParent: 'Đảng bộ tỉnh Hải Dương' } } as any;
    expect(documentDistrict(party)).toBe('huyện Gia Lộc');
    expect(canonicalAgency('Ban Chấp hành Đảng bộ huyện', { province: 'Hải Dương', district: documentDistrict(party) }).canonical).toBe('Ban Chấp hành Đảng bộ huyện Gia Lộc');
    const ward = { header: { issuer: 'Ủy ban nhân dân phường Vĩnh Quang thành phố Rạch Giá', issuerParent: null } } as any;
    expect(documentDistrict(ward)).toBe('thành phố Rạch Giá');
    expect(canonicalAgency('Ủy ban nhân dân thành phố', { province: 'Kiên Giang', district: 'thành phố Rạch Giá' }).canonical).toBe('Ủy ban nhân dân thành phố Rạch Giá');
    // A centrally run city is a province, not a district.
    expect(documentDistrict({ header: { issuer: 'Ủy ban nhân dân thành phố Cần Thơ', issuerParent: null } } as any)).toBeNull();
  });
});

describe('Party citation issuers', () => {
  it('"của Tỉnh ủy", "của Ban Thường vụ Tỉnh ủy" completed with the province', () => {
    expect(canonicalAgency('Tỉnh ủy', { province: 'Lạng Sơn' }).canonical).toBe('Tỉnh ủy Lạng Sơn');
    expect(canonicalAgency('Ban Thường vụ Tỉnh ủy', { province: 'Lạng Sơn' }).canonical).toBe('Ban Thường vụ Tỉnh ủy Lạng Sơn');
    expect(canonicalAgency('Tỉnh ủy Hòa Bình', { province: 'Lạng Sơn' }).canonical).toBe('Tỉnh ủy Hòa Bình');
  });
  it('"khóa XII" is the term, not part of the issuer', () => {
    const [r] = one('Quán triệt Nghị quyết số 19-NQ/TW ngày 25 tháng 10 năm 2017 của Ban Chấp hành Trung ương Đảng khóa XII về đổi mới.');
    expect(r!.issuer).toBe('Ban Chấp hành Trung ương Đảng');
  });
  it('a provincial department whose name has "xã hội" still takes the province', () => {
    expect(canonicalAgency('Sở Lao động - Thương binh và Xã hội', { province: 'Lạng Sơn' }).canonical).toBe('Sở Lao động - Thương binh và Xã hội tỉnh Lạng Sơn');
  });
});

describe('one document, its number spelt two ways', () => {
  it('"13-NQ/TƯ" and "13-NQ/TW" are one citation: the dated mention\'s number, the stated issuer, the strongest relation', () => {
    const refs = findReferences(
      'CHƯƠNG TRÌNH HÀNH ĐỘNG thực hiện Nghị quyết 13-NQ/TƯ của Bộ Chính trị về phát triển vùng.\n' +
        'Ngày 02/4/2022, Bộ Chính trị ban hành Nghị quyết số 13-NQ/TW ngày 02 tháng 4 năm 2022 về phương hướng phát triển.',
    );
    expect(refs.map((r) => [r.number, r.issued, r.issuer, r.relation])).toEqual([['13-NQ/TW', '2022-04-02', 'Bộ Chính trị', 'thực hiện']]);
  });
  it('a Tỉnh ủy\'s "13-NQ/TU" stays another document than the Trung ương\'s "13-NQ/TƯ"', () => {
    expect(numberIdentity('13-NQ/TƯ')).toBe(numberIdentity('13-NQ/TW'));
    expect(numberIdentity('13-NQ/TU')).not.toBe(numberIdentity('13-NQ/TƯ'));
    expect(numberIdentity('45/2020/NĐ-CP')).toBe('45/2020/NĐ-CP');
  });
});

describe('relations', () => {
  it('"Thực hiện A … và B": B is carried out too', () => {
    const refs = one('Thực hiện Chỉ thị số 12-CT/TW ngày 05 tháng 01 năm 2017 của Bộ Chính trị về công tác dân vận và Kế hoạch hành động số 33-KH/TU ngày 02 tháng 3 năm 2017 của Tỉnh ủy, các cấp ủy thực hiện:', { province: 'Lạng Sơn' });
    expect(refs.map((r) => [r.number, r.relation, r.issuer])).toEqual([
      ['12-CT/TW', 'thực hiện', 'Bộ Chính trị'],
      ['33-KH/TU', 'thực hiện', 'Tỉnh ủy Lạng Sơn'],
    ]);
  });
  it('", căn cứ …" inside a running sentence', () => {
    const refs = one('Thực hiện Công văn số 15/BYT-KH ngày 02 tháng 3 năm 2016 của Bộ Y tế về kế hoạch, căn cứ Thông tư số 8/2014/TT-BYT ngày 11 tháng 3 năm 2014 của Bộ Y tế, Sở đề nghị:');
    expect(refs.map((r) => r.relation)).toEqual(['thực hiện', 'căn cứ']);
  });
  it('"việc thực hiện X" speaks of X; it does not carry it out', () => {
    const [r] = one('Sở Tư pháp kiểm tra việc thực hiện Quyết định số 9/QĐ-UBND ngày 02/3/2018 của UBND tỉnh.');
    expect(r!.relation).toBe('dẫn chiếu');
  });
  it('the proposer of a Tờ trình is its issuer', () => {
    const [r] = one('Xét đề nghị của Giám đốc Sở Khoa học và Công nghệ tại Tờ trình số 41/TTr-SKHCN ngày 02 tháng 3 năm 2018,', { province: 'Lạng Sơn' });
    expect(r!.issuer).toBe('Sở Khoa học và Công nghệ tỉnh Lạng Sơn');
  });
  it('a law named in a list ends before "và các luật …", whose year is not its own', () => {
    const refs = findReferences('Phổ biến Luật Đất đai, Luật Nhà ở và các luật có hiệu lực trong năm 2027.', { province: 'Phú Yên' }, 0);
    expect(refs.map((r) => [r.text, r.issued])).toEqual([['Luật Đất đai', null], ['Luật Nhà ở', null]]);
  });
  it('a division named by its head\'s title ("Trưởng phòng X") is the proposer, not its code recased', () => {
    const [r] = one('Xét đề nghị của Trưởng phòng Phổ biến, giáo dục pháp luật tại Tờ trình số 05/TTr-PBGDPL ngày 18 tháng 01 năm 2027.');
    expect(r!.issuer).toBe('Phòng Phổ biến, giáo dục pháp luật');
  });
});

describe("a Party document's citations of its own province's bodies", () => {
  it('belong to the province its issuer names, and a bare "tỉnh" at the end of a name is that province', async () => {
    const { segmentText } = await import('../../src/segment/index.ts');
    const { extractDocument } = await import('../../src/extract/index.ts');
    const text = [
      'TỈNH ỦY QUẢNG BÌNH',
      'Số 07-CT/TU',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'Đồng Hới, ngày 03 tháng 4 năm 2022',
      'CHỈ THỊ',
      'về tăng cường công tác dân vận',
      '',
      'Thực hiện Nghị quyết số 04-NQ/TU ngày 12 tháng 7 năm 2021 của Ban Thường vụ Tỉnh ủy và Nghị quyết số 02-NQ/TU ngày 20 tháng 10 năm 2020 của Ban Chấp hành Đảng bộ tỉnh, Ban Thường vụ Tỉnh ủy yêu cầu:',
      '1. Các cấp ủy tổ chức quán triệt.',
    ].join('\n');
    const [doc] = segmentText(text);
    const out = extractDocument(doc!, text, []);
    expect(out.header.province).toBe('Quảng Bình');
    expect(out.references.map((r) => [r.number, r.issuer])).toEqual([
      ['04-NQ/TU', 'Ban Thường vụ Tỉnh ủy Quảng Bình'],
      ['02-NQ/TU', 'Ban Chấp hành Đảng bộ tỉnh Quảng Bình'],
    ]);
  });
});

describe("a district's document", () => {
  it('completes a bare "Ủy ban nhân dân huyện" with its own district', async () => {
    const { segmentText } = await import('../../src/segment/index.ts');
    const { extractDocument } = await import('../../src/extract/index.ts');
    const text = [
      'ỦY BAN NHÂN DÂN',
      'HUYỆN MƯỜNG NHÉ',
      'Số: 91/TB-UBND',
      'Mường Nhé, ngày 03 tháng 4 năm 2022',
      'THÔNG BÁO',
      'Kết luận của Chủ tịch Ủy ban nhân dân huyện',
      '',
      'Thực hiện Kế hoạch số 45/KH-UBND ngày 12 tháng 3 năm 2022 của Ủy ban nhân dân huyện về phòng chống thiên tai, Ủy ban nhân dân huyện thông báo:',
    ].join('\n');
    const [doc] = segmentText(text);
    const out = extractDocument(doc!, text, []);
    expect(out.header.issuer).toBe('Ủy ban nhân dân huyện Mường Nhé');
    expect(out.references.map((r) => [r.number, r.issuer])).toEqual([['45/KH-UBND', 'Ủy ban nhân dân huyện Mường Nhé']]);
  });
});

describe('citations in hard-wrapped prose', () => {
  it('a law\'s name cut at a line end is read whole', async () => {
    const { segmentText } = await import('../../src/segment/index.ts');
    const { extractDocument } = await import('../../src/extract/index.ts');
    const body = [
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa',
      'đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính',
      'quyền địa phương ngày 22 tháng 11 năm 2019; Luật Ngân sách nhà nước ngày 25',
      'tháng 6 năm 2015; Luật Đầu tư công ngày 13 tháng 6 năm 2019 và các văn bản',
      'hướng dẫn thi hành; xét Tờ trình của Ủy ban nhân dân huyện về dự toán ngân',
      'sách năm 2024 và Báo cáo thẩm tra của Ban Kinh tế - Xã hội Hội đồng nhân dân',
      'huyện; ý kiến thảo luận của đại biểu Hội đồng nhân dân huyện tại kỳ họp,',
    ];
    const text = ['HỘI ĐỒNG NHÂN DÂN', 'HUYỆN TÂN PHƯỚC', 'Số: 12/NQ-HĐND', 'Tân Phước, ngày 15 tháng 12 năm 2023', '', 'NGHỊ QUYẾT', 'Về dự toán ngân sách huyện năm 2024', '', ...body, '', 'QUYẾT NGHỊ:'].join('\n');
    const [doc] = segmentText(text);
    const names = extractDocument(doc!, text, []).references.map((r) => r.name);
    expect(names).toContain('Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương');
  });
});

describe('a code broken at a line end in a text of long lines', () => {
  it('"35/TTr-" ⏎ "STTTT" is one number, and a name after a hyphen and a line break is not', () => {
    const text = 'Theo đề nghị của Giám đốc Sở Thông tin và Truyền thông tỉnh Bình Thuận tại Tờ trình số 41/TTr-\nSTTTT ngày 02 tháng 10 năm 2014,';
    expect(one(text).map((r) => r.number)).toEqual(['41/TTr-STTTT']);
    expect(one('Căn cứ Quyết định số 15/QĐ-UBND -\nChủ tịch Ủy ban nhân dân tỉnh ký ngày 05/01/2021;').map((r) => r.number)).toEqual(['15/QĐ-UBND']);
  });
});

describe('a relation that changes inside a sentence', () => {
  it('"Căn cứ Luật X; thực hiện Chỉ thị Y và Kế hoạch Z" carries Y and Z out', () => {
    const refs = one('Căn cứ Luật Mặt trận Tổ quốc Việt Nam ngày 09 tháng 6 năm 2015; thực hiện Chỉ thị số 05-CT/TW ngày 15 tháng 5 năm 2016 của Bộ Chính trị và Kế hoạch số 88/KH-UBND ngày 05 tháng 8 năm 2023 của Ủy ban nhân dân tỉnh, Ban Thường trực hướng dẫn như sau:');
    expect(refs.map((r) => [r.number ?? r.name, r.relation])).toEqual([['Luật Mặt trận Tổ quốc Việt Nam', 'căn cứ'], ['05-CT/TW', 'thực hiện'], ['88/KH-UBND', 'thực hiện']]);
  });
});
