/** The genre documents shipped with the model (data/lm/genre/) and their compiled counts. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countGenre, GENRE_LM_FILE, genreDocuments } from '../../src/restore/corpus.ts';
import { NgramCounts } from '../../src/restore/ngram.ts';
import { loadBaseCounts } from '../../src/restore/index.ts';
import { garbleRate } from '../../src/restore/train.ts';

describe('data/lm/genre', () => {
  it('data/lm/genre.bin.gz holds the counts of the documents as they are (else: node --import tsx scripts/build-genre-lm.ts)', () => {
    expect(existsSync(GENRE_LM_FILE)).toBe(true);
    const shipped = NgramCounts.deserialize(readFileSync(GENRE_LM_FILE));
    const fresh = countGenre();
    expect(shipped.sources).toEqual(fresh.sources);
    expect(shipped.tokens).toBe(fresh.tokens);
  });

  it('every document is clean Vietnamese with its marks (it teaches the marks)', () => {
    const docs = genreDocuments();
    expect(docs.length).toBeGreaterThan(0);
    for (const d of docs) expect(garbleRate(d.text), d.name).toBeLessThan(0.1);
  });

  it('is part of the shipped model', () => {
    expect(loadBaseCounts().sources.some((s) => s.startsWith('data/lm/genre ('))).toBe(true);
  });
});
