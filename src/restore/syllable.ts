/**
 * Vietnamese syllable orthography: parse a syllable into onset + rhyme + tone, compose it back
 * with the traditional tone placement the seeds use (hòa, thúy, Ủy), fold away diacritics, and
 * generate the full inventory of valid syllables from onsets × rhymes × tones.
 */
import { detached } from '../lib/strings.ts';

/** Base vowels (with their shape marks) × the six tones: none, sắc, huyền, hỏi, ngã, nặng. */
const TONE_TABLE: Record<string, string> = {
  a: 'aáàảãạ',
  ă: 'ăắằẳẵặ',
  â: 'âấầẩẫậ',
  e: 'eéèẻẽẹ',
  ê: 'êếềểễệ',
  i: 'iíìỉĩị',
  o: 'oóòỏõọ',
  ô: 'ôốồổỗộ',
  ơ: 'ơớờởỡợ',
  u: 'uúùủũụ',
  ư: 'ưứừửữự',
  y: 'yýỳỷỹỵ',
};

/** accented char → [vowel with shape, tone 0..5] */
const CHAR_INFO = new Map<string, [string, number]>();
for (const [v, row] of Object.entries(TONE_TABLE)) [...row].forEach((ch, t) => CHAR_INFO.set(ch, [v, t]));

const SHAPE_BASE: Record<string, string> = { ă: 'a', â: 'a', ê: 'e', ô: 'o', ơ: 'o', ư: 'u', đ: 'd' };

export const VOWELS = new Set(Object.keys(TONE_TABLE));
const SHAPED = new Set(['ă', 'â', 'ê', 'ô', 'ơ', 'ư']);

/** Every lowercase letter a Vietnamese syllable can contain. */
export const VIET_CHARS: string[] = [...new Set([...Object.values(TONE_TABLE).join(''), ...'bcdđghklmnpqrstvx'])];

export function toneOf(ch: string): number {
  return CHAR_INFO.get(ch)?.[1] ?? 0;
}

/** Remove the tone mark of one char (keeps the shape: ố → ô). */
export function stripTone(ch: string): string {
  return CHAR_INFO.get(ch)?.[0] ?? ch;
}

/** Base letter without any mark: ố → o, đ → d. */
export function baseChar(ch: string): string {
  const v = stripTone(ch);
  return SHAPE_BASE[v] ?? v;
}

export function withTone(vowel: string, tone: number): string {
  const row = TONE_TABLE[vowel];
  return row ? row[tone]! : vowel;
}

/** Fold a lowercase string: no tone, no shape marks, đ → d. */
export function fold(s: string): string {
  let out = '';
  for (const ch of s) out += baseChar(ch);
  return out;
}

const FOLD_CACHE = new Map<string, string>();
/** Fold any string (case-insensitive, non-letters kept). */
export function foldText(s: string): string {
  let r = FOLD_CACHE.get(s);
  if (r === undefined) {
    r = fold(s.normalize('NFC').toLowerCase());
    if (FOLD_CACHE.size < 50_000) FOLD_CACHE.set(detached(s), r); // the syllables, several times over; no more
  }
  return r;
}

export const ONSETS = [
  '', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh',
  'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x',
];
const ONSETS_BY_LENGTH = [...ONSETS].filter((o) => o).sort((a, b) => b.length - a.length);

/** Toneless rhymes (vowel nucleus with optional medial and coda). */
export const RHYMES = (
  'a ai ao au ay ac ach am an ang anh ap at ' +
  'ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây ' +
  'e eo ec em en eng ep et ê êu êch êm ên ênh êp êt ' +
  'i ia iu ich im in inh ip it iêc iêm iên iêng iêp iêt iêu ' +
  'o oi oc om on ong op ot oong ooc ô ôi ôc ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt ' +
  'u ua ui uc um un ung up ut uôc uôi uôm uôn uông uôt ' +
  'ư ưa ưi ưu ưc ưm ưn ưng ưt ươc ươi ươm ươn ương ươp ươt ươu ' +
  'y yêm yên yêng yêt yêu ynh yt ' +
  'oa oai oay oac oach oam oan oang oanh oap oat oăc oăm oăn oăng oăt oe oeo oen oet ' +
  'uê uêch uênh uy uya uych uyên uyêt uynh uyt uyu uân uât uâng uây uơ'
).split(' ');
const RHYME_SET = new Set(RHYMES);
const STOP_CODAS = ['c', 'ch', 'p', 't'];
const FRONT = new Set(['i', 'e', 'ê', 'y']);

function rhymeAllowed(onset: string, rhyme: string): boolean {
  const first = rhyme[0]!;
  // y-initial rhymes stand alone (yên, yêu) except after qu (quyết, quỳnh); ynh/yt only after qu.
  if (first === 'y' && rhyme !== 'y') return onset === '' || onset === 'qu' ? !(onset === '' && (rhyme === 'ynh' || rhyme === 'yt')) : false;
  if (onset === 'qu') {
    // qu carries the medial u: no second medial, no u/o nucleus.
    return !rhyme.startsWith('o') && !rhyme.startsWith('u') && !rhyme.startsWith('ư');
  }
  if (onset === 'k' || onset === 'gh' || onset === 'ngh') return FRONT.has(first);
  if (onset === 'c' || onset === 'ng') return !FRONT.has(first);
  if (onset === 'g') return !(first === 'e' || first === 'ê' || first === 'y'); // gi… parsed as g + i…
  if (onset === 'gi') return first !== 'i' && first !== 'y';
  return true;
}

