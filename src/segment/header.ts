/**
 * The header components of Decree 30/2020/NĐ-CP: issuing body (and parent), quốc hiệu/tiêu ngữ,
 * số/ký hiệu, place and date, type and trích yếu (or V/v), Kính gửi. Two-column headers arrive
 * flattened (one column after the other, or both on one line joined by "|", tabs or spaces),
 * so every line is split into cells and the quốc hiệu/tiêu ngữ cut out of them.
 */
import { type Line, isUpper } from './lines.ts';
import { canonicalNumber } from '../knowledge/numbers.ts';
import { ATTACHED, DASH_RULE, DIEN_GUI, HEADER_MARK, QUOC_HIEU_WORDS, TIEU_NGU_WORDS, ENACTMENT, KINH_GUI, PARTY_BANNER, MASS_ORG_BANNER, PLACE_DATE, PREAMBLE, QUOC_HIEU, RULE, SO_LINE, TIEU_NGU, VV, titleQualifier, typeTitle } from './patterns.ts';
import { ARTICLE, AUTHORITY, CHAPTER, CLAUSE, PART, POINT, ROMAN } from './patterns.ts';
import { recaseAgency } from '../knowledge/recase.ts';
import { LOCALITY_BY_FOLD, naming, TITLES_UPPER } from './naming.ts';
import { fold } from '../knowledge/fold.ts';
import { isSignerTitle } from './signature.ts';
import { findProvince, gazetteer } from '../knowledge/gazetteer.ts';
import { isOrganName, startsAgency } from '../knowledge/agencies.ts';

const LOCALITY_START = new RegExp(`^(?:${naming.localities.map((l) => l.toUpperCase()).join('|')})(?![\\p{L}\\p{N}])`, 'u');
const TITLE_PREFIX = new RegExp(
  `^(?:(?:${TITLES_UPPER})\\s*,?\\s*)+`,
  'u',
);

const upperAlt = (ws: string[]) => [...ws].sort((a, b) => b.length - a.length).map((w) => w.toUpperCase()).join('|');
/** Every head of a body's name ("ỦY BAN NHÂN DÂN", "SỞ", "TỈNH ỦY"), in capitals. */
const BODY_HEADS = upperAlt(gazetteer().bodies.map((b) => b.head));
const LOCALITIES_UPPER = upperAlt(naming.localities);
const LOCALITY_IN = new RegExp(`(?<![\\p{L}])(?:${LOCALITIES_UPPER})\\s+\\p{Lu}`, 'u');
const KIND_START = new RegExp(`^(?:${BODY_HEADS})(?![\\p{L}\\p{N}])`, 'u');
/** A kind and a locality word glued where a line break was lost: "NHÂN DÂNTHÀNH PHỐ". */
const GLUED_KIND = new RegExp(`(?<![\\p{L}])(${upperAlt(naming.bodyKinds)})(?=(?:${LOCALITIES_UPPER})(?![\\p{L}\\p{N}]))`, 'gu');
const HEAD_ALL = new RegExp(`(?:${BODY_HEADS})(?![\\p{L}])`, 'gu');
const QUOC_HIEU_ALL = new RegExp(QUOC_HIEU.source, 'giu');
const TIEU_NGU_ALL = new RegExp(TIEU_NGU.source, 'giu');
// The banner is cut out, except as the end of a central Party body's own name ("TRUNG ƯƠNG ĐẢNG …").
const BANNER_ALL = new RegExp(`(?<!ƯƠNG\\s)${PARTY_BANNER.source}`, 'giu');
/** A party committee's head ("TỈNH ỦY", "HUYỆN ỦY"): its name already says where it is. */
const PARTY_HEADS = new Set(gazetteer().bodies.filter((b) => b.kind === 'party').map((b) => b.head));
/** A Party committee ("tỉnh ủy", "thường trực huyện ủy"), not one of its departments ("ban dân vận"). */
const isCommittee = (head: string) => PARTY_HEADS.has(head) && /ủy$/u.test(head);

