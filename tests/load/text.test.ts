import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/load/text.ts';
import { loadBytes } from '../../src/load/index.ts';
import { sniffMediaType } from '../../src/load/sniff.ts';
import { CP1252, encodeCp1258, encodeTcvn3, encodeViscii, encodeVni, decodeTcvn3, decodeVni } from '../../src/normalize/legacy.ts';
import { normalizeText, normalizeFile } from '../../src/normalize/index.ts';

const FIXTURES = new URL('../../fixtures/', import.meta.url);
const seeds = readdirSync(FIXTURES)
  .filter((f) => /^\d{3}_.*\.txt$/.test(f))
  .map((f) => ({ name: f, bytes: readFileSync(new URL(f, FIXTURES)), text: readFileSync(new URL(f, FIXTURES), 'utf8') }));
// Seeds with real diacritics (002 is OCR output that lost most of them).
const accented = seeds.filter((s) => !s.name.startsWith('002'));

function decoded(bytes: Buffer): { text: string; encoding: string } {
  const d = decodeText(bytes);
  if (!d.ok) throw new Error(d.reason);
  return { text: d.text, encoding: d.encoding };
}

function utf16(text: string, be: boolean, bom: boolean): Buffer {
  const le = Buffer.from((bom ? '\ufeff' : '') + text, 'utf16le');
  if (!be) return le;
  const out = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    out[i] = le[i + 1];
    out[i + 1] = le[i];
  }
  return out;
}

describe('UTF-8 and UTF-16', () => {
  it.each(seeds.map((s) => [s.name, s]))('%s decodes unchanged as UTF-8', (_n, s) => {
    expect(decoded(s.bytes)).toEqual({ text: s.text, encoding: 'utf-8' });
    expect(decoded(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), s.bytes]))).toEqual({ text: s.text, encoding: 'utf-8' });
  });

  it.each(seeds.map((s) => [s.name, s]))('%s as UTF-16 LE/BE with and without BOM', (_n, s) => {
    for (const be of [false, true]) {
      for (const bom of [true, false]) {
        const bytes = utf16(s.text, be, bom);
        expect(sniffMediaType(bytes, 'x.txt')).toBe('text/plain');
        expect(decoded(bytes)).toEqual({ text: s.text, encoding: be ? 'utf-16be' : 'utf-16le' });
      }
    }
  });

  it('plain English ASCII stays UTF-8', () => {
    const en = 'The quick brown fox jumps over the lazy dog.\nNo Vietnamese here: http://example.com/a?b=c\n';
    expect(decoded(Buffer.from(en))).toEqual({ text: en, encoding: 'utf-8' });
  });

  it('UTF-8 with one damaged byte keeps UTF-8 with a replacement character', () => {
    const bytes = Buffer.from(accented[0].text, 'utf8');
    const at = bytes.indexOf(Buffer.from('Ủy', 'utf8'));
    bytes[at + 1] = 0x41; // break the 3-byte sequence
    const d = decoded(bytes);
    expect(d.encoding).toBe('utf-8');
    expect(d.text).toContain('\ufffd');
  });
});

describe('TCVN3 and VNI-Windows', () => {
  const lines = accented.flatMap((s) => s.text.split('\n')).filter((l) => /[^\x00-\x7f]/.test(l));

  it('VNI: every accented seed line round-trips exactly', () => {
    const failed = lines.filter((l) => decodeVni(encodeVni(l)) !== l);
    expect(failed).toEqual([]);
  });

  it('TCVN3: lines round-trip exactly, except capitals the charset cannot hold', () => {
    let exact = 0;
    for (const l of lines) {
      const back = decodeTcvn3(encodeTcvn3(l));
      if (back === l) exact++;
      // VN3 has no capital toned vowels: "Ủy ban" can only come back as "ủy ban".
      else expect(back.toLowerCase()).toBe(l.toLowerCase());
    }
    expect(exact / lines.length).toBeGreaterThan(0.9);
    // All-caps headings come back in capitals.
    const heading = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
    expect(decodeTcvn3(encodeTcvn3(heading))).toBe(heading);
  });

  it.each(accented.map((s) => [s.name, s]))('%s encoded as TCVN3 / VNI is detected and decoded', (_n, s) => {
    const vni = decoded(encodeVni(s.text));
    expect(vni.encoding).toBe('vni');
    expect(vni.text).toBe(s.text);
    const tcvn = decoded(encodeTcvn3(s.text));
    expect(tcvn.encoding).toBe('tcvn3');
    expect(tcvn.text.toLowerCase()).toBe(s.text.toLowerCase());
  });

  it.each(accented.map((s) => [s.name, s]))('%s encoded as Windows-1258 (combining tone bytes) is detected', (_n, s) => {
    const bytes = encodeCp1258(s.text);
    expect(bytes.includes(0xec)).toBe(true); // the combining acute byte is used
    expect(decoded(bytes)).toEqual({ text: s.text, encoding: 'windows-1258' });
  });

  it.each(accented.map((s) => [s.name, s]))('%s encoded as VISCII is detected', (_n, s) => {
    // VISCII uses every high byte for letters: typographic dashes and quotes have no byte.
    expect(decoded(encodeViscii(s.text))).toEqual({ text: s.text.replace(/[–“”]/g, '?'), encoding: 'viscii' });
  });

  it('VNI writes ỵ as one byte and also reads y + nặng', () => {
    expect(encodeVni('Ỵ kỵ').toString('latin1')).toBe('Î kî');
    expect(decodeVni(Buffer.from('kî kyï KYÏ', 'latin1'))).toBe('kỵ kỵ KỴ');
  });

  it('known TCVN3 and VNI byte strings', () => {
    expect(decoded(Buffer.from('Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc', 'latin1'))).toEqual({
      text: 'Cộng hoà xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc',
      encoding: 'tcvn3',
    });
    expect(decoded(Buffer.from('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc', 'latin1'))).toEqual({
      text: 'Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc',
      encoding: 'vni',
    });
  });

  it('a Windows-1252 French/English text is not taken for Vietnamese', () => {
    const fr = Buffer.from('Le café est très bon à Paris, près de la forêt. Déjà vu, naïve, garçon, élève.\n', 'latin1');
    const d = decoded(fr);
    expect(d.encoding).toBe('windows-1252');
    expect(d.text).toBe(fr.toString('latin1'));
  });
});

