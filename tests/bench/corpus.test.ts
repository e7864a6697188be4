import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLEAN_SEEDS, loadSeeds, loadVocabulary, makeDocument } from '../../bench/corpus.ts';

const vocab = loadVocabulary();
const seeds = loadSeeds();
const codes = (text: string, suffix: string) => new Set(text.match(new RegExp(`\\d+/${suffix}`, 'g')) ?? []);

describe('bench corpus', () => {
  it('finds the home province of each clean seed from the gazetteer', () => {
    expect(seeds.map((s) => s.province)).toEqual(['Kiên Giang', 'Vĩnh Long', 'Bình Dương', 'An Giang']);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(makeDocument(7, 3, seeds, vocab)).toBe(makeDocument(7, 3, seeds, vocab));
    expect(makeDocument(7, 3, seeds, vocab)).not.toBe(makeDocument(7, 4, seeds, vocab));
  });

  it('gives every document its own content hash', () => {
    const hashes = new Set<string>();
    for (let i = 0; i < 400; i++) hashes.add(createHash('sha256').update(makeDocument(i, 1, seeds, vocab)).digest('hex'));
    expect(hashes.size).toBe(400);
  });

  it('keeps a cited code consistent within a document (815/QĐ-VPCP is cited, then is the next document)', () => {
    const seed = readFileSync(join('fixtures', CLEAN_SEEDS[0]), 'utf8');
    for (let i = 0; i < 40; i += 4) {
      const doc = makeDocument(i, 1, seeds, vocab);
      // As many distinct VPCP decision numbers as the seed has: each one renumbered the same way everywhere.
      expect(codes(doc, 'QĐ-VPCP').size).toBeLessThanOrEqual(codes(seed, 'QĐ-VPCP').size);
      expect(doc).not.toContain('815/QĐ-VPCP ngày 04/11/2020');
    }
  });

  it('moves the issuer to another province in both spellings, never leaving the old one', () => {
    for (let i = 0; i < 40; i += 4) {
      const doc = makeDocument(i, 1, seeds, vocab);
      const home = seeds[i % seeds.length].province!;
      const named = vocab.provinces.filter((p) => doc.includes(`tỉnh ${p}`));
      expect(named.length).toBeGreaterThan(0);
      if (!named.includes(home)) {
        expect(doc).not.toContain(home);
        expect(doc).not.toContain(home.toLocaleUpperCase('vi'));
      }
    }
  });

  it('keeps tables, headings and numbered items where they were', () => {
    const seed = seeds[0].text;
    const doc = makeDocument(0, 1, seeds, vocab);
    const structural = (t: string) => t.split('\n').filter((l) => l.includes('\t') || /^(#|\*\*Điều|Điều \d)/.test(l)).length;
    expect(structural(doc)).toBe(structural(seed));
  });
});