export interface RawHeader {
  type: string | null;
  number: string | null;
  numberRaw: string | null; // what followed "Số:", for issuer codes even when the digits are unreadable
  numberAt: number | null; // where numberRaw starts in the file text (its line's start when not found in the raw line)
  issued: string | null;
  place: string | null;
  issuerLines: string[];
  authorityLine: string | null; // "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH LONG"
  subject: string | null;
  attachedTo: string | null; // text of "(Ban hành kèm theo …)"
  recipients: string[];
  /** Line index (within the document's lines) where the body starts. */
  bodyStart: number;
  /** Line indexes that belong to the header (for the section tree: kept out of the body). */
  recipientsLines: [number, number] | null;
}

function pad(n: string): string {
  return n.padStart(2, '0');
}

export function isoDate(d: string, m: string, y: string): string | null {
  const day = Number(d);
  const month = Number(m);
  if (!day || !month || month > 12 || day > 31) return null;
  return `${y}-${pad(String(month))}-${pad(String(day))}`;
}

/** A line split at "|" and tabs, with quốc hiệu and tiêu ngữ cut out. */
function cells(t: string): string[] {
  return t
    .split(/\s*\|\s*|\t+/)
    .map((c) => c.replace(QUOC_HIEU, ' ').replace(TIEU_NGU, ' ').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/**
 * One header line cleaned of what flattening leaves in it: a lone or leading "|", rules glued to a
 * name ("TỈNH SƠN LA-------"), quốc hiệu and motto glued to their neighbours ("VIỆT NAMĐộc lập"),
 * the Party banner, a kind glued to its locality word ("DÂNTHÀNH PHỐ"). Cells stay "|"-separated.
 */
export function cleanHeaderLine(t: string): string {
  // underscores in a place-and-date or number line are blanks left to fill ("ngày ___ tháng ___"), not rules
  const rule = /ng[àa]y|S[ốôo]\s*:/u.test(t) ? DASH_RULE : RULE;
  return t
    .replace(HEADER_MARK, '$1 | ')
    .replace(rule, ' | ')
    .replace(QUOC_HIEU_ALL, ' | $& | ')
    .replace(TIEU_NGU_ALL, ' | $& | ')
    .replace(BANNER_ALL, ' | ')
    .replace(MASS_ORG_BANNER, ' | ')
    .replace(GLUED_KIND, '$1 ')
    .replace(/\s*\|(?:\s*\|)*\s*/g, ' | ')
    .replace(/^[\s|*]+|[\s|*]+$/g, '')
    .replace(/\s+/g, ' ');
}

const BANNER_WORDS = [QUOC_HIEU_WORDS, TIEU_NGU_WORDS];
const bannerKey = (t: string) => fold(t).replace(/\s*[-–—]\s*/g, ' - ').replace(/\s+/g, ' ').trim();
/** A run of whole words of the quốc hiệu or the motto ("HÒA XÃ HỘI", "Độc lập - Tự do -"). */
function isPieceOf(t: string): boolean {
  const k = bannerKey(t);
  return k.length > 0 && BANNER_WORDS.some((w) => ` ${w} `.includes(` ${k} `) || (k.endsWith(' -') && ` ${w} `.includes(` ${k} `)));
}

/** One syllable of a place name left on its own line ("Sơn" / "La, ngày …"). */
const PLACE_PIECE = /^\p{Lu}\p{Ll}+$/u;
const HAS_DATE_WORD = /,\s*ng[àa]y(?![\p{L}])/u;

/**
 * Header fragments joined back into the lines they were before a table was flattened one cell per
 * line: a name whose kind is cut ("ỦY BAN NHÂN" / "DÂN"), the quốc hiệu cut ("CỘNG" / "HÒA XÃ HỘI
 * …"), "Số:" / its number, a place-and-date line cut anywhere ("Sơn" / "La, ngày 11 tháng 3" /
 * "năm 2020"). A joined fragment's line is left blank.
 */
export function joinHeaderFragments(texts: string[]): string[] {
  const tx = [...texts];
  const nextOf = (i: number) => {
    for (let j = i + 1; j < tx.length; j++) if (tx[j]) return j;
    return -1;
  };
  for (let i = 0; i < tx.length; i++) {
    if (!tx[i]) continue;
    for (let guard = 0; guard < 3; guard++) {
      const t = tx[i];
      const j = nextOf(i);
      if (j < 0) break;
      const both = `${t} ${tx[j]}`;
      const so = SO_LINE.exec(t);
      const spans = (re: RegExp) => !re.test(t) && !re.test(tx[j]) && re.test(both);
      // a quốc hiệu or motto cut in three or more: both fragments are still pieces of it
      const pieces = isPieceOf(t) && isPieceOf(tx[j]) && isPieceOf(both);
      const kindSpans = isUpper(t) && isUpper(tx[j]) && [...both.matchAll(HEAD_ALL)].some((m) => m.index! < t.length && m.index! + m[0].length > t.length + 1);
      const placeCut = HAS_DATE_WORD.test(t) && !PLACE_DATE.test(t) && /^[\s\d]*n[ăa]m\b|^\d|^th[áa]ng\b/u.test(tx[j]);
      // a place name alone above the rest of its line (", ngày 11 tháng 3"): the comma goes on it
      if (/^(?:\p{Lu}\p{Ll}*(?:\s+|$)){1,4}$/u.test(t.trim()) && !isUpper(t) && /^\s*,\s*ng[àa]y(?![\p{L}])/u.test(tx[j])) {
        tx[i] = `${t.trimEnd()}${tx[j].trimStart()}`;
        tx[j] = '';
        continue;
      }
      // a number cut after its hyphen or slash ("Số: 1234/QĐ-" / "UBND") goes on without a space
      if (so && /[-/]$/.test(so[1].trim()) && /^[\p{Lu}\d][\p{L}\d&/-]*$/u.test(tx[j])) {
        tx[i] = `${t}${tx[j]}`;
        tx[j] = '';
        continue;
      }
      // a name cut at "và", a comma or a hyphen ("BỘ GIÁO DỤC VÀ" / "ĐÀO TẠO")
      const cutAtJoin = isUpper(t) && isUpper(tx[j]) && (/(?:\sVÀ|[,&-])$/u.test(t) || /^(?:VÀ|&)\s/u.test(tx[j])) && !QUOC_HIEU.test(tx[j]);
      if (cutAtJoin || pieces || spans(QUOC_HIEU) || spans(TIEU_NGU) || spans(PARTY_BANNER) || (so && !so[1].trim() && !SO_LINE.test(tx[j])) || kindSpans || placeCut) {
        tx[i] = both;
        tx[j] = '';
      } else break;
    }
    // a place name's first syllable left on the line above its date
    const pd = PLACE_DATE.exec(tx[i]);
    if (pd && pd.index === 0 && !pd[1].includes(' ')) {
      let p = i - 1;
      while (p >= 0 && !tx[p]) p--;
      if (p >= 0 && PLACE_PIECE.test(tx[p])) {
        tx[i] = `${tx[p]} ${tx[i]}`;
        tx[p] = '';
      }
    }
  }
  return tx;
}

/** The header lines (up to the type title, Kính gửi or the body) cleaned and joined back. */
export function reflowHeader(lines: Line[]): Line[] {
  let end = 0;
  for (; end < Math.min(lines.length, 60); end++) {
    const t = lines[end].text;
    if (t && (typeTitle(cleanHeaderLine(t)) || KINH_GUI.test(t) || (isBodyStart(t) && !SO_LINE.test(t)))) break;
  }
  const texts = joinHeaderFragments(lines.slice(0, end).map((l) => cleanHeaderLine(l.text))).map(cleanHeaderLine);
  return lines.map((l, i) => (i < end && texts[i] !== l.text ? { ...l, text: texts[i] } : l));
}

function isBodyStart(t: string): boolean {
  return (
    PREAMBLE.test(t) || ENACTMENT.test(t) || ARTICLE.test(t) || PART.test(t) || CHAPTER.test(t) ||
    (ROMAN.test(t) && !/^V\/v/i.test(t)) || CLAUSE.test(t) || POINT.test(t)
  );
}

/** A line rule alone ("-----") under a title's subject. */
const RULE_LINE = /^\s*(?:[-–—_=*]\s*){3,}$/u;
/** Columns merged row by row: a subject line with the place and date at its right ("… tỉnh     Hà Giang, ngày …"). */
const PLACE_DATE_RIGHT = new RegExp(`(?:\\s{2,}|\\t|\\s*\\|\\s*)(?=${PLACE_DATE.source.replace('(?:^|\\s|\\|)', '')})`, 'u');

/** A line opening the recipients, its list after it: "Kính gửi: …", a Công điện's "… điện: …". */
const addressLine = (t: string) => KINH_GUI.exec(t) ?? DIEN_GUI.exec(t);

function joinParagraph(lines: Line[], from: number): { text: string; raw: string; next: number; placeDate: string | null } {
  const parts: string[] = [];
  let placeDate: string | null = null;
  let i = from;
  // OCR'd and wrapped text often has no blank line before "(Ban hành kèm theo …)": it is not the subject
  const stops = (t: string) =>
    (ATTACHED.test(t) && t.startsWith('(')) || PLACE_DATE.exec(t)?.index === 0 || SO_LINE.exec(t)?.index === 0 || addressLine(t) !== null ||
    QUOC_HIEU.exec(t)?.index === 0 || TIEU_NGU.exec(t)?.index === 0 ||
    // nor is the body when no blank line comes first: "Căn cứ …", "QUYẾT ĐỊNH:", "Điều 1.", a TM./KT. signature
    PREAMBLE.test(t) || ENACTMENT.test(t) || ARTICLE.test(t) || PART.test(t) || CHAPTER.test(t) || AUTHORITY.test(t);
  // An authority line in capitals under a subject in normal case ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"),
  // a rule, or a heading in capitals ("I. TÌNH HÌNH …") is not the subject either.
  const after = (t: string, prev: string) => RULE_LINE.test(t) || (isUpper(t) && !isUpper(prev) && /\p{Lu}{2}/u.test(t));
  // "NGHỊ QUYẾT / CỦA BAN THƯỜNG VỤ TỈNH ỦY / về …": the trích yếu runs from "của" (GOLD.md), capitals then not.
  while (i < lines.length && lines[i].text && !(i > from && (stops(lines[i].text) || after(lines[i].text, lines[i - 1].text)))) {
    let t = lines[i].text;
    // Seen by the columns' gap in the line as written, or, where the text lost it, by a place
    // and date ending the line, the place's words all capitalised ("… tỉnh Hà Giang, ngày …").
    const pd = i > from ? PLACE_DATE.exec(t) : null;
    const atRight = pd && (PLACE_DATE_RIGHT.test(lines[i].raw) || (pd.index + pd[0].length === t.trimEnd().length && /^(?:\p{Lu}[\p{L}.]*\s*){1,5}$/u.test(pd[1]!.trim())));
    if (pd && atRight && pd.index > 0) {
      const at = pd.index + pd[0].indexOf(pd[1]!);
      placeDate ??= t.slice(at).trim();
      t = t.slice(0, at);
    }
    parts.push(t);
    i++;
  }
  return { text: cleanSubject(parts.join(' ')), raw: parts.join(' '), next: i, placeDate };
}

/** The header's place and date from a PLACE_DATE match. */
function setPlaceDate(h: RawHeader, pd: RegExpExecArray): void {
  h.place = pd[1].replace(/^[|\s]+/, '').trim();
  h.issued = isoDate(pd[2], pd[3], pd[4]);
}

/** The place and date found at the right of a subject line, when the header has none yet. */
function takePlaceDate(h: RawHeader, placeDate: string | null): void {
  const pd = placeDate ? PLACE_DATE.exec(placeDate) : null;
  if (pd && !h.place) setPlaceDate(h, pd);
}

export function cleanSubject(s: string): string {
  // A lone "|" a flattened table left at either end is no part of the subject.
  return s.replace(/\*+/g, '').replace(/\s+/g, ' ').replace(/^[\s|]+|[\s.|]+$/g, '').trim();
}

export function parseHeader(original: Line[]): RawHeader {
  const lines = reflowHeader(original);
  const h: RawHeader = {
    type: null, number: null, numberRaw: null, numberAt: null, issued: null, place: null, issuerLines: [], authorityLine: null,
    subject: null, attachedTo: null, recipients: [], bodyStart: lines.length, recipientsLines: null,
  };
  let seenTitle = false;
  let i = 0;
  const limit = Math.min(lines.length, 60);
  for (; i < limit; i++) {
    const t = lines[i].text;
    if (!t) continue;
    if (isBodyStart(t) && !SO_LINE.test(t)) break;
    if ((lines[i].raw.match(/\t/g) ?? []).length >= 2) break; // a table
    // Once the subject is known, a mixed-case paragraph starts the body.
    if (h.subject && !isUpper(t) && !addressLine(t) && !ATTACHED.test(t) && !PLACE_DATE.test(t) && !SO_LINE.test(t) && !TIEU_NGU.test(t) && !isPieceOf(t)) break;

    const kg = addressLine(t);
    if (kg) {
      const from = i;
      if (kg[1]) h.recipients.push(...kg[1].split(/;\s*/).map(entry).filter(Boolean));
      let k = i + 1;
      for (; k < lines.length; k++) {
        const u = lines[k].text;
        if (!u) {
          // a blank line ends the list only when a non-list paragraph follows
          let n = k + 1;
          while (n < lines.length && !lines[n].text) n++;
          if (n < lines.length && /^[-–•+]/.test(lines[n].text)) continue;
          if (h.recipients.length) break;
          continue;
        }
        if (/^[-–•+]/.test(u)) h.recipients.push(entry(u));
        else if (h.recipients.length && /^[(\p{Ll}]/u.test(u)) h.recipients[h.recipients.length - 1] = entry(`${h.recipients[h.recipients.length - 1]} ${u}`);
        else break;
      }
      h.recipientsLines = [from, k - 1];
      i = k - 1;
      continue;
    }

    const vv = VV.exec(t);
    if (vv) {
      const p = joinParagraph(lines, i);
      h.subject = cleanSubject(p.text.replace(/^V\/v[:.]?\s*/i, ''));
      takePlaceDate(h, p.placeDate);
      h.type ??= 'Công văn';
      i = p.next - 1;
      continue;
    }

    // "KẾ HOẠCH Triển khai thi hành Luật …": a web page's title and trích yếu flattened onto one line.
    const glued = seenTitle ? null : gluedTitle(t);
    if (glued) {
      h.type = glued.type;
      seenTitle = true;
      h.subject = cleanSubject(glued.subject);
      continue;
    }

    const title = typeTitle(t);
    if (title && !seenTitle) {
      h.type = title;
      seenTitle = true;
      // trích yếu: the next paragraph, unless it is something else
      let k = i + 1;
      while (k < lines.length && !lines[k].text) k++;
      const next = lines[k]?.text ?? '';
      // A trích yếu may open with a preamble word ("Thực hiện Chiến lược …") when it sits right under
      // the title and reads as a name, not a sentence leading into the body ("…, ban hành Kế hoạch như sau:").
      const preambleSubject = k === i + 1 && PREAMBLE.test(next) && !isBodyStart(next.replace(PREAMBLE, '').trim() || 'x') &&
        !/[:;,]\s*$/.test(joinParagraph(lines, k).raw);
      if (next && (!isBodyStart(next) || preambleSubject) && !ATTACHED.test(next) && !(isUpper(next) && (isSignerTitle(next) || TITLE_PREFIX.test(next)))) {
        const p = joinParagraph(lines, k);
        // "CỦA BAN THƯỜNG VỤ TỈNH ỦY về …": the body's name in capitals is put in normal case.
        h.subject = p.text.replace(/^CỦA\s+([^a-zđ]+?)\s+(?=[Vv]ề\s|\p{Ll})/u, (_, body: string) => `của ${recaseAgency(body)} `);
        // "CHƯƠNG TRÌNH HÀNH ĐỘNG" / "CỦA BAN …": the subject goes on from the title's qualifier ("hành động của Ban …").
        const qualifier = titleQualifier(t);
        if (qualifier && /^(?:của\s|\p{Ll})/u.test(h.subject)) h.subject = `${qualifier} ${h.subject}`;
        takePlaceDate(h, p.placeDate);
        i = p.next - 1;
      }
      continue;
    }

    const att = ATTACHED.exec(t);
    if (att && t.startsWith('(')) {
      h.attachedTo = cleanSubject(att[1]);
      if (!seenTitle && !h.subject) {
        // an appendix: its title is the paragraph above
        const above = lines.slice(0, i).filter((l) => l.text && !isUpper(l.text));
        if (above.length) h.subject = cleanSubject(above[above.length - 1].text);
      }
      continue;
    }

    let rest = t;
    const so = SO_LINE.exec(rest);
    if (so && !h.numberRaw) {
      let after = so[1];
      const pd = PLACE_DATE.exec(after);
      if (pd) after = after.slice(0, pd.index);
      after = after.split(/\s*\|\s*|\t| {2,}/)[0];
      // a joined line's number sits on one of the lines it was joined from
      const k = [i, i + 1, i + 2, i + 3, i + 4].find((n) => lines[n]?.raw.includes(after.trim())) ?? i;
      h.numberAt = lines[k].start + Math.max(0, lines[k].raw.indexOf(after.trim()));
      h.numberRaw = after.trim();
      h.number = canonicalNumber(after, { digitSerial: true });
      rest = rest.slice(0, so.index) + (pd ? so[1].slice(pd.index) : '');
    }
    const pd = PLACE_DATE.exec(rest);
    if (pd && !h.place) {
      setPlaceDate(h, pd);
      rest = rest.slice(0, pd.index);
    }
    for (const c of cells(rest)) {
      if (!isUpper(c)) continue;
      if (!seenTitle && !h.number && !h.place) h.issuerLines.push(c);
      // the authority line under the title: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X", or the body alone ("ỦY BAN NHÂN DÂN THÀNH PHỐ X")
      else if (seenTitle && !h.authorityLine && (TITLE_PREFIX.test(c) || (KIND_START.test(c) && LOCALITY_IN.test(c)))) h.authorityLine = c;
    }
  }
  h.bodyStart = i;
  return h;
}

/**
 * A type title in capitals with the trích yếu after it on the same line, in normal case: the
 * longest run of capitalised words that is a title, then a word in normal case.
 */
function gluedTitle(t: string): { type: string; subject: string } | null {
  const words = t.trim().split(/\s+/);
  let caps = 0;
  while (caps < words.length && caps < 8 && /\p{L}/u.test(words[caps]!) && words[caps] === words[caps]!.toUpperCase()) caps++;
  if (caps === 0 || caps === words.length || !/^\p{Lu}\p{Ll}/u.test(words[caps]!)) return null;
  for (let n = caps; n >= 1; n--) {
    const type = typeTitle(words.slice(0, n).join(' '));
    if (type) return n === caps ? { type, subject: words.slice(n).join(' ') } : null;
  }
  return null;
}

function entry(s: string): string {
  return s.replace(/^[-–•+]\s*/, '').replace(/[\s;,.]+$/, '').replace(/\s+/g, ' ').trim();
}

/** OCR misreads the marks of bold capitals ("TÍNH" for "TỈNH"): a line that opens with a locality word's letters opens with that word. */
function fixLocalityWord(line: string): string {
  const words = line.split(' ');
  for (const n of [2, 1]) {
    const hit = LOCALITY_BY_FOLD.get(fold(words.slice(0, n).join(' ')));
    if (hit && words.length > n) return [hit.toUpperCase(), ...words.slice(n)].join(' ');
  }
  return line;
}

/** Heads of provincial bodies other than the press ("Báo Quảng Nam" is a paper's own name). */
const LEVELLED_HEADS = gazetteer().bodies.filter((b) => b.provincial && b.kind !== 'press').map((b) => b.key);

/**
 * "SỞ Y TẾ QUẢNG NAM" → "Sở Y tế tỉnh Quảng Nam": a provincial body's province written without
 * its level word gets it, as the canonical name has it.
 */
function withLevelWord(name: string): string {
  const words = name.split(' ');
  for (let n = Math.min(4, words.length - 2); n >= 1; n--) {
    const p = findProvince(words.slice(-n).join(' '));
    if (!p || fold(words.slice(-n).join(' ')) !== fold(p.name)) continue;
    const before = words.slice(0, -n).join(' ');
    const f = fold(before);
    if (naming.localities.some((l) => f.endsWith(` ${fold(l)}`)) || !LEVELLED_HEADS.some((h) => f.startsWith(`${h} `))) return name;
    return `${before} ${p.kind} ${p.name}`;
  }
  return name;
}

/** Issuer lines → issuer and parent, canonical case. */
export function issuerFromLines(raw: string[], numberRaw: string | null): { issuer: string | null; parent: string | null } {
  const named = issuerFromGroups(raw, numberRaw);
  return { issuer: named.issuer && withLevelWord(named.issuer), parent: named.parent && withLevelWord(named.parent) };
}

function issuerFromGroups(raw: string[], numberRaw: string | null): { issuer: string | null; parent: string | null } {
  const lines = raw.map(fixLocalityWord);
  const groups: string[] = [];
  for (const l of lines) {
    // "ỦY BAN NHÂN DÂN / TỈNH VĨNH LONG" is one name wrapped; "UBND TỈNH X / VĂN PHÒNG" is parent + child.
    // A line that opens with neither a body's head nor a locality goes on the name above ("SỞ GIAO THÔNG" / "VẬN TẢI").
    if (groups.length && !KIND_START.test(l) && (LOCALITY_START.test(l) || !startsAgency(l))) groups[groups.length - 1] += ` ${l}`;
    else groups.push(l);
  }
  if (!groups.length) return { issuer: null, parent: null };
  if (groups.length === 1) {
    let only = groups[0];
    if (LOCALITY_START.test(only) && !KIND_START.test(only) && (!numberRaw || /UBND/i.test(numberRaw))) only = `UBND ${only}`;
    return { issuer: recaseAgency(only), parent: null };
  }
  const parent = recaseAgency(groups.slice(0, -1).join(' '));
  const child = recaseAgency(groups[groups.length - 1]);
  // A generic child ("Văn phòng") is named with its parent; a named one ("Sở Tài chính") with the parent's place.
  const generic = (child.split(' ').length <= 2 && !/[A-ZĐ]/u.test(child.slice(1).replace(/ [^ ]+$/, ''))) || isOrganName(child);
  if (generic) return { issuer: `${child} ${parent}`, parent };
  // a party committee ("Huyện ủy Kiến Xương") names its own locality
  const head = groups[groups.length - 1].match(KIND_START)?.[0].toLowerCase();
  if (head && PARTY_HEADS.has(head)) {
    // …and a committee's own department ("BAN DÂN VẬN" under "TỈNH ỦY HÀ TĨNH") is named with it:
    // "Ban Dân vận Tỉnh ủy Hà Tĩnh".
    const parentHead = groups[groups.length - 2]!.match(KIND_START)?.[0].toLowerCase();
    const department = !isCommittee(head) && !LOCALITY_WORD.test(child) && !!parentHead && isCommittee(parentHead);
    return { issuer: department && !fold(child).includes(fold(parent)) ? `${child} ${parent}` : child, parent };
  }
  // (not the "xã hội" of a body's name: "Bảo hiểm xã hội Việt Nam")
  const place = /\s((?:tỉnh|thành phố|huyện|quận|thị xã|xã(?! hội)|phường|thị trấn)\s.+)$/u.exec(parent);
  return { issuer: place && !child.includes(place[1]) ? `${child} ${place[1]}` : child, parent };
}

/**
 * A provincial body named by its kind alone ("ỦY BAN NHÂN DÂN", the province left out of the header)
 * completed the way a reader does: from the authority line ("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
 * "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X"), the place line when it names a province, or the body's own
 * words ("Chủ tịch Ủy ban nhân dân thành phố Cần Thơ"). Null when the issuer is not bare or nothing says.
 */
export function completeBareIssuer(
  issuer: string | null,
  authorityLine: string | null,
  place: string | null,
  text: string,
): { issuer: string; from: string } | null {
  if (!issuer) return null;
  if (!BARE_PROVINCIAL.has(fold(issuer))) return completeNamedProvincial(issuer, place, text);
  const own = (name: string | null) => (name && fold(name).startsWith(`${fold(issuer)} `) && LOCALITY_AFTER(issuer).test(name) ? name : null);
  const fromAuthority = own(authorityLine ? recaseAgency(authorityLine.replace(TITLE_PREFIX, '').trim()) : null);
  if (fromAuthority) return { issuer: fromAuthority, from: 'the authority line' };
  const province = place ? findProvince(place) : null;
  if (province) return { issuer: `${issuer} ${province.kind} ${province.name}`, from: 'the place line' };
  const m = new RegExp(`${issuer}\\s+((?:${naming.localities.join('|')})\\s+\\p{Lu}\\p{Ll}*(?:\\s\\p{Lu}\\p{Ll}*){0,3})`, 'u').exec(text);
  if (m) return { issuer: `${issuer} ${m[1]}`, from: 'the text' };
  return null;
}

/**
 * A provincial body named without its province ("SỞ GIAO THÔNG VẬN TẢI" alone at the top):
 * completed from the text naming it with its locality ("Sở Giao thông vận tải tỉnh Quảng Ngãi"),
 * else from the place line when that is a province.
 */
function completeNamedProvincial(issuer: string, place: string | null, text: string): { issuer: string; from: string } | null {
  // (A body's name is short; what a garbled header takes for one may not be.)
  if (issuer.length > 150) return null;
  const f = fold(issuer);
  if (!PROVINCIAL_HEADS.some((h) => f.startsWith(`${h} `)) || LOCALITY_WORD.test(issuer)) return null;
  // "Tỉnh ủy Hà Giang", "Sở Y tế Hà Nội": the name holds its province already.
  if (gazetteer().provinces.some((p) => ` ${f} `.includes(` ${fold(p.name)} `))) return null;
  for (let at = text.indexOf(issuer); at >= 0; at = text.indexOf(issuer, at + 1)) {
    LOCALITY_AFTER_NAME.lastIndex = at + issuer.length;
    const m = LOCALITY_AFTER_NAME.exec(text);
    if (m && findProvince(m[2]!)) return { issuer: `${issuer} ${m[1]}`, from: 'the text' };
  }
  // …or in capitals, as a Công điện's authority line writes it ("BAN CHỈ HUY … TỈNH PHÚ YÊN điện:").
  const caps = text.indexOf(issuer.toUpperCase());
  if (caps >= 0) {
    const m = PROVINCE_AFTER_CAPS.exec(text.slice(caps + issuer.length, caps + issuer.length + 60));
    const province = m ? [4, 3, 2, 1].map((n) => findProvince(m[2]!.split(/\s+/).slice(0, n).join(' '))).find(Boolean) : null;
    if (province) return { issuer: `${issuer} ${province.kind} ${province.name}`, from: 'the text' };
  }
  const province = place ? findProvince(place) : null;
  return province ? { issuer: `${issuer} ${province.kind} ${province.name}`, from: 'the place line' } : null;
}
const PROVINCIAL_HEADS = gazetteer().bodies.filter((b) => b.provincial).map((b) => fold(b.head));
/** After a body's name in capitals: "TỈNH PHÚ YÊN", "THÀNH PHỐ CẦN THƠ" (up to four words in group 2). */
const PROVINCE_AFTER_CAPS = /^\s+(TỈNH|THÀNH PHỐ)\s+(\p{Lu}+(?:[\s-]+\p{Lu}+){0,3})/u;
/** After a body's name: its locality ("tỉnh Quảng Ngãi"), the name in group 2. */
const LOCALITY_AFTER_NAME = new RegExp(`\\s+((?:${naming.localities.join('|')})\\s+(\\p{Lu}\\p{Ll}*(?:\\s\\p{Lu}\\p{Ll}*){0,3}))`, 'uy');
const LOCALITY_WORD = new RegExp(`(?<![\\p{L}])(?:${naming.localities.join('|')})\\s+\\p{Lu}`, 'u');

/** Provincial kinds ("ủy ban nhân dân", "sở") that name no one without their province. */
const BARE_PROVINCIAL = new Set(gazetteer().bodies.filter((b) => b.provincial && b.naming).map((b) => fold(b.head)));
const LOCALITY_AFTER = (issuer: string) => new RegExp(`^${issuer}\\s+(?:${naming.localities.join('|')})\\s`, 'iu');

/** "BỘ TRƯỞNG, CHỦ NHIỆM VĂN PHÒNG CHÍNH PHỦ" → "Văn phòng Chính phủ". */
export function issuerFromAuthority(line: string | null): string | null {
  if (!line) return null;
  const body = line.replace(TITLE_PREFIX, '').trim();
  return body && body !== line.trim() ? recaseAgency(body) : null;
}
