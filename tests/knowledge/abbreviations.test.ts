import { describe, expect, it } from 'vitest';
import { expandAbbreviations } from '../../src/knowledge/abbreviations.ts';
import { recaseAgency } from '../../src/knowledge/recase.ts';
import { canonicalAgency } from '../../src/extract/agencies.ts';

// The forms on which header recasing and agency names used to disagree: each now expands the same
// way wherever it is used.
const cases: [string, string][] = [
  ['UBMTTQ tỉnh', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh'],
  ['BHXH', 'Bảo hiểm xã hội'],
  ['VP.UBND', 'Văn phòng Ủy ban nhân dân'],
  ['TP.', 'thành phố'],
];

describe('one abbreviation expander', () => {
  for (const [abbr, full] of cases) {
    it(`${abbr} → ${full} in the expander, header recasing and agency names`, () => {
      expect(expandAbbreviations(abbr).text).toBe(full);
      expect(recaseAgency(abbr).toLowerCase()).toBe(full.toLowerCase());
      // no province given, so the agency name is the expansion itself
      expect(canonicalAgency(abbr)?.canonical.toLowerCase()).toBe(full.toLowerCase());
    });
  }

  it('a field-only form expands inside a name but is not reported as a body', () => {
    const r = expandAbbreviations('Sở Văn hóa và TT&TT');
    expect(r.text).toBe('Sở Văn hóa và Thông tin và Truyền thông');
    expect(r.scopes).toEqual([]);
    expect(expandAbbreviations('Sở TT&TT').scopes.map((s) => s.kind)).toEqual(['department']);
  });

  it('a capitalised word with tone marks is not read as the code its letters fold to', () => {
    // "TỰ" folds to "tu", the key of TU (Tỉnh ủy)
    expect(expandAbbreviations('TỰ CHỦ').text).toBe('TỰ CHỦ');
    expect(expandAbbreviations('TU').text).toBe('Tỉnh ủy');
  });
});