describe('undecodable bytes', () => {
  it('random binary is rejected with a reason', () => {
    let x = 12345;
    const bytes = Buffer.alloc(4096, 0).map(() => ((x = (x * 1103515245 + 12345) & 0x7fffffff) >> 16) & 0xff);
    const d = decodeText(Buffer.from(bytes));
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toMatch(/binary|undecodable/);
  });

  it('high-bit noise without control bytes is rejected', () => {
    let x = 99;
    const bytes = Buffer.alloc(4096, 0).map(() => 0x80 + (((x = (x * 1103515245 + 12345) & 0x7fffffff) >> 16) & 0x7f));
    const d = decodeText(Buffer.from(bytes));
    expect(d.ok).toBe(false);
  });
});

describe('load + normalize', () => {
  it('a TCVN3 file loads as Vietnamese, normalises to traditional tone placement, keeps original', () => {
    const file = loadBytes('old.txt', Buffer.from('Céng hoµ x· héi chñ nghÜa ViÖt Nam\r\nñy ban nh©n d©n tØnh', 'latin1'));
    expect(file.source.encoding).toBe('tcvn3');
    normalizeFile(file);
    expect(file.original).toBe('Cộng hoà xã hội chủ nghĩa Việt Nam\r\nủy ban nhân dân tỉnh');
    expect(file.text).toBe('Cộng hòa xã hội chủ nghĩa Việt Nam\nủy ban nhân dân tỉnh');
    expect(file.messages.map((m) => m.ruleId)).toEqual(expect.arrayContaining(['legacy-encoding', 'tone-placement']));
  });

  it('UTF-8 text holding TCVN3/VNI mojibake is repaired line by line', () => {
    const input = 'Số: 12/KH-UBND\nCéng hoµ x· héi chñ nghÜa ViÖt Nam\nCoäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nKính gửi: Sở Tài chính';
    expect(normalizeText(input)).toBe(
      'Số: 12/KH-UBND\nCộng hòa xã hội chủ nghĩa Việt Nam\nCộng hòa xã hội chủ nghĩa Việt Nam\nKính gửi: Sở Tài chính',
    );
  });

  it('mojibake next to real Unicode on the same line is repaired stretch by stretch', () => {
    expect(normalizeText('ỦY BAN NHÂN DÂN TỈNH: Céng hoµ x· héi chñ nghÜa ViÖt Nam')).toBe(
      'ỦY BAN NHÂN DÂN TỈNH: Cộng hòa xã hội chủ nghĩa Việt Nam',
    );
  });

  it('UTF-8 read as Windows-1252 and saved again is repaired', () => {
    const good = 'Ủy ban nhân dân tỉnh Kiên Giang ban hành Kế hoạch thực hiện';
    const doubled = [...Buffer.from(good, 'utf8')].map((b) => CP1252[b]).join('');
    const file = loadBytes('x.txt', Buffer.from(`Số: 12/KH-UBND\n${doubled}`, 'utf8'));
    normalizeFile(file);
    expect(file.text).toBe(`Số: 12/KH-UBND\n${good}`);
    expect(file.original).toContain(doubled);
    expect(file.messages.find((m) => m.ruleId === 'legacy-font-mojibake')?.reason).toMatch(/^1 line\(s\) of utf-8/);
  });

  it('the OCR seed 002 with odd symbols is not "repaired"', () => {
    const s = seeds.find((x) => x.name.startsWith('002'))!;
    const lines = s.text.split('\n');
    const out = normalizeText(s.text).split('\n');
    const changed = lines.filter((l, i) => out[i] !== l.replace(/ +$/, '').replace(/ {2,}/g, ' ').replace(/\ufb01/g, 'fi'));
    expect(changed).toEqual([]);
  });
});

