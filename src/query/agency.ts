/**
 * Matching an agency an analyst names against the agencies tasks name. Both sides are folded
 * (lower case, no diacritics, đ → d), so "Cuc Kiem soat thu tuc hanh chinh" finds
 * "Cục Kiểm soát thủ tục hành chính"; both sides are also expanded (abbreviations from
 * data/gazetteer/ via the extractor's `canonicalAgency`), so "Sở TT&TT" finds
 * "Sở Thông tin và Truyền thông" and "Sở Thông tin và Truyền thông tỉnh Vĩnh Long" finds the
 * department a Vĩnh Long plan names without its province.
 *
 * A query matches a name when the query's words occur, adjacent and in order, in one of the
 * name's forms: as written, abbreviations expanded, canonical (completed with the province of
 * the document). So "Sở Tài chính" matches "Sở Tài chính tỉnh An Giang" but not
 * "Sở Tài nguyên và Môi trường".
 */
import { canonicalAgency } from '../extract/agencies.ts';
import { expandAbbreviations } from '../knowledge/abbreviations.ts';
import { containsWords, foldWords } from './common.ts';

export interface AgencyQuery {
  text: string;
  /** The query's forms, as word lists. */
  forms: string[][];
}

function uniqueForms(names: string[]): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const n of names) {
    const w = foldWords(n);
    const k = w.join(' ');
    if (w.length && !seen.has(k)) {
      seen.add(k);
      out.push(w);
    }
  }
  return out;
}

/** Forms of a name: as written, abbreviations expanded, canonical in its context. */
export function agencyForms(name: string, context: { province?: string | null; date?: string | null } = {}): string[] {
  // A parenthesis annotates the body ("Sở TT&TT (cơ quan thường trực)", "Văn phòng UBND tỉnh
  // (Trung tâm Hành chính công tỉnh)"): the name without it is the body's name.
  const bare = name.replace(/\s*\([^()]*\)/g, '').trim();
  const forms = bare && bare !== name ? [name, bare] : [name];
  for (const n of bare && bare !== name ? [name, bare] : [name]) {
    try {
      forms.push(expandAbbreviations(n).text);
      forms.push(canonicalAgency(n, context).canonical);
    } catch {
      // A name the extractor's rules cannot handle still matches as written.
    }
  }
  return forms;
}

/** True when the word, in capitals, is a known abbreviation ("ubnd", "vpcp", "hdnd"). */
function isAbbreviation(word: string): boolean {
  const up = word.toLocaleUpperCase('vi');
  try {
    return /\p{L}{2}/u.test(word) && expandAbbreviations(up).text !== up;
  } catch {
    return false;
  }
}

export function agencyQuery(text: string): AgencyQuery {
  // Analysts type abbreviations in lower case ("van phong ubnd tinh"); the extractor only
  // expands capitals (in documents a lower-case "tu" is a word, not Tỉnh ủy). The query gets
  // both readings: an extra form can only add matches that contain every word of it.
  const capitalised = text
    .split(/(\s+)/)
    .map((w) => (/\s/.test(w) || !isAbbreviation(w) ? w : w.toLocaleUpperCase('vi')))
    .join('');
  const forms = [text];
  // A query is not completed with a province: "Sở Tài chính" must find every province's.
  for (const t of capitalised !== text ? [text, capitalised] : [text]) {
    try {
      forms.push(expandAbbreviations(t).text);
      forms.push(canonicalAgency(t, {}).canonical);
    } catch {
      /* as written only */
    }
  }
  return { text, forms: uniqueForms(forms) };
}

/** A matcher with a memo: the same agency string recurs across thousands of task rows. */
export function agencyMatcher(query: AgencyQuery): (name: string, context?: { province?: string | null }) => boolean {
  const memo = new Map<string, boolean>();
  return (name, context = {}) => {
    const key = `${name}\u0000${context.province ?? ''}`;
    let hit = memo.get(key);
    if (hit === undefined) {
      const hay = uniqueForms(agencyForms(name, { province: context.province ?? null }));
      hit = query.forms.some((q) => hay.some((h) => containsWords(h, q)));
      memo.set(key, hit);
    }
    return hit;
  };
}

/** Forms of an issuer query for the document filter (abbreviations expanded). */
export function issuerForms(text: string): string[] {
  return agencyQuery(text).forms.map((w) => w.join(' '));
}
