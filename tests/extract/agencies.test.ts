import { describe, expect, it } from 'vitest';
import { canonicalAgency } from '../../src/extract/agencies.ts';
import { gazetteer, provinceOn, provincesAt } from '../../src/knowledge/gazetteer.ts';
import { findPersons } from '../../src/extract/persons.ts';

describe('gazetteer', () => {
  it('has 63 provinces before the 2025 merger and 34 after', () => {
    expect(provincesAt('2024-06-01')).toHaveLength(63);
    expect(provincesAt('2025-07-01')).toHaveLength(34);
    expect(gazetteer().provinces.filter((p) => p.mergedInto && !gazetteer().provinces.some((q) => q.name === p.mergedInto))).toEqual([]);
  });

  it('follows a province into the unit that took it over', () => {
    expect(provinceOn('Kiên Giang', '2025-08-01')?.name).toBe('An Giang');
    expect(provinceOn('Kiên Giang', '2022-01-01')?.name).toBe('Kiên Giang');
    expect(provinceOn('Thừa Thiên Huế', '2025-03-01')?.name).toBe('Huế');
  });
});

describe('canonicalAgency', () => {
  it.each([
    ['Sở Thông tin và Truyền thông', 'Vĩnh Long', 'Sở Thông tin và Truyền thông tỉnh Vĩnh Long', 'department'],
    ['Sở TT&TT', 'Đồng Nai', 'Sở Thông tin và Truyền thông tỉnh Đồng Nai', 'department'],
    ['STTTT', 'Hà Nội', 'Sở Thông tin và Truyền thông thành phố Hà Nội', 'department'],
    ['VP. UBND tỉnh', 'Nghệ An', 'Văn phòng Ủy ban nhân dân tỉnh Nghệ An', 'office'],
    ['ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH', null, 'Ủy ban nhân dân tỉnh Quảng Ninh', 'people-committee'],
    ['Đài PT&TH', 'Bình Dương', 'Đài Phát thanh và Truyền hình Bình Dương', 'press'],
    ['VPCP', 'Vĩnh Long', 'Văn phòng Chính phủ', 'ministry-level'],
    ['Bộ Y tế', 'Vĩnh Long', 'Bộ Y tế', 'ministry'],
    ['UBND tinh Ha Tinh', null, 'Ủy ban nhân dân tỉnh Hà Tĩnh', 'people-committee'],
  ])('%s (%s)', (name, province, canonical, kind) => {
    const c = canonicalAgency(name, { province });
    expect(c.canonical).toBe(canonical);
    expect(c.kind).toBe(kind);
  });

  it('leaves plural and district-level bodies without a province suffix', () => {
    expect(canonicalAgency('Các sở, ban, ngành tỉnh', { province: 'Vĩnh Long' }).canonical).toBe('Các sở, ban, ngành tỉnh');
    expect(canonicalAgency('UBND cấp huyện', { province: 'Vĩnh Long' }).canonical).toBe('Ủy ban nhân dân cấp huyện');
  });
});

describe('findPersons', () => {
  it('reads a title and the name after it', () => {
    const [p] = findPersons('Ngày 16/11/2020, Chủ tịch Ủy ban nhân dân tỉnh Lâm Minh Thành có ý kiến chỉ đạo');
    expect(p).toMatchObject({ name: 'Lâm Minh Thành', title: 'Chủ tịch Ủy ban nhân dân tỉnh' });
  });
});

describe('findPersons with honorifics', () => {
  it('reads the name after Ông/Bà and the title after it', () => {
    const ps = findPersons('Giao ông Trần Văn Nam, Phó Giám đốc Sở Tư pháp làm Tổ trưởng; bà Lê Thị Hoa làm thư ký.');
    expect(ps.map((p) => [p.name, p.title])).toEqual([
      ['Trần Văn Nam', 'Phó Giám đốc Sở Tư pháp'],
      ['Lê Thị Hoa', null],
    ]);
  });
});

describe('findAgencies', () => {
  it('stops at a table cell boundary and reads plural levels whole', async () => {
    const { findAgencies } = await import('../../src/extract/agencies.ts');
    const as = findAgencies('Văn phòng UBND tỉnh\tĐài PT&TH Bình Dương\tUBND các huyện, thị xã, thành phố thực hiện', { province: 'Bình Dương' });
    expect(as.map((a) => [a.text, a.canonical])).toEqual([
      ['Văn phòng UBND tỉnh', 'Văn phòng Ủy ban nhân dân tỉnh Bình Dương'],
      ['Đài PT&TH Bình Dương', 'Đài Phát thanh và Truyền hình Bình Dương'],
      ['UBND các huyện, thị xã, thành phố', 'Ủy ban nhân dân các huyện, thị xã, thành phố'],
    ]);
  });
});

describe('canonicalAgency spellings', () => {
  it.each([
    ['UBND TỈNH KIÊN GIANG', 'Ủy ban nhân dân tỉnh Kiên Giang'],
    ['Cục kiểm soát thủ tục hành chính', 'Cục Kiểm soát thủ tục hành chính'],
    ['Tập đoàn Điện lực EVN', 'Tập đoàn Điện lực Việt Nam'],
    ['Tập đoàn Bưu chính-Viễn thông Việt Nam', 'Tập đoàn Bưu chính Viễn thông Việt Nam'],
  ])('%s', (name, canonical) => expect(canonicalAgency(name).canonical).toBe(canonical));

  it('does not take a person for a place', async () => {
    const { findAgencies } = await import('../../src/extract/agencies.ts');
    const [a] = findAgencies('Chủ tịch Ủy ban nhân dân tỉnh Lâm Minh Thành có ý kiến', { province: 'Kiên Giang' });
    expect(a!.canonical).toBe('Ủy ban nhân dân tỉnh Kiên Giang');
  });
});
