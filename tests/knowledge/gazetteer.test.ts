import { describe, expect, it } from 'vitest';
import { canonicalAgency } from '../../src/knowledge/agencies.ts';
import { fold } from '../../src/knowledge/fold.ts';
import { mostNamedProvince, provinceAt, typeNamedAt } from '../../src/knowledge/gazetteer.ts';
import { documentProvince } from '../../src/extract/index.ts';
import { segmentText } from '../../src/segment/index.ts';

describe('provinceAt: the one lookup of a province named in text', () => {
  it.each(['Bà Rịa - Vũng Tàu', 'Bà Rịa–Vũng Tàu', 'Bà Rịa-Vũng Tàu', 'Bà Rịa — Vũng Tàu', 'BÀ RỊA - VŨNG TÀU', 'Ba Ria - Vung Tau'])('reads %s whole', (name) => {
    const text = `tỉnh ${name} ban hành`;
    const hit = provinceAt(fold(text), 5);
    expect(hit?.province.name).toBe('Bà Rịa - Vũng Tàu');
    expect(text.slice(5, 5 + hit!.length)).toBe(name);
  });

  it('takes the longest name and only whole words', () => {
    expect(provinceAt(fold('tỉnh Thừa Thiên Huế'), 5)?.province.name).toBe('Thừa Thiên Huế');
    expect(provinceAt(fold('thành phố Huế'), 10)?.province.name).toBe('Huế');
    expect(provinceAt(fold('Long Anh'), 0)).toBeNull();
    expect(provinceAt(fold('xLong An'), 1)).toBeNull();
  });
});

describe('mostNamedProvince', () => {
  it('counts provinces after a locality word, hyphenated names too', () => {
    expect(mostNamedProvince('UBND tỉnh Bà Rịa–Vũng Tàu; tỉnh Bà Rịa - Vũng Tàu; tỉnh Đồng Nai')).toBe('Bà Rịa - Vũng Tàu');
    expect(mostNamedProvince('thành phố Cần Thơ và tỉnh Hậu Giang, thành phố Cần Thơ')).toBe('Cần Thơ');
    expect(mostNamedProvince('tỉnh Đồng Nai, tỉnh Bình Dương')).toBe('Đồng Nai'); // a tie: the first named
    expect(mostNamedProvince('Kiên Giang, Kiên Giang; tỉnh ủy')).toBeNull(); // not after a locality word
  });

  it('is what extract and segment both use: a hyphenated province is the document\'s', () => {
    const text = 'Ủy ban nhân dân tỉnh ban hành kế hoạch trên địa bàn tỉnh Bà Rịa–Vũng Tàu.\n';
    const [doc] = segmentText(text);
    expect(doc!.header.issuer).toBe('Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu');
    expect(documentProvince(doc!, text)).toBe('Bà Rịa - Vũng Tàu');
  });

  it('gives a body named with a hyphenated province its province', () => {
    for (const name of ['UBND tỉnh Bà Rịa - Vũng Tàu', 'UBND tỉnh Bà Rịa–Vũng Tàu']) expect(canonicalAgency(name).province).toBe('Bà Rịa - Vũng Tàu');
    expect(canonicalAgency('Sở Tài chính', { province: 'Bà Rịa–Vũng Tàu' }).canonical).toBe('Sở Tài chính tỉnh Bà Rịa - Vũng Tàu');
  });
});

describe('typeNamedAt', () => {
  it.each([
    ['Quyết định số 12/QĐ-UBND', 'Quyết định'],
    ['QUYẾT ĐỊNH', 'Quyết định'],
    ['quyet djnh so 12', 'Quyết định'],
    ['Nghị quyết liên tịch số 1', 'Nghị quyết liên tịch'],
    ['Nghị quyết số 1', 'Nghị quyết'],
    ['Quy chế phối hợp', 'Quy chế'],
    ['Kế hoạch số 5/KH-UBND', 'Kế hoạch'],
  ])('%s → %s', (text, type) => expect(typeNamedAt(text)).toBe(type));

  it('reads at a position, whole words only', () => {
    expect(typeNamedAt('kèm theo Thông tư số 3', 9)).toBe('Thông tư');
    expect(typeNamedAt('Quyết địnhx')).toBeNull();
    expect(typeNamedAt('Ủy ban nhân dân')).toBeNull();
  });
});
