/**
 * Where a list of agencies starts a new item, and names written without marks: both read from
 * the data tables (body-kinds.tsv, agency-abbreviations.tsv, central-bodies.tsv, naming.json).
 */
import { describe, expect, it } from 'vitest';
import { canonicalAgency, startsAgency } from '../../src/knowledge/agencies.ts';

describe('startsAgency', () => {
  it.each([
    'Sở Tài chính',
    'Ủy ban nhân dân các huyện',
    'UBND tỉnh',
    'VP.UBND tỉnh',
    'Bảo hiểm xã hội tỉnh',
    'Chính phủ',
    'Thủ tướng Chính phủ',
    'Giám đốc Sở Nội vụ',
    'Bí thư Tỉnh ủy',
    'Các sở, ban, ngành',
    'các cơ quan, đơn vị',
    'các địa phương',
    'Các huyện, thị xã',
    'Cơ quan thường trực',
    'Phòng Văn hóa và Thông tin',
  ])('%s opens a body', (s) => expect(startsAgency(s)).toBe(true));

  it.each([
    'tổ chức thực hiện',
    'Tăng cường kiểm tra, giám sát',
    'Sớm hoàn thành', // "sở" is a whole word: "sớm" does not open with it
    'các nhiệm vụ trọng tâm',
    'Huyện', // a locality alone is not a body; "các huyện" is
    'Ubiquitous', // "ub" is no abbreviation
  ])('%s does not', (s) => expect(startsAgency(s)).toBe(false));
});

describe('a name written without marks', () => {
  it('gets them back on the province and its level word, and the abbreviation expanded', () => {
    expect(canonicalAgency('So Tai chinh tinh Dak Nong').canonical).toMatch(/tỉnh Đắk Nông$/);
    expect(canonicalAgency('UBND tinh Dak Lak').canonical).toBe('Ủy ban nhân dân tỉnh Đắk Lắk');
  });

  it('a name with marks keeps the spelling its writer chose', () => {
    expect(canonicalAgency('Ủy ban nhân dân tinh Đắk Lắk').canonical).toBe('Ủy ban nhân dân tinh Đắk Lắk');
  });
});
