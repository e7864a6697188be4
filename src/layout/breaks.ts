/**
 * Words and codes broken at a printed line end, found and rejoined (pure).
 *
 * - A hyphen that ends a line right after a letter or digit, the next line going on with one:
 *   "35/TTr-" ⏎ "STTTT" → "35/TTr-STTTT", "37-" ⏎ "CT/TW", "Quý III-" ⏎ "IV/2021". Vietnamese
 *   is not hyphenated by typesetters (syllables are words), so such a hyphen belongs to a code
 *   or a compound and stays; only the line break goes.
 * - A soft hyphen (U+00AD) ending a line, or a printed hyphen between two lower-case
 *   syllables: the word processor hyphenated there. The hyphen goes; both halves are kept with
 *   a space between when each is a syllable and together they are not ("hành-" ⏎ "chính"),
 *   glued otherwise ("chí-" ⏎ "nh" → "chính", Latin words).
 * A spaced dash ("Bà Rịa -" ⏎ "Vũng Tàu") and a dash opening a list item ("- Sở Tài chính")
 * are not word breaks: paragraphs.ts joins the first with a space, the second starts a line.
 */
import type { Edit } from '../lib/offsets.ts';
import { canonicalSyllable } from '../knowledge/syllable.ts';

export interface LineSpan {
  start: number;
  end: number;
}

/** [start, end) of the old text becomes `with`. */
export interface Replacement {
  start: number;
  end: number;
  with: string;
}

export type BreakKind = 'line-break-hyphen' | 'line-end-hyphenation';

export interface BreakJoin {
  kind: BreakKind;
  /** What changes in the old text: the break removed, a soft hyphen removed or made a space. */
  replace: Replacement[];
  /** The two halves as printed and the joined word (for the message). */
  before: string;
  after: string;
  /** Span of the joined word in the old text (first half's start to second half's end). */
  start: number;
  end: number;
}

const HARD_HYPHEN = /(?<=[\p{L}\p{N}])[-‐‑]$/u;
const SOFT_HYPHEN = '\u00ad';
/** A marker opening the next line ("1. ", "a) "): a new item, not the rest of a word. */
const ITEM_START = /^(?:\d{1,2}|[a-zđ])\s*[.)]\s/u;

const lastToken = (s: string) => /\S*$/u.exec(s)![0];
/** The next line's first word, without the punctuation after it. */
const firstToken = (s: string) => /^\S*?(?=[.,;:!?)]*(?:\s|$))/u.exec(s)![0];

/** Where each consecutive pair of lines (one "\n" apart) breaks a word, and how to rejoin it. */
export function findBreakJoins(text: string, lines: readonly LineSpan[]): BreakJoin[] {
  const out: BreakJoin[] = [];
  const sorted = [...lines].sort((a, b) => a.start - b.start);
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!;
    const b = sorted[i + 1]!;
    if (b.start !== a.end + 1 || text[a.end] !== '\n') continue;
    const left = text.slice(a.start, a.end);
    const right = text.slice(b.start, b.end);
    if (left.includes('\t') || right.includes('\t') || !/^[\p{L}\p{N}]/u.test(right) || ITEM_START.test(right)) continue;
    const tokA = lastToken(left);
    const tokB = firstToken(right);
    const soft = left.endsWith(SOFT_HYPHEN);
    if (!soft && !HARD_HYPHEN.test(left)) continue;
    const half = tokA.slice(0, -1);
    const head = /^\p{L}+/u.exec(tokB)?.[0] ?? '';
    // Word processors print a soft hyphen as "-" where they break: a hyphen between two
    // lower-case syllables is that, not part of a code (codes have capitals or digits).
    const syllables = !!canonicalSyllable(half) && /^\p{Ll}+$/u.test(half) && !!canonicalSyllable(head) && /^\p{Ll}+$/u.test(head);
    if (soft || syllables) {
      if (!/[\p{L}\p{N}]$/u.test(half)) continue;
      // Two whole syllables that are not one: the hyphen stood for the space between them.
      const wa = /\p{L}+$/u.exec(half)?.[0] ?? '';
      const spaced = !!wa && !!head && !!canonicalSyllable(wa.toLowerCase()) && !!canonicalSyllable(head.toLowerCase()) && !canonicalSyllable((wa + head).toLowerCase());
      // Two replacements, so the first line still ends where its word does.
      const replace = [
        { start: a.end - 1, end: a.end, with: '' },
        { start: a.end, end: a.end + 1, with: spaced ? ' ' : '' },
      ];
      out.push({ kind: 'line-end-hyphenation', replace, before: `${half}-⏎${tokB}`, after: half + (spaced ? ' ' : '') + tokB, start: a.end - tokA.length, end: b.start + tokB.length });
      continue;
    }
    if (tokA.length < 2) continue;
    out.push({ kind: 'line-break-hyphen', replace: [{ start: a.end, end: a.end + 1, with: '' }], before: `${tokA}⏎${tokB}`, after: tokA + tokB, start: a.end - tokA.length, end: b.start + tokB.length });
  }
  return out;
}

/** The text with the replacements made (sorted, not overlapping), and the edit list for remapFile. */
export function applyReplacements(text: string, replace: readonly Replacement[]): { text: string; edits: Edit[] } {
  const sorted = [...replace].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let pos = 0;
  let len = 0;
  const edits: Edit[] = [];
  for (const r of sorted) {
    const keep = text.slice(pos, r.start);
    parts.push(keep, r.with);
    len += keep.length;
    edits.push({ oldStart: r.start, oldEnd: r.end, newStart: len, newEnd: len + r.with.length });
    len += r.with.length;
    pos = r.end;
  }
  parts.push(text.slice(pos));
  return { text: parts.join(''), edits };
}
