/**
 * The header components of Decree 30/2020/NĐ-CP: issuing body (and parent), quốc hiệu/tiêu ngữ,
 * số/ký hiệu, place and date, type and trích yếu (or V/v), Kính gửi. Two-column headers arrive
 * flattened (one column after the other, or both on one line joined by "|", tabs or spaces),
 * so every line is split into cells and the quốc hiệu/tiêu ngữ cut out of them.
 */
import { type Line, isUpper } from './lines.ts';
import { canonicalNumber } from '../knowledge/numbers.ts';
import { ATTACHED, ENACTMENT, KINH_GUI, PLACE_DATE, PREAMBLE, QUOC_HIEU, SO_LINE, TIEU_NGU, VV, typeTitle } from './patterns.ts';
import { ARTICLE, CHAPTER, CLAUSE, PART, POINT, ROMAN } from './patterns.ts';
import { recaseAgency } from '../knowledge/recase.ts';
import { LOCALITY_BY_FOLD, naming, TITLES_UPPER } from './naming.ts';
import { fold } from '../knowledge/fold.ts';
import { isSignerTitle } from './signature.ts';

const LOCALITY_START = new RegExp(`^(?:${naming.localities.map((l) => l.toUpperCase()).join('|')})(?![\\p{L}\\p{N}])`, 'u');
const TITLE_PREFIX = new RegExp(
  `^(?:(?:${TITLES_UPPER})\\s*,?\\s*)+`,
  'u',
);

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

function isBodyStart(t: string): boolean {
  return (
    PREAMBLE.test(t) || ENACTMENT.test(t) || ARTICLE.test(t) || PART.test(t) || CHAPTER.test(t) ||
    (ROMAN.test(t) && !/^V\/v/i.test(t)) || CLAUSE.test(t) || POINT.test(t)
  );
}

function joinParagraph(lines: Line[], from: number): { text: string; next: number } {
  const parts: string[] = [];
  let i = from;
  // OCR'd and wrapped text often has no blank line before "(Ban hành kèm theo …)": it is not the subject
  while (i < lines.length && lines[i].text && !(i > from && ATTACHED.test(lines[i].text) && lines[i].text.startsWith('('))) {
    parts.push(lines[i].text);
    i++;
  }
  return { text: cleanSubject(parts.join(' ')), next: i };
}

export function cleanSubject(s: string): string {
  return s.replace(/\*+/g, '').replace(/\s+/g, ' ').replace(/[\s.]+$/, '').trim();
}

export function parseHeader(lines: Line[]): RawHeader {
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
    if (h.subject && !isUpper(t) && !KINH_GUI.test(t) && !ATTACHED.test(t) && !PLACE_DATE.test(t) && !SO_LINE.test(t)) break;

    const kg = KINH_GUI.exec(t);
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
      h.type ??= 'Công văn';
      i = p.next - 1;
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
      if (next && !isBodyStart(next) && !ATTACHED.test(next) && !(isUpper(next) && (isSignerTitle(next) || TITLE_PREFIX.test(next)))) {
        const p = joinParagraph(lines, k);
        h.subject = p.text;
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
      h.numberAt = lines[i].start + Math.max(0, lines[i].raw.indexOf(after.trim()));
      h.numberRaw = after.trim();
      h.number = canonicalNumber(after, { digitSerial: true });
      rest = rest.slice(0, so.index) + (pd ? so[1].slice(pd.index) : '');
    }
    const pd = PLACE_DATE.exec(rest);
    if (pd && !h.place) {
      h.place = pd[1].replace(/^[|\s]+/, '').trim();
      h.issued = isoDate(pd[2], pd[3], pd[4]);
      rest = rest.slice(0, pd.index);
    }
    for (const c of cells(rest)) {
      if (!isUpper(c)) continue;
      if (!seenTitle && !h.number && !h.place) h.issuerLines.push(c);
      else if (seenTitle && !h.authorityLine && TITLE_PREFIX.test(c)) h.authorityLine = c;
    }
  }
  h.bodyStart = i;
  return h;
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

/** Issuer lines → issuer and parent, canonical case. */
export function issuerFromLines(raw: string[], numberRaw: string | null): { issuer: string | null; parent: string | null } {
  const lines = raw.map(fixLocalityWord);
  const groups: string[] = [];
  for (const l of lines) {
    // "ỦY BAN NHÂN DÂN / TỈNH VĨNH LONG" is one name wrapped; "UBND TỈNH X / VĂN PHÒNG" is parent + child.
    if (groups.length && LOCALITY_START.test(l)) groups[groups.length - 1] += ` ${l}`;
    else groups.push(l);
  }
  if (!groups.length) return { issuer: null, parent: null };
  if (groups.length === 1) {
    let only = groups[0];
    if (LOCALITY_START.test(only) && (!numberRaw || /UBND/i.test(numberRaw))) only = `UBND ${only}`;
    return { issuer: recaseAgency(only), parent: null };
  }
  const parent = recaseAgency(groups.slice(0, -1).join(' '));
  const child = recaseAgency(groups[groups.length - 1]);
  // A generic child ("Văn phòng") is named with its parent; a named one ("Sở Tài chính") with the parent's place.
  const generic = child.split(' ').length <= 2 && !/[A-ZĐ]/u.test(child.slice(1).replace(/ [^ ]+$/, ''));
  if (generic) return { issuer: `${child} ${parent}`, parent };
  const place = /\s((?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s.+)$/u.exec(parent);
  return { issuer: place && !child.includes(place[1]) ? `${child} ${place[1]}` : child, parent };
}

/** "BỘ TRƯỞNG, CHỦ NHIỆM VĂN PHÒNG CHÍNH PHỦ" → "Văn phòng Chính phủ". */
export function issuerFromAuthority(line: string | null): string | null {
  if (!line) return null;
  const body = line.replace(TITLE_PREFIX, '').trim();
  return body && body !== line.trim() ? recaseAgency(body) : null;
}
