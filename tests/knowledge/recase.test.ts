import { describe, expect, it } from 'vitest';
import { canonicalAgency } from '../../src/knowledge/agencies.ts';
import { recaseAgency, recaseTitle } from '../../src/knowledge/recase.ts';
import { findSigners } from '../../src/extract/persons.ts';
import { segmentText } from '../../src/segment/index.ts';

// One recaser (src/knowledge/recase.ts): header lines, agency names and the signature fallback agree.
describe('one recaser for segment and extract', () => {
  it.each([
    'UBND TỈNH BÀ RỊA - VŨNG TÀU',
    'SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH KIÊN GIANG',
    'BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ TỈNH AN GIANG',
    'VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH VĨNH LONG',
  ])('canonicalAgency(%s) is the header recasing', (upper) => {
    expect(canonicalAgency(upper).canonical).toBe(recaseAgency(upper));
  });

  it('recases a capital run joined by a hyphen inside a mixed-case name', () => {
    expect(canonicalAgency('Ủy ban nhân dân TỈNH BÀ RỊA - VŨNG TÀU').canonical).toBe('Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu');
  });

  it('the signature fallback writes titles as the segmenter does', () => {
    const text = 'Nội dung.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An\n';
    expect(findSigners(text)).toEqual([{ name: 'Nguyễn Văn An', title: recaseTitle('PHÓ CHỦ TỊCH'), authority: 'KT. Chủ tịch' }]);
    expect(recaseTitle('PHÓ CHỦ TỊCH')).toBe('Phó Chủ tịch');
    const [doc] = segmentText(`UBND TỈNH AN GIANG\n\nKẾ HOẠCH\nVề việc X\n\n1. Nội dung.\n\n${text.slice(11)}`);
    expect(doc!.header.signers[0]?.title).toBe(findSigners(text)[0]!.title);
  });
});
