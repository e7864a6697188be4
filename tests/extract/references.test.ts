import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { findReferences } from '../../src/extract/references.ts';
import { canonicalNumber, parseNumber } from '../../src/knowledge/numbers.ts';

const seed = (n: string) => readFileSync(new URL(`../../fixtures/${n}`, import.meta.url), 'utf8');

describe('canonicalNumber', () => {
  it.each([
    ['45/2020/ND-CP', '45/2020/NĐ-CP'],
    ['45/2020/NĐCP', '45/2020/NĐ-CP'],
    ['1961/QĐUBND', '1961/QĐ-UBND'],
    ['468/Qb-TTg', '468/QĐ-TTg'],
    ['1588/QĐ-TTG', '1588/QĐ-TTg'],
    ['12/2021/NQ-HDND', '12/2021/NQ-HĐND'],
    ['05-CT/TU', '05-CT/TU'],
    ['52-NQ/TW', '52-NQ/TW'],
    ['35/TTr-STTTT', '35/TTr-STTTT'],
    ['7260/VP-KGVX', '7260/VP-KGVX'],
    ['03/2021/TTLT-BTC-BTTTT', '03/2021/TTLT-BTC-BTTTT'],
    ['15 / 2020 / NĐ - CP', '15/2020/NĐ-CP'],
  ])('%s → %s', (raw, want) => expect(canonicalNumber(raw)).toBe(want));

  it('a lettered serial is a citation\'s number, not a header\'s', () => {
    expect(canonicalNumber('12a/2021/QĐ-UBND')).toBe('12a/2021/QĐ-UBND');
    expect(canonicalNumber('12a/2021/QĐ-UBND', { digitSerial: true })).toBeNull();
    expect(canonicalNumber('12/2021/QĐ-UBND', { digitSerial: true })).toBe('12/2021/QĐ-UBND');
  });

  it('rejects dates and fractions', () => {
    expect(parseNumber('04/11/2020')).toBeNull();
    expect(parseNumber('10/10')).toBeNull();
  });
});

describe('findReferences on sentences', () => {
  it('reads a citation with date, issuer and subject', () => {
    const [r] = findReferences('Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08 tháng 4 năm 2020 của Chính phủ về thực hiện thủ tục hành chính trên môi trường điện tử;');
    expect(r).toMatchObject({ number: '45/2020/NĐ-CP', type: 'Nghị định', issued: '2020-04-08', issuer: 'Chính phủ', relation: 'căn cứ' });
    expect(r!.subject).toBe('thực hiện thủ tục hành chính trên môi trường điện tử');
  });

  it('reads text without diacritics and lost hyphens', () => {
    const refs = findReferences('Thuc hien Nghi dinh so 45/2020/ND-CP ngay 08/4/2020 cua Chinh phu; Quyet dinh so 1961/QĐUBND ngay 3/9/2023 cua UBND tinh Ha Tinh.', { province: 'Hà Tĩnh' });
    expect(refs.map((r) => [r.number, r.type, r.issued, r.relation])).toEqual([
      ['45/2020/NĐ-CP', 'Nghị định', '2020-04-08', 'thực hiện'],
      ['1961/QĐ-UBND', 'Quyết định', '2023-09-03', 'thực hiện'],
    ]);
    expect(refs[1]!.issuer).toBe('Ủy ban nhân dân tỉnh Hà Tĩnh');
  });

  it('reads Party documents and council resolutions, issuer implied by the code', () => {
    const refs = findReferences('Thực hiện Chỉ thị số 05-CT/TU ngày 12/3/2021 của Ban Thường vụ Tỉnh ủy và Nghị quyết 52-NQ/TW; căn cứ Nghị quyết số 12/2021/NQ-HĐND.', { province: 'Nghệ An' });
    expect(refs.map((r) => r.number)).toEqual(['05-CT/TU', '52-NQ/TW', '12/2021/NQ-HĐND']);
    expect(refs[1]!.issuer).toBe('Ban Chấp hành Trung ương Đảng');
    expect(refs[2]).toMatchObject({ type: 'Nghị quyết', issuer: 'Hội đồng nhân dân tỉnh Nghệ An' });
  });

  it('reads laws by name and year, not "pháp luật" or "Luật này"', () => {
    const refs = findReferences('theo quy định của pháp luật tại Luật Giao dịch điện tử năm 2005; Luật Phổ biến, giáo dục pháp luật và Luật này.');
    expect(refs.map((r) => [r.type, r.name, r.issued])).toEqual([
      ['Luật', 'Luật Giao dịch điện tử', '2005'],
      ['Luật', 'Luật Phổ biến, giáo dục pháp luật', null],
    ]);
  });

  it('keeps the strongest relation and the first stated date', () => {
    const refs = findReferences('Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;\n\nTuyên truyền Nghị định số 61/2018/NĐ-CP của Chính phủ.');
    expect(refs).toHaveLength(1);
    expect(refs[0]).toMatchObject({ relation: 'căn cứ', issued: '2018-04-23' });
  });

  it('skips the header number and blank numbers', () => {
    const refs = findReferences('Số: 123/UBND-VX\n\n(Ban hành kèm theo Quyết định số /QĐ-UBND ngày tháng năm 2021)');
    expect(refs).toEqual([]);
  });

  it('a citation inside the subject of another only describes it', () => {
    const refs = findReferences('Tuyên truyền triển khai thực hiện Kế hoạch số 40/KH-UBND ngày 10/7/2019 của UBND tỉnh Vĩnh Long về kế hoạch hành động triển khai thực hiện Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ.', { province: 'Vĩnh Long' });
    expect(refs.map((r) => [r.number, r.relation, r.issuer])).toEqual([
      ['40/KH-UBND', 'thực hiện', 'Ủy ban nhân dân tỉnh Vĩnh Long'],
      ['17/NQ-CP', 'dẫn chiếu', 'Chính phủ'],
    ]);
  });
});

