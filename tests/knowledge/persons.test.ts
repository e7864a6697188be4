import { describe, expect, it } from 'vitest';
import { fold } from '../../src/knowledge/fold.ts';
import { naming } from '../../src/knowledge/naming.ts';
import { canonicalSurname, isPersonName, titleBeforeBody, titlePattern } from '../../src/knowledge/persons.ts';
import { findReferences } from '../../src/extract/references.ts';
import { findPersons } from '../../src/extract/persons.ts';
import { findAgencies } from '../../src/extract/agencies.ts';
import { parseTail } from '../../src/segment/signature.ts';
import { splitLines } from '../../src/segment/lines.ts';

describe('isPersonName: one test of a name for segment and extract', () => {
  it.each(['Huỳnh Vĩnh Lạc', 'Nguyễn Thị Quyên Thanh', 'NGUYỄN VĂN AN', 'Nguyen Van An', 'Lâm Minh Thành'])('%s is a name', (s) => expect(isPersonName(s)).toBe(true));
  it.each(['Kiên Giang', 'Nguyễn', 'Ủy ban nhân dân', 'Sở Tài chính', 'Nguyễn văn an'])('%s is not', (s) => expect(isPersonName(s)).toBe(false));

  it('agency mentions and the signature block read it the same', () => {
    expect(findAgencies('Chủ tịch Ủy ban nhân dân tỉnh Lâm Minh Thành chỉ đạo.')[0]?.text).toBe('Ủy ban nhân dân tỉnh');
    const tail = parseTail(splitLines('KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyen Thanh Nhan\n'));
    expect(tail.signers[0]?.name).toBe(canonicalSurname('Nguyen Thanh Nhan'));
  });
});

describe('titles: one list (data/codes/naming.json)', () => {
  it('the person pattern reads every title of the table, in normal case', () => {
    const re = new RegExp(`^(?:${titlePattern()})$`, 'u');
    for (const t of naming().titles) expect(`${t[0]!.toLocaleUpperCase('vi')}${t.slice(1)}`).toMatch(re);
    expect('Bộ trưởng, Chủ nhiệm').toMatch(re);
    expect('Chánh Thanh tra').toMatch(re);
    expect('chủ tịch').not.toMatch(re);
  });

  it('titleBeforeBody stops where a body starts, and never splits a known body', () => {
    const at = (s: string) => s.slice(0, titleBeforeBody(fold(s), 0));
    expect(at('Chủ tịch Ủy ban nhân dân tỉnh An Giang')).toBe('Chủ tịch ');
    expect(at('Chủ tịch Hội đồng nhân dân tỉnh An Giang')).toBe('Chủ tịch ');
    expect(at('Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ')).toBe('Bộ trưởng, Chủ nhiệm ');
    expect(at('Thủ tướng Chính phủ')).toBe('');
    expect(at('Phó Thủ tướng Chính phủ')).toBe('Phó ');
    expect(at('Chủ tịch nước')).toBe('');
  });

  it('a citation\'s issuer: the title is dropped, Thủ tướng Chính phủ is kept whole', () => {
    const issuer = (s: string) => findReferences(`Căn cứ Quyết định số ${s} về việc X.`)[0]?.issuer;
    expect(issuer('749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ')).toBe('Thủ tướng Chính phủ');
    expect(issuer('14/QĐ-TTg ngày 03/6/2020 của Phó Thủ tướng Chính phủ')).toBe('Thủ tướng Chính phủ');
    expect(issuer('815/QĐ-VPCP ngày 04/11/2020 của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ')).toBe('Văn phòng Chính phủ');
    expect(issuer('12/QĐ-UBND ngày 03/6/2020 của Phó Chủ tịch Ủy ban nhân dân tỉnh An Giang')).toBe('Ủy ban nhân dân tỉnh An Giang');
  });

  it('persons are found with every title of the table', () => {
    const found = findPersons('Chánh Thanh tra tỉnh Nguyễn Văn An và Phó Tổng Giám đốc Trần Thị Bình dự họp.').map((p) => [p.name, p.title]);
    expect(found).toEqual([['Nguyễn Văn An', 'Chánh Thanh tra tỉnh'], ['Trần Thị Bình', 'Phó Tổng Giám đốc']]);
  });
});

