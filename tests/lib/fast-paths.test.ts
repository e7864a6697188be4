/**
 * The hand-written fast paths equal the plain versions they replace, on random strings made of
 * the characters that matter: ASCII, Vietnamese letters of both cases, combining marks, paired
 * and lone surrogates, every whitespace code point, markup characters and any BMP unit. Each
 * plain version is written here the straightforward way (regexes, one unit at a time).
 */
import { describe, expect, it } from 'vitest';
import { isSpaceCode } from '../../src/lib/strings.ts';
import { fold, foldChar } from '../../src/knowledge/fold.ts';
import { VOWELS } from '../../src/knowledge/syllable.ts';
import { clean, cleanAlways } from '../../src/extract/text.ts';
import { plain, stripMarkup } from '../../src/segment/lines.ts';
import { tokenizeLine } from '../../src/restore/tokenize.ts';
import { rng } from '../../src/lib/rng.ts';

const units = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
/** Every UTF-16 unit JavaScript's \s matches. */
const WHITESPACE = units(0, 0xffff).filter((c) => /\s/.test(c));
const POOLS: string[][] = [
  units(0x20, 0x7e),
  [...VOWELS.keys(), ...'bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX'],
  [...units(0x300, 0x36f), ...units(0x1ab0, 0x1abe), ...units(0x20d0, 0x20f0), ...units(0xfe20, 0xfe2f)],
  ['\ud83d\ude00', '\ud840\udc00', '\ud800', '\udfff', '\udbff', '\udc00'],
  WHITESPACE,
  ['*', '**', '<', '>', '<b>', '</i>', '#', '## ', '\\', '\\*', '\u00a0', '  ', 'ð', 'Ð', 'ø', 'ł', 'İ', 'ß', 'ﬁ', '\uffff'],
];

function randomString(rand: () => number, maxLen: number): string {
  const len = Math.floor(rand() * rand() * maxLen);
  let s = '';
  while (s.length < len) {
    const r = rand();
    if (r < 0.08) s += String.fromCharCode(Math.floor(rand() * 0x10000));
    else {
      const pool = POOLS[Math.floor(rand() * POOLS.length)]!;
      s += pool[Math.floor(rand() * pool.length)]!;
    }
  }
  return s;
}

/** Random strings: short ones (fold's short path), long ones, and some over 1,024 units (its cache). */
function samples(seed: number, n = 4000): string[] {
  const rand = rng(seed);
  const out: string[] = ['', ' ', '\n', 'a', 'Đắk Lắk', 'x'.repeat(63), 'X'.repeat(64), 'Ủ'.repeat(1024)];
  for (let i = 0; i < n; i++) out.push(randomString(rand, i % 50 === 0 ? 3000 : i % 3 === 0 ? 200 : 70));
  return out;
}

describe('isSpaceCode is \\s', () => {
  it('on every UTF-16 unit', () => {
    for (let c = 0; c <= 0xffff; c++) expect(isSpaceCode(c), c.toString(16)).toBe(/\s/.test(String.fromCharCode(c)));
  });
});

/** fold, one unit at a time: marks dropped, accented letters to their base, lower case. */
function plainFoldUnit(u: string): string {
  const c = u.charCodeAt(0);
  const inBlock = (blocks: [number, number][]) => blocks.some(([a, b]) => c >= a && c <= b);
  if (inBlock([[0x300, 0x36f], [0x1ab0, 0x1aff], [0x1dc0, 0x1dff], [0x20d0, 0x20ff], [0xfe20, 0xfe2f]])) return '';
  const special: Record<string, string> = { đ: 'd', Đ: 'd', ð: 'd', Ð: 'd', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l' };
  if (special[u]) return special[u]!;
  if (c >= 0xd800 && c <= 0xdfff) return u;
  if (inBlock([[0xc0, 0x2ff], [0x370, 0x4ff], [0x1e00, 0x1fff]])) {
    const base = u.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (base.length === 1) return base;
  }
  const lower = u.toLowerCase();
  return lower.length === 1 ? lower : u;
}
const plainFold = (s: string) => Array.from({ length: s.length }, (_, i) => plainFoldUnit(s[i]!)).join('');

describe('fold: short and long paths and the cache equal the plain fold', () => {
  it('on random strings, folded twice (the second time from the cache when long)', () => {
    const all = samples(1);
    for (const s of all) expect(fold(s)).toBe(plainFold(s));
    // again, after others filled the cache, and with equal strings built afresh
    for (const s of all.reverse()) {
      expect(fold(s)).toBe(plainFold(s));
      expect(fold(s.split('').join(''))).toBe(plainFold(s));
    }
  });

  it('foldChar is the same map', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const u = String.fromCharCode(c);
      expect(foldChar(u)).toBe(plainFoldUnit(u));
    }
  });

  it('on Vietnamese text it is NFD without marks, lower case, đ → d', () => {
    const rand = rng(2);
    const letters = POOLS[1]!;
    for (let i = 0; i < 2000; i++) {
      let s = '';
      for (let k = Math.floor(rand() * 120); k > 0; k--) s += rand() < 0.15 ? ' ' : letters[Math.floor(rand() * letters.length)]!;
      expect(fold(s)).toBe(s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/đ/g, 'd'));
    }
  });
});

// clean() and plain() skip their replace chains when a scan says nothing would change: the
// chains themselves are the plain versions.
describe('extract clean(): the needsClean shortcut', () => {
  it('equals the four replaces on random strings', () => {
    for (const s of samples(3)) expect(clean(s)).toBe(cleanAlways(s));
  });
});

describe('segment plain(): the NEEDS_PLAIN shortcut', () => {
  it('equals the five replaces on random strings', () => {
    for (const s of samples(4)) expect(plain(s)).toBe(stripMarkup(s));
  });
});

describe('restore tokenizer: the whitespace scan', () => {
  it('tokens cover exactly the non-whitespace runs (/\\S+/g), in order, each its own slice', () => {
    for (const line of samples(5, 2000)) {
      const toks = tokenizeLine(line);
      const covered: [number, number][] = [];
      let last = 0;
      for (const t of toks) {
        expect(t.text).toBe(line.slice(t.start, t.end));
        expect(t.start).toBeGreaterThanOrEqual(last);
        last = t.end;
        const prev = covered[covered.length - 1];
        if (prev && prev[1] === t.start) prev[1] = t.end;
        else covered.push([t.start, t.end]);
      }
      // adjacent tokens join into runs; runs are the chunks between whitespace
      const chunks = [...line.matchAll(/\S+/g)].map((m) => [m.index!, m.index! + m[0].length]);
      expect(covered).toEqual(chunks);
    }
  });
});
