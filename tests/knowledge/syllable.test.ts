/** The one syllable model: parsing, tone placement, the inventory, and agreement between them. */
import { describe, expect, it } from 'vitest';
import {
  canonicalSyllable, compose, isValidSyllable, parseSyllable, syllableInventory, isFoldedSyllable, Tone, TONE_MARKS, VOWELS, composeVowel, toneIndex,
} from '../../src/knowledge/syllable.ts';
import { fold } from '../../src/knowledge/fold.ts';
import { placeTone } from '../../src/normalize/tone.ts';
import { rng } from '../../src/lib/rng.ts';

describe('syllable: tones', () => {
  it('numbers each tone by its combining mark', () => {
    const names: [keyof typeof Tone, string][] = [['ngang', 'a'], ['huyen', 'à'], ['sac', 'á'], ['hoi', 'ả'], ['nga', 'ã'], ['nang', 'ạ']];
    for (const [name, letter] of names) {
      expect(VOWELS.get(letter)!.tone).toBe(Tone[name]);
      expect(('a' + TONE_MARKS[Tone[name]]).normalize('NFC')).toBe(letter);
      expect(composeVowel('a', Tone[name], true)).toBe(letter.toUpperCase());
    }
  });
});

describe('syllable: parsing', () => {
  it.each([
    ['nghiêng', 'ngh', 'iê', 'ng', Tone.ngang],
    ['Quốc', 'qu', 'ô', 'c', Tone.sac],
    ['giữa', 'gi', 'ưa', '', Tone.nga],
    ['gìn', 'g', 'i', 'n', Tone.huyen],
    ['giếng', 'g', 'iê', 'ng', Tone.sac],
    ['thích', 'th', 'i', 'ch', Tone.sac],
    ['HUỲNH', 'h', 'uy', 'nh', Tone.huyen],
    ['Đắk', 'đ', 'ă', 'k', Tone.sac],
    ['Lắk', 'l', 'ă', 'k', Tone.sac],
    ['Kon', 'k', 'o', 'n', Tone.ngang],
    ['Kạn', 'k', 'a', 'n', Tone.nang],
    ['khuỷu', 'kh', 'uyu', '', Tone.hoi],
  ])('%s = %s + %s + %s, tone %i', (word, onset, nucleus, coda, tone) => {
    const s = parseSyllable(word)!;
    expect({ onset: s.onset, nucleus: s.nucleus, coda: s.coda, tone: s.tone }).toEqual({ onset, nucleus, coda, tone });
    expect(isValidSyllable(s)).toBe(true);
  });

  it.each(['Krông', 'khoom', 'ghà', 'cé', 'ngi', 'quu', 'hoàt', 'xyz', 'UBND', 'tiếnh', 'céc', 'cia', 'ding', 'đăk'])('%s is not a valid syllable', (w) => {
    const s = parseSyllable(w);
    expect(s !== null && isValidSyllable(s)).toBe(false);
    expect(canonicalSyllable(w)).toBeNull();
  });
});

describe('syllable: one model for normalize and restore', () => {
  const inventory = syllableInventory();

  it('the inventory holds the Central Highlands finals and no spelling twice', () => {
    expect(new Set(inventory).size).toBe(inventory.length);
    for (const s of ['đắk', 'lắk', 'kon', 'kạn', 'giếng', 'thích', 'quỳnh', 'hòa', 'thúy', 'ủy']) expect(inventory).toContain(s);
    for (const s of ['hoà', 'thuý', 'gía', 'đàk', 'kuyên']) expect(inventory).not.toContain(s);
  });

  it('every syllable of the inventory is canonical, parses back to its parts and its fold is a folded syllable', () => {
    for (const s of inventory) {
      const p = parseSyllable(s)!;
      expect(compose(p.onset, p.nucleus, p.coda, p.tone)).toBe(s);
      expect(canonicalSyllable(s)).toBe(s);
      expect(placeTone(s)).toBeNull(); // normalize leaves a canonical spelling alone
      expect(isFoldedSyllable(fold(s))).toBe(true);
    }
  });

  it('a tone written on any other vowel: normalize moves it where restore spells it (random sample)', () => {
    const rand = rng(18);
    let moved = 0;
    for (let n = 0; n < 3000; n++) {
      const s = inventory[Math.floor(rand() * inventory.length)]!;
      const p = parseSyllable(s)!;
      if (p.tone === Tone.ngang) continue;
      const vowels = [...s].flatMap((c, i) => (VOWELS.has(c) ? [i] : []));
      const at = vowels[Math.floor(rand() * vowels.length)]!;
      const chars = [...s].map((c) => (VOWELS.has(c) ? composeVowel(VOWELS.get(c)!.base, 0) : c));
      chars[at] = composeVowel(VOWELS.get(chars[at]!)!.base, p.tone);
      const elsewhere = chars.join('');
      expect(canonicalSyllable(elsewhere)).toBe(s);
      if (elsewhere === s) continue;
      moved++;
      expect(placeTone(elsewhere)).toBe(s);
      const upper = placeTone(elsewhere.toUpperCase());
      expect(upper).toBe(s.toUpperCase());
    }
    expect(moved).toBeGreaterThan(100);
  });

  it('places the tone by the traditional rule', () => {
    expect(toneIndex('oa', '')).toBe(0); // hòa
    expect(toneIndex('oa', 'ng')).toBe(1); // hoàng
    expect(toneIndex('oai', '')).toBe(1); // ngoài
    expect(toneIndex('ươi', '')).toBe(1); // người: the last shaped vowel
    expect(placeTone('hoà')).toBe('hòa');
    expect(placeTone('Thuý')).toBe('Thúy');
    expect(placeTone('qúy')).toBe('quý');
    expect(placeTone('gíêng')).toBe('giếng'); // the tone on the i of gi belongs to the nucleus
    expect(placeTone('hóá')).toBeNull(); // two tone marks: not one syllable
  });
});