describe('family names of the mountain and Highland provinces', () => {
  it.each(['Vàng Seo Đinh', 'Vang Seo Dinh', 'GIÀNG A PÁO', 'Sùng A Hồ', 'Ksor Phước', 'Nông Đức Mạnh', 'Lường Văn Chung'])('%s is a name', (n) => {
    expect(isPersonName(n)).toBe(true);
  });
  it.each(['Nay Ủy ban nhân dân', 'Nay Sở'])('%s is not', (n) => expect(isPersonName(n)).toBe(false));

  it('a signer typed without marks is read as the signer, the family name spelt as it is', () => {
    const tail = parseTail(splitLines('KT. CHU TICH\nPHO CHU TICH\n\nVang Seo Dinh\n'));
    expect(tail.signers.map((s) => s.name)).toEqual(['Vàng Seo Dinh']);
  });
});

describe("a signer whose family name the list does not hold: the block's last line", () => {
  it.each(["H'Lim Niê Kdăm", 'Thạch Sô Phenl', 'Lù Thị Mỷ', 'Ka Sieu'])('%s', (n) => {
    const tail = parseTail(splitLines(`Nơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n${n}\n`));
    expect(tail.signers).toEqual([{ name: n, title: 'Phó Chủ tịch', authority: 'KT. Chủ tịch' }]);
  });
  it('but not a list entry or a line above the title', () => {
    const tail = parseTail(splitLines('Nơi nhận:\n- Sở Y tế;\n- Lưu VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n'));
    expect(tail.signers).toEqual([{ name: null, title: 'Chủ tịch', authority: 'TM. Ủy ban nhân dân' }]);
  });
});

describe('a signature block glued by a text layer', () => {
  const signer = (tail: string) => parseTail(splitLines(`Nơi nhận:\n- Như trên;\n- Lưu: VT.\n${tail}\n`)).signers[0];
  it.each([
    ['KT. CHỦ TỊCH\nPHÓ CHỦ TỊCHTrương Công Hậu', 'Trương Công Hậu', 'Phó Chủ tịch'],
    ['KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG--------Trần Quang Lộc', 'Trần Quang Lộc', 'Thứ trưởng'],
    ['KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n-----------Phạm Thị Thu Hiền', 'Phạm Thị Thu Hiền', 'Phó Chánh Văn phòng'],
    ['T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nVàng Seo\nChư', 'Vàng Seo Chư', 'Phó Bí thư'],
  ])('%j', (tail, name, title) => {
    expect(signer(tail)).toMatchObject({ name, title });
  });
  it('the signer at the right of a Nơi nhận entry, with or without the gap', () => {
    for (const gap of ['        ', ' ']) {
      const tail = parseTail(splitLines(`Nơi nhận:        KT. CHỦ TỊCH\n- UBND tỉnh (b/c);        PHÓ CHỦ TỊCH\n- Như mục III;${gap}Nguyễn Văn Hòa\n- Lưu: VT.\n`));
      expect(tail.signers[0]).toMatchObject({ name: 'Nguyễn Văn Hòa', authority: 'KT. Chủ tịch' });
      expect(tail.distribution).toContain('Như mục III');
    }
  });
});

describe('a signer name cut after its middle name', () => {
  it.each([['Lò Thị', 'Hồng Vân'], ['Hà Văn', 'Khởi']])('%s / %s is one name', (a, b) => {
    const tail = parseTail(splitLines(`Nơi nhận:\n- Lưu: VT.\n|\nTM. BAN THƯỜNG VỤ\n|\nPHÓ CHỦ TỊCH\n|\n${a}\n${b}\n`));
    expect(tail.signers.map((s) => s.name)).toEqual([`${a} ${b}`]);
  });
});
