/**
 * The one abbreviation expander: data/gazetteer/agency-abbreviations.tsv (bodies, fields, places)
 * and the short forms of central bodies, used by header recasing, agency names and queries alike.
 */
import { fold } from './fold.ts';
import { gazetteer, type AgencyAbbreviation } from './gazetteer.ts';

/** Matching ignores case, marks, spaces, dots, "&" and "-": Sở TT&TT = Sở TTTT = STTTT. */
const abbrKey = (s: string) => fold(s).replace(/[\s.&\-]/g, '');

let abbrIndex: Map<string, AgencyAbbreviation> | null = null;
function abbreviations(): Map<string, AgencyAbbreviation> {
  if (abbrIndex) return abbrIndex;
  abbrIndex = new Map();
  for (const a of gazetteer().abbreviations) abbrIndex.set(abbrKey(a.abbreviation), a);
  for (const c of gazetteer().central) {
    for (const a of c.abbreviations) {
      // Only forms that cannot be an ordinary word: letters in capitals, or multi-word short forms.
      if (/[A-ZĐ]{2,}/.test(a) && !abbrIndex.has(abbrKey(a)))
        abbrIndex.set(abbrKey(a), { abbreviation: a, expansion: c.name, form: 'body', scope: 'central', kind: c.kind });
    }
  }
  return abbrIndex;
}

/** Whether `s` as a whole is a known abbreviation ("UBND", "Sở TT&TT"). */
export function isAbbreviation(s: string): boolean {
  return abbreviations().has(abbrKey(s));
}

/**
 * An abbreviation is written in initials without tone marks (Đ aside): a single capitalised word
 * with marks ("TỰ" in an all-caps header) is a word, even when its letters fold to a code ("TU").
 */
const markedWord = (s: string) => !/\s/.test(s) && /[^\x00-\x7FĐđ]/.test(s);

/** How many of the tokens from `at` on repeat the last words of `expansion` (case aside). */
function repeatedTail(expansion: string, tokens: readonly string[], at: number): number {
  const words = expansion.toLowerCase().split(' ');
  for (let k = Math.min(3, words.length - 1, tokens.length - at); k >= 1; k--) {
    const next = tokens.slice(at, at + k).join(' ').toLowerCase().replace(/[,;:)]+$/, '');
    if (next === words.slice(-k).join(' ')) return k;
  }
  return 0;
}

/** Expand the abbreviations in a name: "VP. UBND tỉnh" → "Văn phòng Ủy ban nhân dân tỉnh"; `scopes` lists the bodies found. */
export function expandAbbreviations(name: string): { text: string; scopes: AgencyAbbreviation[] } {
  const tokens = name.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  const scopes: AgencyAbbreviation[] = [];
  const idx = abbreviations();
  for (let i = 0; i < tokens.length; ) {
    let done = false;
    for (let j = Math.min(tokens.length, i + 6); j > i; j--) {
      const span = tokens.slice(i, j);
      const last = span[span.length - 1]!;
      const tail = last.match(/[,;:)]+$/)?.[0] ?? '';
      const head = span[0]!.match(/^\(+/)?.[0] ?? '';
      const core = span.join(' ').slice(head.length, span.join(' ').length - tail.length).replace(/\.$/, '');
      // An abbreviation has a run of capitals ("UBND", "TT&TT", "PTTH"); ordinary words do not.
      if (!/[A-ZĐ]{2,}|[A-ZĐ]&[A-ZĐ]/.test(core) || markedWord(core)) continue;
      const hit = idx.get(abbrKey(core));
      if (hit) {
        out.push(head + hit.expansion + tail);
        if (hit.form === 'body') scopes.push(hit);
        // "Ủy ban MTTQ Việt Nam": the words after the abbreviation that its expansion ends with
        // already ("Mặt trận Tổ quốc Việt Nam") are not written twice.
        if (!tail) j += repeatedTail(hit.expansion, tokens, j);
        i = j;
        done = true;
        break;
      }
    }
    if (!done) out.push(tokens[i++]!);
  }
  return { text: out.join(' '), scopes };
}
