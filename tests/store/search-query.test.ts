/**
 * The FTS5 query a search builds stays small however long the typed query is: a word said
 * twice is one condition, and only short queries are also tried as one phrase (a 2,000-word
 * query took a minute).
 */
import { describe, expect, it } from 'vitest';
import { fold } from '../../src/normalize/index.ts';
import { MAX_PHRASE_WORDS, matchExpression, parseQuery, phraseExpression } from '../../src/store/search.ts';

const terms = (expr: string | null) => (expr?.match(/"[^"]*"\*?/g) ?? []).length;

describe('the search query built', () => {
  it('asks for a repeated word once, in every group', () => {
    const q = parseQuery(Array(2000).fill('thực').join(' '), fold);
    expect(matchExpression(q)).toBe('folded : (("thuc"))');
    const ors = parseQuery(Array(500).fill('Kiên OR Giang').join(' OR '), fold);
    expect(matchExpression(ors)).toBe('folded : (("kien") OR ("giang"))');
    // A word and the same word as a prefix are different conditions.
    expect(terms(matchExpression(parseQuery('kien kien*', fold)))).toBe(2);
  });

  it('keeps the typed order, repeats included, for the phrase tier', () => {
    expect(phraseExpression(parseQuery('công ty công nghệ', fold))).toBe('folded : "cong ty cong nghe"');
    expect(matchExpression(parseQuery('công ty công nghệ', fold))).toBe('folded : (("cong" AND "ty" AND "nghe"))');
  });

  it('tries a query as one phrase only up to MAX_PHRASE_WORDS words', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    expect(phraseExpression(parseQuery(words(MAX_PHRASE_WORDS), fold))).not.toBeNull();
    expect(phraseExpression(parseQuery(words(MAX_PHRASE_WORDS + 1), fold))).toBeNull();
    expect(phraseExpression(parseQuery(Array(2000).fill('thực').join(' '), fold))).toBeNull();
  });
});