function tonesAllowed(rhyme: string): number[] {
  return STOP_CODAS.some((c) => rhyme.endsWith(c)) ? [1, 5] : [0, 1, 2, 3, 4, 5];
}

/** Index of the vowel that carries the tone, by the traditional rule. */
function tonePosition(rhyme: string): number {
  const chars = [...rhyme];
  let lastShaped = -1;
  chars.forEach((c, i) => {
    if (SHAPED.has(c)) lastShaped = i;
  });
  if (lastShaped >= 0) return lastShaped;
  let n = 0;
  while (n < chars.length && VOWELS.has(chars[n]!)) n++;
  if (n === 0) return -1;
  if (n < chars.length) return n - 1; // closed: the vowel before the coda (hoàn, thuận)
  if (n === 3) return 1; // khoái, khuỷu, ngoẹo
  return 0; // open pairs: hòa, thúy, của, mái
}

/** Compose onset + toneless rhyme + tone into an NFC syllable. */
export function compose(onset: string, rhyme: string, tone: number): string {
  if (tone === 0) return onset + rhyme;
  const chars = [...rhyme];
  const p = tonePosition(rhyme);
  if (p < 0) return onset + rhyme;
  chars[p] = withTone(chars[p]!, tone);
  return onset + chars.join('');
}

export interface ParsedSyllable {
  onset: string;
  rhyme: string;
  tone: number;
}

/** Parse a lowercase NFC syllable; null when it is not a valid Vietnamese syllable. */
/**
 * The tone of a lowercase word wherever it sits, and its letters without the tone mark; null
 * when it carries two tones, or (strict) a letter that no Vietnamese syllable has.
 */
function splitTone(s: string, strict: boolean): { tone: number; bare: string } | null {
  let tone = 0;
  let bare = '';
  for (const ch of s) {
    const info = CHAR_INFO.get(ch);
    if (info) {
      if (info[1] !== 0) {
        if (tone !== 0) return null;
        tone = info[1];
      }
      bare += info[0];
    } else if (!strict || /[bcdđghklmnpqrstvx]/.test(ch)) bare += ch;
    else return null;
  }
  return { tone, bare };
}

export function parseSyllable(s: string, checkTone = true): ParsedSyllable | null {
  const split = splitTone(s, true);
  if (!split) return null;
  const { tone, bare } = split;
  let onset = '';
  for (const o of ONSETS_BY_LENGTH) {
    if (bare.startsWith(o)) {
      onset = o;
      break;
    }
  }
  let rhyme = bare.slice(onset.length);
  // gì, gìn: the i of gi is the nucleus when nothing vowel-like follows
  if (onset === 'gi' && !/[aăâeêioôơuưy]/.test(rhyme)) {
    onset = 'g';
    rhyme = 'i' + rhyme;
  }
  if (!RHYME_SET.has(rhyme) || !rhymeAllowed(onset, rhyme)) return null;
  if (checkTone && !tonesAllowed(rhyme).includes(tone)) return null;
  return { onset, rhyme, tone };
}

const VALID_CACHE = new Map<string, string | null>();
/** The canonical (traditional tone placement) form of a syllable, or null when not valid. */
export function canonicalSyllable(s: string): string | null {
  let r = VALID_CACHE.get(s);
  if (r !== undefined) return r;
  const p = parseSyllable(s);
  r = p ? compose(p.onset, p.rhyme, p.tone) : null;
  if (VALID_CACHE.size < 50_000) VALID_CACHE.set(detached(s), r);
  return r;
}

/**
 * Canonicalise a lowercase token that may carry the "new style" tone placement (hoà, thuý):
 * the tone is read wherever it sits and put back by the traditional rule.
 */
export function canonicalizeTonePlacement(s: string): string | null {
  const split = splitTone(s, false);
  if (!split) return null;
  const p = parseSyllable(split.bare, false);
  if (!p) return null;
  if (!tonesAllowed(p.rhyme).includes(split.tone)) return null;
  return compose(p.onset, p.rhyme, split.tone);
}

let INVENTORY: string[] | null = null;
/** All valid syllables (lowercase, canonical), generated from onsets × rhymes × tones. */
export function syllableInventory(): string[] {
  if (INVENTORY) return INVENTORY;
  const out: string[] = [];
  for (const onset of ONSETS) {
    for (const rhyme of RHYMES) {
      if (!rhymeAllowed(onset, rhyme)) continue;
      for (const t of tonesAllowed(rhyme)) out.push(compose(onset, rhyme, t));
    }
  }
  INVENTORY = [...new Set(out)].filter((s) => parseSyllable(s) !== null);
  return INVENTORY;
}

let FOLDED: Set<string> | null = null;
/** Is the (folded, lowercase) string the unmarked spelling of some valid syllable? (muc → mục) */
export function isFoldedSyllable(s: string): boolean {
  FOLDED ??= new Set(syllableInventory().map(fold));
  return FOLDED.has(fold(s));
}

const IS_LETTER = /\p{L}/u;
/** True when the lowercase string is made only of Vietnamese letters. */
export function isVietLetters(s: string): boolean {
  for (const ch of s) if (!CHAR_INFO.has(ch) && !/[bcdđghklmnpqrstvx]/.test(ch)) return false;
  return s.length > 0;
}

export function hasLetter(s: string): boolean {
  return IS_LETTER.test(s);
}

/** Does the lowercase syllable carry any mark (tone, shape or đ)? */
export function isMarked(s: string): boolean {
  for (const ch of s) if (baseChar(ch) !== ch) return true;
  return false;
}
