import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fold, fixTonePlacement, nfc, normalizeFile, normalizeText, mapOffset, normalizeLines } from '../../src/normalize/index.ts';
import { emptyFile } from '../../src/load/index.ts';

const FIXTURES = new URL('../../fixtures/', import.meta.url);
const seeds = readdirSync(FIXTURES)
  .filter((f) => /^\d{3}_.*\.txt$/.test(f))
  .map((f) => ({ name: f, text: readFileSync(new URL(f, FIXTURES), 'utf8') }));

describe('tone placement', () => {
  it.each([
    ['hoà', 'hòa'], ['thuý', 'thúy'], ['Uỷ', 'Ủy'], ['toà', 'tòa'], ['khoẻ', 'khỏe'], ['HOÀ', 'HÒA'],
    ['UỶ BAN', 'ỦY BAN'], ['hòang', 'hoàng'], ['ngòai', 'ngoài'], ['qúy', 'quý'], ['gía', 'giá'], ['cuả', 'của'],
    ['Hoá đơn', 'Hóa đơn'], ['loà xoà', 'lòa xòa'],
  ])('%s → %s', (input, want) => {
    expect(normalizeText(input)).toBe(want);
  });

  it.each(['hòa', 'thúy', 'Ủy', 'hoàng', 'thuyết', 'khoáng', 'quý', 'giá', 'quả', 'Huỳnh', 'khuya', 'ngoài', 'người', 'giữa', 'gìn', 'thuở', 'mía', 'múa', 'của', 'Đắk Lắk', 'khuỷu'])(
    'leaves correct %s alone',
    (w) => {
      expect(fixTonePlacement(w)).toEqual({ text: w, moved: 0 });
    },
  );

  it('leaves non-Vietnamese words, codes and URLs alone', () => {
    const s = 'café José Pokémon NĐ-CP 45/2020/NĐ-CP https://hoà.example.vn/toà user@hoà.vn';
    expect(fixTonePlacement(s).text).toBe(s);
  });

  it('nfc() canonicalises a single string (for tables and gold comparisons)', () => {
    expect(nfc('Uy\u0309 ban nha\u0302n da\u0302n ti\u0309nh Kha\u0301nh Hoa\u0300')).toBe('Ủy ban nhân dân tỉnh Khánh Hòa');
  });

  it('composes decomposed input, including tone-before-shape order', () => {
    const decomposed = 'Ho\u0300a Bi\u0300nh, vie\u0323\u0302t, ke\u0301\u0302 hoa\u0323ch';
    expect(normalizeText(decomposed)).toBe('Hòa Bình, việt, kế hoạch');
    expect(normalizeText('thuy\u0301'.normalize('NFD'))).toBe('thúy');
  });
});

describe('spaces, invisibles, look-alikes', () => {
  it('normalises line ends, odd spaces and keeps tabs and line count', () => {
    const input = 'Kính\u00a0gửi:  Sở   Tài chính \r\nSTT \t Nội dung\t\r\nx\u200by\rz';
    const out = normalizeText(input);
    expect(out).toBe('Kính gửi: Sở Tài chính\nSTT\tNội dung\t\nxy\nz');
    expect(out.split('\n')).toHaveLength(4);
  });

  it('replaces Icelandic eth and odd hyphens, keeps en dash and curly quotes', () => {
    expect(normalizeText('Ðiều 3. Nghị ðịnh 45/2020/N\u0189\u2011CP, giai đoạn 2020 – 2025 “đúng”')).toBe(
      'Điều 3. Nghị định 45/2020/NĐ-CP, giai đoạn 2020 – 2025 “đúng”',
    );
  });
});

describe('fold', () => {
  it('lower-cases and removes all diacritics, đ → d, same length', () => {
    const s = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM – Độc lập, Ủy ban, Đắk Lắk, người, ượ';
    expect(fold(s)).toBe('cong hoa xa hoi chu nghia viet nam – doc lap, uy ban, dak lak, nguoi, uo');
    expect(fold(s)).toHaveLength(s.length);
  });
  it('drops combining marks of decomposed text', () => {
    expect(fold('Vie\u0323\u0302t')).toBe('viet');
  });
});

describe('seeds', () => {
  it.each(seeds.map((s) => [s.name, s.text]))('%s: idempotent, line count stable, < 0.1%% changed', (_name, text) => {
    const once = normalizeText(text);
    expect(normalizeText(once)).toBe(once);
    expect(once.split('\n').length).toBe(text.split('\n').length);
    // Characters changed: compare line by line (lines align one to one).
    const a = text.split('\n');
    const b = once.split('\n');
    let changed = 0;
    for (let i = 0; i < a.length; i++) changed += editDistanceBound(a[i], b[i]);
    expect(changed / text.length).toBeLessThan(0.001);
  });

  it('seed tone placement is already traditional: nothing moves', () => {
    for (const s of seeds) expect(fixTonePlacement(s.text).moved, s.name).toBe(0);
  });
});

describe('normalizeFile', () => {
  it('keeps original, records counts, maps page offsets', () => {
    const f = emptyFile('x.txt');
    f.original = 'Uỷ ban nhân dân\r\nHoà  Bình\r\nTrang 2';
    f.text = f.original;
    const p2 = f.original.indexOf('Trang 2');
    f.pages = [
      { page: 1, start: 0, end: p2, method: 'text', confidence: null },
      {
        page: 2, start: p2, end: f.original.length, method: 'ocr', confidence: 0.9,
        lines: [{ start: p2, end: f.original.length, box: [0, 0, 100, 10], confidence: 0.9 }],
      },
    ];
    const hoa = f.original.indexOf('Hoà');
    f.pages[0].lines = [{ start: hoa, end: hoa + 'Hoà  Bình'.length, box: [0, 0, 100, 10], confidence: 0.8 }];
    normalizeFile(f);
    expect(f.original).toBe('Uỷ ban nhân dân\r\nHoà  Bình\r\nTrang 2');
    expect(f.text).toBe('Ủy ban nhân dân\nHòa Bình\nTrang 2');
    expect(f.pages[1].start).toBe(f.text.indexOf('Trang 2'));
    expect(f.pages[1].end).toBe(f.text.length);
    expect(f.pages[1].lines![0]).toMatchObject({ start: f.text.indexOf('Trang 2'), end: f.text.length });
    const line = f.pages[0].lines![0];
    expect(f.text.slice(line.start, line.end)).toBe('Hòa Bình');
    const tone = f.messages.find((m) => m.ruleId === 'tone-placement');
    expect(tone?.severity).toBe('info');
    expect(tone?.stage).toBe('normalize');
    expect(tone?.reason).toMatch(/^2 /);
  });

  it('maps offsets exactly at line boundaries', () => {
    const input = 'a  b\r\ncc\r\n';
    const { lineMap, text } = normalizeLines(input);
    expect(text).toBe('a b\ncc\n');
    expect(mapOffset(lineMap, input.indexOf('cc'))).toBe(text.indexOf('cc'));
    expect(mapOffset(lineMap, input.length)).toBe(text.length);
  });
});

/** Characters differing between two strings: prefix/suffix trimmed, then the longer middle. */
function editDistanceBound(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return Math.max(a.length - i - j, b.length - i - j);
}