describe('findReferences on the OCR seed', () => {
  it('finds the five decrees and decisions of seed 002 despite OCR noise', () => {
    const refs = findReferences(seed('002_014cd450a2b81092.txt'), { province: 'Kiên Giang' });
    const numbered = refs.filter((r) => r.number);
    expect(numbered.map((r) => r.number)).toEqual(['63/2010/NĐ-CP', '48/2013/NĐ-CP', '92/2017/NĐ-CP', '61/2018/NĐ-CP', '468/QĐ-TTg']);
    expect(numbered.every((r) => r.relation === 'thực hiện')).toBe(true);
    expect(numbered.find((r) => r.number === '468/QĐ-TTg')).toMatchObject({ issued: '2021-03-27', issuer: 'Thủ tướng Chính phủ' });
    expect(refs.find((r) => r.type === 'Luật')?.name).toBe('Luật Phổ biến, giáo dục pháp luật');
  });
});

describe('findReferences on unseen-style citations', () => {
  const one = (t: string, province: string | null = 'Nghệ An') => findReferences(t, { province });

  it('reads issuers whose names contain "và"', () => {
    expect(one('Căn cứ Thông tư số 22/2023/TT-BTTTT ngày 31/12/2023 của Bộ Thông tin và Truyền thông quy định về an toàn thông tin;')[0]).toMatchObject({
      issuer: 'Bộ Thông tin và Truyền thông',
      subject: 'quy định về an toàn thông tin',
    });
    expect(one('Thực hiện Công văn số 1552/BKHĐT-KTĐN ngày 05/3/2024 của Bộ Kế hoạch và Đầu tư về việc báo cáo;')[0]).toMatchObject({
      type: 'Công văn',
      issuer: 'Bộ Kế hoạch và Đầu tư',
      relation: 'thực hiện',
    });
  });

  it('reads a law cited by name and number, and the Constitution', () => {
    const [law] = one('Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;');
    expect(law).toMatchObject({ number: '72/2025/QH15', type: 'Luật', name: 'Luật Tổ chức chính quyền địa phương', issued: '2025-06-16', issuer: 'Quốc hội' });
    const refs = one('Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013; Bộ luật Lao động năm 2019;');
    expect(refs.map((r) => [r.type, r.name, r.issued])).toEqual([
      ['Hiến pháp', 'Hiến pháp', '2013'],
      ['Bộ luật', 'Bộ luật Lao động', '2019'],
    ]);
  });

  it('tells amending, forwarding and Party citations apart', () => {
    expect(one('Quyết định này sửa đổi, bổ sung một số điều của Quyết định số 25/2019/QĐ-UBND ngày 12/8/2019 của UBND tỉnh Nghệ An.')[0]).toMatchObject({
      relation: 'sửa đổi',
      issuer: 'Ủy ban nhân dân tỉnh Nghệ An',
    });
    expect(one('Ủy ban nhân dân tỉnh nhận được Công văn số 3345/VPCP-KSTT ngày 20/5/2023 của Văn phòng Chính phủ (đính kèm).')[0]).toMatchObject({
      relation: 'forwards',
      issuer: 'Văn phòng Chính phủ',
    });
    const party = one('Thực hiện Kết luận số 45-KL/TW ngày 01/02/2019 của Ban Bí thư; Chỉ thị 08-CT/TU ngày 3/5/2021 của Ban Thường vụ Tỉnh ủy.');
    expect(party.map((r) => [r.number, r.type, r.issued])).toEqual([
      ['45-KL/TW', 'Kết luận', '2019-02-01'],
      ['08-CT/TU', 'Chỉ thị', '2021-05-03'],
    ]);
  });

  it('a decree amended by the cited decree is only mentioned, even in a Căn cứ line', () => {
    const refs = one('Can cu Nghi dinh so 107/2021/ND-CP ngay 06/12/2021 cua Chinh phu sua doi, bo sung mot so dieu cua Nghi dinh so 61/2018/ND-CP;');
    expect(refs.map((r) => [r.number, r.relation])).toEqual([
      ['107/2021/NĐ-CP', 'căn cứ'],
      ['61/2018/NĐ-CP', 'dẫn chiếu'],
    ]);
  });
});