describe('mixed encodings', () => {
  // Two seeds run together, each in its own encoding, as when files are concatenated.
  const [a, b] = [accented[0].text, accented[1].text];
  const cases: [string, Buffer, string, string, number][] = [
    ['UTF-8 then UTF-16LE', Buffer.concat([Buffer.from(a), utf16(b, false, false)]), 'utf-8+utf-16le', a + b, 2],
    ['UTF-8 then UTF-16LE with its BOM', Buffer.concat([Buffer.from(a), utf16(b, false, true)]), 'utf-8+utf-16le', a + b, 2],
    ['UTF-8 of odd length then UTF-16LE', Buffer.concat([Buffer.from(a + 'x'), utf16(b, false, false)]), 'utf-8+utf-16le', a + 'x' + b, 2],
    ['UTF-16LE then UTF-8', Buffer.concat([utf16(b, false, false), Buffer.from(a)]), 'utf-16le+utf-8', b + a, 2],
    ['UTF-16BE with BOM then UTF-8', Buffer.concat([utf16(b, true, true), Buffer.from(a)]), 'utf-16be+utf-8', b + a, 2],
    ['UTF-8, UTF-16LE, UTF-8', Buffer.concat([Buffer.from(a), utf16(b, false, false), Buffer.from(a)]), 'utf-8+utf-16le', a + b + a, 3],
  ];
  it.each(cases)('%s: each part decoded in its own encoding, with a message per part', (_n, bytes, encoding, text, n) => {
    const f = loadBytes('mixed.txt', bytes);
    expect(f.text).toBe(text);
    expect(f.text).not.toMatch(/[\u3400-\u9fff\uac00-\ud7af]/); // the tell of UTF-8 read as UTF-16
    expect(f.source.encoding).toBe(encoding);
    const parts = f.messages.filter((m) => m.ruleId === 'mixed-encoding');
    expect(parts.length).toBe(n);
    expect(parts.every((m) => m.severity === 'warning' && /bytes \d+–\d+ decoded as utf-(8|16[lb]e)/.test(m.reason))).toBe(true);
    // The messages cover the text, in order.
    expect(parts[0].start).toBe(0);
    expect(parts[parts.length - 1].end).toBe(f.text.length);
  });

  it('a UTF-8 header line before UTF-16LE text', () => {
    const head = 'Tiêu đề: văn bản\n';
    expect(decoded(Buffer.concat([Buffer.from(head), utf16(b, false, false)])).text).toBe(head + b);
  });

  it('a stretch that is not text fails the file, naming its bytes', () => {
    const junk = Buffer.alloc(600);
    for (let i = 0; i < junk.length; i++) junk[i] = 1 + (i % 7); // control bytes, no zeros
    const d = decodeText(Buffer.concat([utf16(b, false, false), junk]));
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toMatch(/^mixed encodings: bytes \d+–\d+ of \d+ \(no UTF-16\): binary data/);
  });
});

describe('UTF-8 lines and legacy lines in one file', () => {
  // Whole lines of each: parts begin at a line.
  const [a, b] = [accented[0].text + '\n', accented[1].text + '\n'];
  it.each([
    ['tcvn3', encodeTcvn3, decodeTcvn3],
    ['vni', encodeVni, decodeVni],
  ] as const)('UTF-8 text with %s lines pasted in: each run of lines decoded as itself', (encoding, encode, decode) => {
    const legacy = encode(b);
    const f = loadBytes('pasted.txt', Buffer.concat([Buffer.from(a), legacy, Buffer.from(a)]));
    // What the legacy encoding can hold of b (TCVN3 has no capital toned vowels).
    expect(f.text).toBe(a + decode(legacy) + a);
    expect(f.source.encoding).toBe(`utf-8+${encoding}`);
    const parts = f.messages
      .filter((m) => m.ruleId === 'mixed-encoding')
      .map((m) => /^pasted\.txt: mixed encodings; bytes (\d+)–(\d+) decoded as (.+)$/.exec(m.reason)!.slice(1));
    expect(parts.map((p) => p[2])).toEqual(['utf-8', encoding, 'utf-8']);
    // Contiguous, the whole file; the legacy part holds every non-ASCII byte of the pasted lines
    // (ASCII lines at its edges read the same in either part).
    const at = parts.map(([s, e]) => [Number(s), Number(e)]);
    expect([at[0][0], at[0][1], at[1][1]]).toEqual([0, at[1][0], at[2][0]]);
    expect(at[2][1]).toBe(2 * Buffer.byteLength(a) + legacy.length);
    const high = [...legacy.keys()].filter((i) => legacy[i] >= 0x80).map((i) => i + Buffer.byteLength(a));
    expect(at[1][0]).toBeLessThanOrEqual(high[0]);
    expect(at[1][1]).toBeGreaterThan(high[high.length - 1]);
  });

  it('a legacy text with one line that happens to be valid UTF-8 stays one encoding', () => {
    const bytes = Buffer.concat([encodeTcvn3(b), Buffer.from('\nGhi chú: đã ký\n')]);
    const d = decodeText(bytes);
    expect(d.ok && d.encoding).toBe('tcvn3');
  });
});
