import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { canonicalNumber, findReferences, parseNumber } from '../../src/extract/references.ts';

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
