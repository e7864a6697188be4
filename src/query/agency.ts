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
import { canonicalAgency, expandAbbreviations } from '../extract/agencies.ts';
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
  const forms = [name];
  try {
    forms.push(expandAbbreviations(name).text);
    forms.push(canonicalAgency(name, context).canonical);
  } catch {
    // A name the extractor's rules cannot handle still matches as written.
  }
  return forms;
}

export function agencyQuery(text: string): AgencyQuery {
  // A query is not completed with a province: "Sở Tài chính" must find every province's.
  const forms = [text];
  try {
    forms.push(expandAbbreviations(text).text);
    forms.push(canonicalAgency(text, {}).canonical);
  } catch {
    /* as written only */
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
