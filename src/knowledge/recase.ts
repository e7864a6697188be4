/**
 * All-caps header lines ("UBND TỈNH KIÊN GIANG", "PHÓ CHỦ TỊCH") into the normal case an
 * analyst expects ("Ủy ban nhân dân tỉnh Kiên Giang", "Phó Chủ tịch"), by the naming rules
 * in data/codes/naming.json and the one abbreviation table (src/knowledge): no per-agency list is needed.
 */
import { fold } from './fold.ts';
import { LOCALITY_BY_FOLD, naming as readNaming } from './naming.ts';
import { expandAbbreviations } from './abbreviations.ts';
import { gazetteer } from './gazetteer.ts';

const naming = readNaming();

const byLength = (a: string, b: string) => b.split(' ').length - a.split(' ').length;
const BODY_KINDS = [...naming.bodyKinds].sort(byLength);
const LOCALITIES = [...naming.localities].sort(byLength);
const PROPER = new Map(naming.properNouns.map((p) => [p.toLowerCase(), p]));
const PROPER_KEYS = [...PROPER.keys()];
const TITLES = [...naming.titles].sort(byLength);
let provinceNames: string[] | null = null;
/** Provinces' names in lower case, longest first: "BÁO QUẢNG NGÃI" → "Báo Quảng Ngãi". */
const PROVINCES = () => (provinceNames ??= gazetteer().provinces.map((p) => p.name.toLowerCase()).sort(byLength));
let partyHeads: Set<string> | null = null;
const PARTY_HEADS = () => (partyHeads ??= new Set(gazetteer().bodies.filter((b) => b.kind === 'party').map((b) => b.key)));

export function capitalize(w: string): string {
  return w ? w[0].toUpperCase() + w.slice(1) : w;
}

function startsWithPhrase(words: string[], i: number, phrase: string): boolean {
  const p = phrase.split(' ');
  for (let k = 0; k < p.length; k++) if (words[i + k]?.replace(/[,;:()]/g, '') !== p[k]) return false;
  return true;
}

function matchAt(words: string[], i: number, list: string[]): number {
  for (const phrase of list) if (startsWithPhrase(words, i, phrase)) return phrase.split(' ').length;
  return 0;
}

function isAllCaps(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length > 0 && letters === letters.toUpperCase();
}

/** "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG" → "Ủy ban nhân dân tỉnh Vĩnh Long". Mixed-case input is kept. */
export function recaseAgency(input: string): string {
  const expanded = expandAbbreviations(input.trim().replace(/\s+/g, ' ')).text;
  if (!isAllCaps(input)) return capitalize(expanded);
  const words = expanded.toLowerCase().split(' ');
  const out: string[] = [];
  let mode: 'start' | 'name' | 'joined' | 'rest' | 'place' = 'start';
  for (let i = 0; i < words.length; ) {
    // A kind word starts a body only at the start or right after another kind ("Văn phòng Ủy ban…"),
    // except long unambiguous ones; inside a name "hội", "ban" are ordinary words.
    const kindLen = matchAt(words, i, BODY_KINDS);
    const kind = mode === 'start' || mode === 'name' || kindLen >= 3 ? kindLen : 0;
    const loc = mode === 'place' || mode === 'joined' ? 0 : matchAt(words, i, LOCALITIES);
    // a province named without its level word keeps its capitals
    const province = loc || mode === 'place' ? 0 : matchAt(words, i, PROVINCES());
    const proper = PROPER_KEYS.find((p) => startsWithPhrase(words, i, p));
    if (proper) {
      const n = proper.split(' ').length;
      out.push(PROPER.get(proper)!);
      i += n;
      // a Party committee ("Tỉnh ủy") is followed by its place's name: "Tỉnh ủy Yên Bái"
      mode = PARTY_HEADS().has(fold(proper)) ? (matchAt(words, i, LOCALITIES) ? 'name' : 'place') : 'rest';
    } else if (kind && mode !== 'place') {
      const phrase = words.slice(i, i + kind);
      // (a proper noun inside a kind keeps its capitals: "Ủy ban Mặt trận Tổ quốc")
      for (let j = 1; j < phrase.length; ) {
        const p = PROPER_KEYS.find((k) => startsWithPhrase(phrase, j, k));
        if (!p) j++;
        else {
          const n = p.split(' ').length;
          phrase.splice(j, n, ...PROPER.get(p)!.split(' '));
          j += n;
        }
      }
      out.push(capitalize(phrase[0]), ...phrase.slice(1));
      i += kind;
      mode = 'name';
    } else if (province) {
      out.push(...words.slice(i, i + province).map(capitalize));
      i += province;
      mode = 'rest';
    } else if (loc) {
      out.push(...words.slice(i, i + loc));
      i += loc;
      mode = 'place';
    } else if (mode === 'name' && LOCALITY_BY_FOLD.has(fold(words[i]))) {
      // right after a body's kind, the letters of a locality word are that word ("TÍNH" OCR'd for "TỈNH")
      out.push(LOCALITY_BY_FOLD.get(fold(words[i++]))!);
      mode = 'place';
    } else if (mode === 'place') {
      out.push(capitalize(words[i++]));
    } else if (mode === 'name' || mode === 'joined' || mode === 'start') {
      out.push(capitalize(words[i++]));
      mode = 'rest';
    } else {
      const w = words[i++];
      out.push(w);
      if (w === 'và' || w === '-' || w.endsWith(',')) mode = 'joined';
    }
  }
  return capitalize(out.join(' '));
}

/** "PHÓ CHỦ TỊCH" → "Phó Chủ tịch"; "BỘ TRƯỞNG, CHỦ NHIỆM" → "Bộ trưởng, Chủ nhiệm"; "CHÁNH VĂN PHÒNG" → "Chánh Văn phòng". */
export function recaseTitle(input: string): string {
  const s = input.trim().replace(/\s+/g, ' ');
  if (!isAllCaps(s)) return s;
  return s
    .split(/,\s*/)
    .map((part) => {
      const words = part.toLowerCase().split(' ');
      const n = matchAt(words, 0, TITLES);
      if (!n) return recaseAgency(part.toUpperCase());
      const title = words.slice(0, n);
      // "phó X" capitalises X too; "chánh văn phòng" capitalises the body.
      const cased = title.map((w, k) => (k === 0 || (k === 1 && title[0] === 'phó') ? capitalize(w) : w));
      if (title.join(' ').endsWith('văn phòng')) cased[cased.length - 2] = capitalize(cased[cased.length - 2]);
      const rest = words.slice(n).join(' ');
      return rest ? `${cased.join(' ')} ${recaseAgency(rest.toUpperCase())}` : cased.join(' ');
    })
    .join(', ');
}

/** "NGUYỄN VĂN AN" → "Nguyễn Văn An"; mixed case kept. */
export function recaseName(input: string): string {
  const s = input.trim().replace(/\s+/g, ' ');
  if (!isAllCaps(s)) return s;
  return s
    .toLowerCase()
    .split(' ')
    .map(capitalize)
    .join(' ');
}