describe('numbers with spaced hyphens', () => {
  it('joins "NĐ- CP" but does not swallow the next word', () => {
    expect(findReferences('Căn cứ Nghị định số 45/2020/NĐ- CP ngày 08/4/2020 của Chính phủ;')[0]!.number).toBe('45/2020/NĐ-CP');
    expect(findReferences('theo Nghị định 45/2020/NĐ-CP - Chính phủ ban hành')[0]!.number).toBe('45/2020/NĐ-CP');
  });
});

describe('what this document carries out, in a running sentence', () => {
  it('"thực hiện nghiêm X, Y và Z" and "gắn với việc thực hiện X" carry them out; "việc thực hiện X" alone speaks of X', () => {
    const rel = (t: string) => findReferences(t).map((r) => r.relation);
    expect(rel('Các huyện thực hiện nghiêm Nghị định số 88/2024/NĐ-CP ngày 15/7/2024 của Chính phủ và Quyết định số 12/2024/QĐ-UBND ngày 05/9/2024 của Ủy ban nhân dân tỉnh.')).toEqual(['thực hiện', 'thực hiện']);
    expect(rel('Tổ chức tập huấn gắn với việc thực hiện Nghị quyết số 08-NQ/TW ngày 16/01/2017 của Bộ Chính trị.')).toEqual(['thực hiện']);
    expect(rel('Đánh giá kết quả việc thực hiện Quyết định số 23/2015/QĐ-UBND của Ủy ban nhân dân tỉnh.')).toEqual(['dẫn chiếu']);
  });
});

describe('an ordinance cited by a name with commas', () => {
  it('reads "Pháp lệnh Phòng, chống lụt, bão" whole (laws.tsv), not cut at its commas', () => {
    const [r] = findReferences('Thực hiện Pháp lệnh Phòng, chống lụt, bão, Ủy ban nhân dân huyện chỉ thị:');
    expect(r!.type).toBe('Pháp lệnh');
    expect(r!.name).toBe('Pháp lệnh Phòng, chống lụt, bão');
  });
});

describe('issuers named with their province', () => {
  it.each([
    ['Thực hiện Kế hoạch số 12/KH-UBND ngày 3/2/2022 của UBND thành phố Đà Nẵng về chuyển đổi số;', 'Ủy ban nhân dân thành phố Đà Nẵng'],
    ['Thực hiện Kế hoạch số 12/KH-UBND ngày 3/2/2022 của UBND tỉnh Bình Định về chuyển đổi số;', 'Ủy ban nhân dân tỉnh Bình Định'],
    ['Theo văn bản số 88/UBND-KT ngày 3/2/2022 của UBND tỉnh Bà Rịa - Vũng Tàu.', 'Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu'],
    // the issuer ends where "cho" names who the work is for
    ['Tập huấn Kế hoạch số 12/KH-UBND ngày 3/2/2022 của UBND tỉnh Phú Yên cho cán bộ cấp xã, phường.', 'Ủy ban nhân dân tỉnh Phú Yên'],
  ])('%s', (t, issuer) => {
    expect(findReferences(t)[0]!.issuer).toBe(issuer);
  });

  it('a "văn bản số" without a type code is a letter', () => {
    expect(findReferences('Theo văn bản số 88/UBND-KT ngày 3/2/2022.')[0]!.type).toBe('Công văn');
  });
});

describe('a ministry letter', () => {
  const text = `V/v triển khai Chỉ thị số 05-CT/TW và Nghị quyết 57-NQ/TW

Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia, Bộ Y tế đề nghị các đơn vị triển khai.

Căn cứ quy định tại Luật Khám bệnh, chữa bệnh năm 2023 và Thông tư số 13/2025/TT-BYT ngày 06/6/2025 của Bộ trưởng Bộ Y tế, các đơn vị tổ chức thực hiện.`;
  it('prefers the stated issuer to the one the code implies', () => {
    const refs = findReferences(text);
    expect(refs.map((r) => [r.number ?? r.name, r.issuer, r.relation])).toEqual([
      ['05-CT/TW', 'Ban Chấp hành Trung ương Đảng', 'thực hiện'],
      ['57-NQ/TW', 'Bộ Chính trị', 'thực hiện'],
      ['Luật Khám bệnh, chữa bệnh', 'Quốc hội', 'căn cứ'],
      ['13/2025/TT-BYT', 'Bộ Y tế', 'căn cứ'],
    ]);
  });
});

describe('a law named in the title and cited with its date under it', () => {
  const text = [
    'KẾ HOẠCH Triển khai thi hành Luật Phòng, chống tác hại của thuốc lá trên địa bàn tỉnh năm 2027',
    'Căn cứ Luật Phòng, chống tác hại của thuốc lá ngày 18 tháng 6 năm 2012;',
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
  ].join('\n');

  it('is one law, named in full, and a "Căn cứ" line right under a line with no full stop is a căn cứ', () => {
    const refs = findReferences(text);
    expect(refs.map((r) => [r.name, r.issued])).toEqual([
      ['Luật Phòng, chống tác hại của thuốc lá', '2012-06-18'],
      ['Luật Tổ chức chính quyền địa phương', '2015-06-19'],
    ]);
    expect(refs.map((r) => r.relation)).toEqual(['căn cứ', 'căn cứ']);
  });
});
