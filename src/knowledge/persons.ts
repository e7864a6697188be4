/**
 * Persons in documents: family names (data/gazetteer/surnames.tsv) and the titles they sign or
 * are named with (data/codes/naming.json, titles). Segment (signature block, document split) and
 * extract (persons, the issuer of a citation, agency mentions) read them from here alone.
 */
import { fold } from './fold.ts';
import { gazetteer } from './gazetteer.ts';
import { naming } from './naming.ts';
import { agencyKind, knownNameAt } from './agencies.ts';

let surnames: { exact: Set<string>; byFold: Map<string, string | null> } | null = null;
function surnameIndex() {
  if (surnames) return surnames;
  const exact = new Set(gazetteer().surnames);
  const byFold = new Map<string, string | null>();
  for (const s of exact) {
    const k = fold(s);
    byFold.set(k, byFold.has(k) && byFold.get(k) !== s ? null : s); // ambiguous folds are left alone
  }
  return (surnames = { exact, byFold });
}

/** Whether `word` is a family name as written ("Nguyễn"), or, `folded`, whatever its marks ("NGUYEN", "Nguyên"). */
export function isSurname(word: string, folded = false): boolean {
  return folded ? surnameIndex().byFold.has(fold(word)) : surnameIndex().exact.has(word);
}

/** Family names are a closed list: restore the spelling of one whose marks OCR lost ("Nguyên" → "Nguyễn"). */
export function canonicalSurname(name: string): string {
  const [first, ...rest] = name.split(' ');
  const hit = surnameIndex().byFold.get(fold(first!));
  return hit ? [hit, ...rest].join(' ') : name;
}

/**
 * "Huỳnh Vĩnh Lạc", "Nguyễn Thị Quyên Thanh", "NGUYỄN VĂN AN": 2–6 capitalised syllables starting
 * with a family name (a closed list, compared without marks so OCR'd names pass too), nothing else.
 */
export function isPersonName(t: string): boolean {
  const s = t.replace(/\*/g, '').trim();
  if (!/^[\p{Lu}][\p{Ll}]*(?:\s[\p{Lu}][\p{Ll}]*){1,5}$/u.test(s) && !/^[\p{Lu}]+(?:\s[\p{Lu}]+){1,5}$/u.test(s)) return false;
  return isSurname(s.split(' ')[0]!, true);
}

const NAME_WORD = "\\p{Lu}(?:'\\p{Lu})?[\\p{Ll}]*";
const NAME_SHAPE = new RegExp(`^${NAME_WORD}(?:\\s${NAME_WORD}){1,4}$`, 'u');

/**
 * A name by its shape alone, for the one place a name is expected whatever its family name: the
 * last line of a signature block, under the title. 2–5 capitalised words, a word may open with
 * a prefix and an apostrophe ("H'Lim Niê Kdăm", "K'Sớ"), as the Highland peoples' names do
 * ("Thạch Sô Phenl", "Lù Thị Mỷ", "Ka Sieu": family names the closed list may not hold).
 */
export function hasNameShape(t: string): boolean {
  const s = t.replace(/\*/g, '').trim();
  return NAME_SHAPE.test(s) || isPersonName(s);
}

// ---- titles ----

let titleKeys: string[] | null = null;
/** The titles folded, longest first. */
function titles(): string[] {
  return (titleKeys ??= naming()
    .titles.map((t) => fold(t))
    .sort((a, b) => b.length - a.length));
}

/**
 * Titles as a pattern over text in normal case: the first word capitalised, the others in either
 * case ("Phó Chủ tịch", "Chánh Thanh tra", "Chánh văn phòng"); one title or several joined by
 * commas ("Bộ trưởng, Chủ nhiệm"). Longest first.
 */
export function titlePattern(): string {
  const one = [...naming().titles]
    .sort((a, b) => b.length - a.length)
    .map((t) =>
      t
        .split(' ')
        .map((w, k) => (k === 0 ? w[0]!.toLocaleUpperCase('vi') : `[${w[0]!.toLocaleUpperCase('vi')}${w[0]}]`) + w.slice(1))
        .join(' '),
    )
    .join('|');
  return `(?:${one})(?:,\\s*(?:${one}))*`;
}

const spaces = (s: string, i: number) => {
  while (s[i] === ' ') i++;
  return i;
};

/**
 * How far the title opening folded text at `at` reaches when a body's name follows it ("chu tich
 * uy ban nhan dan …", "bo truong, chu nhiem van phong chinh phu …"): up to that name, else 0.
 * A known body that opens with a title word is that body: "Thủ tướng Chính phủ" is an issuer,
 * not the title Thủ tướng of the body Chính phủ, and a deputy ("Phó Thủ tướng Chính phủ") signs for
 * that body. Of "chủ tịch hội đồng" and "chủ tịch" the one
 * a body follows is taken ("Chủ tịch Hội đồng nhân dân tỉnh").
 */
export function titleBeforeBody(folded: string, at: number): number {
  if (knownNameAt(folded, at)) return 0;
  const from = (p: number, depth: number): number => {
    for (const t of titles()) {
      if (!folded.startsWith(t, p) || /[a-z0-9]/.test(folded[p + t.length] ?? ' ')) continue;
      // A deputy's title ends where the head's body starts: "Phó [Thủ tướng Chính phủ]".
      for (let j = t.indexOf(' '); j > 0; j = t.indexOf(' ', j + 1)) if (knownNameAt(folded, p + j + 1)) return p + j + 1;
      const q = spaces(folded, p + t.length);
      if (q > p + t.length && (knownNameAt(folded, q) || agencyKind(folded.slice(q, q + 80)))) return q;
      const comma = /^\s*,\s*/.exec(folded.slice(p + t.length, p + t.length + 4));
      if (comma && depth < 3) {
        const r = from(p + t.length + comma[0].length, depth + 1);
        if (r) return r;
      }
    }
    return 0;
  };
  const end = from(at, 0);
  return end ? end - at : 0;
}
