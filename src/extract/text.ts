/**
 * Small text helpers shared by the extractors. `fold` keeps string length (one output char per
 * input UTF-16 unit) so a regex run on the folded text gives offsets into the original.
 */

/** Lower-case, strip Vietnamese diacritics, đ → d; same length for NFC text (normalize's fold). */
import { fold } from '../normalize/index.ts';
export { fold };

/** Fold and collapse whitespace: a key for comparing names. */
export function foldKey(s: string): string {
  return fold(s).replace(/\s+/g, ' ').trim();
}

// clean() is shared with the knowledge layer's agency names; extractors import it from here.
export { clean, cleanAlways } from '../lib/strings.ts';

/** Remove trailing punctuation a list item or citation ends with. */
export function trimPunct(s: string): string {
  return s.replace(/^[\s\-–+•*]+/, '').replace(/[\s;,.:/]+$/, '').trim();
}

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate(y: number, m: number, d: number): string | null {
  if (!(y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= lastDayOfMonth(y, m))) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50 };
export function romanToInt(s: string): number | null {
  const t = s.toLowerCase();
  if (!/^[ivxl]+$/.test(t)) return null;
  let total = 0;
  for (let i = 0; i < t.length; i++) {
    const v = ROMAN[t[i]!]!;
    const next = i + 1 < t.length ? ROMAN[t[i + 1]!]! : 0;
    total += v < next ? -v : v;
  }
  return total;
}

/** Content words of a string (folded), for overlap scores. */
export function words(s: string): string[] {
  return fold(s)
    .split(/[^a-z0-9%]+/)
    .filter((w) => w.length > 0);
}
