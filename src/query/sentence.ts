/**
 * The sentence around a span of a file's text: what an analyst reads to see how a document
 * cites another. Government documents end clauses with ";" (Căn cứ lines) and "." and put
 * one item per line; table cells are separated by tabs. Those are the boundaries.
 */

const MAX = 400;

function isBoundary(text: string, i: number): boolean {
  const c = text[i]!;
  if (c === '\n' || c === '\t' || c === ';' || c === '|') return true;
  // "." ends a sentence before a space and a capital or line end, not in "08.4.2020" or "TP. Hồ".
  if (c === '.' || c === '!' || c === '?') {
    const next = text.slice(i + 1, i + 3);
    return next === '' || /^\s*$/.test(next) || /^\s\p{Lu}/u.test(next) && !/\b(TP|Tp|TX|ThS|TS|PGS|GS|St|Q|KT|TM|TL|TUQ)$/.test(text.slice(Math.max(0, i - 4), i));
  }
  return false;
}

/** The sentence containing [start, end), trimmed, at most ~400 characters around the span. */
export function sentenceAround(text: string, start: number, end: number): string {
  let a = start;
  while (a > 0 && start - a < MAX && !isBoundary(text, a - 1)) a--;
  let b = Math.max(end, start);
  while (b < text.length && b - end < MAX && !isBoundary(text, b)) b++;
  if (b < text.length && text[b] !== '\n' && text[b] !== '\t' && text[b] !== '|') b++; // keep the full stop / semicolon
  let s = text.slice(a, b);
  if (a > 0 && start - a >= MAX) s = `…${s}`;
  if (b < text.length && b - end >= MAX) s = `${s}…`;
  return s
    .replace(/<[^>]+>/g, ' ') // HTML fragments in TSV tables
    .replace(/[*_]{1,2}/g, '') // markdown emphasis
    .replace(/\s+/g, ' ')
    .replace(/^[\s\-–•+]+/, '')
    .trim();
}
