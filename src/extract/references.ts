/**
 * References: every document a text cites — by số/ký hiệu ("Nghị định số 45/2020/NĐ-CP ngày
 * 08/4/2020 của Chính phủ", "Chỉ thị số 05-CT/TU") or, for laws, by name and year ("Luật Giao
 * dịch điện tử năm 2005"). Matching runs on folded text so OCR output without diacritics
 * ("Nghi dinh so 45/2020/ND-CP") is read the same; what is returned is sliced from the original.
 */
import { editDistance } from '../lib/edit-distance.ts';
import type { Repair } from '../lib/repairs.ts';
import { numberRepairs } from '../knowledge/number-repairs.ts';
import type { Reference } from '../../schemas/document.ts';
import { RELATIONS } from '../../schemas/vocabulary.ts';
import { canonicalAgency, knownNameAt } from './agencies.ts';
import { gazetteer, provinceAt, typeNamedAt, typeNamePatterns } from '../knowledge/gazetteer.ts';
import { titleBeforeBody } from '../knowledge/persons.ts';
import { expandAbbreviations } from '../knowledge/abbreviations.ts';
import { issuerFromNumber, numberIdentity, parseNumber, typeFromCode, type ParsedNumber } from '../knowledge/numbers.ts';
import { clean, fold, isoDate } from './text.ts';

export type Relation = Reference['relation'];


export interface ReferenceContext {
  /** Province the citing document belongs to: completes "UBND", "STTTT" issuers. */
  province?: string | null;
  /** District of the citing document's issuer: completes "Ủy ban nhân dân huyện". */
  district?: string | null;
  /** The citing document's own số/ký hiệu (canonical), never a reference of itself. */
  ownNumber?: string | null;
  /** ISO date of the citing document. */
  date?: string | null;
  /** The citing document's subject (trích yếu): a citation in it is what the document is about. */
  subject?: string | null;
}

// ---- finding citations ----

let typeWords: { type: string; re: string }[] | null = null;
let typeBefore: RegExp | null = null;

/** A type word ending the text before a number: "Quyết định số", "Kế hoạch (KH):". Folded. */
function typeBeforeRe(): RegExp {
  if (typeBefore) return typeBefore;
  const alt = types()
    .map((t) => t.re)
    .join('|');
  return (typeBefore = new RegExp(`(?:^|[^a-z])(${alt})\\s*(?:\\(?[a-z0-9&]{0,3}\\.?\\)?\\s*:?\\s*)?$`));
}
/** Types cited by number: laws other than Luật are cited by name (findLaws). */
function types() {
  return (typeWords ??= typeNamePatterns()
    .filter(({ type: t }) => !t.legal || t.type === 'Luật')
    .map(({ type: t, re }) => ({ type: t.type, re })));
}

// OCR and retyping put spaces around a hyphen ("NĐ- CP"), and a text copied from print keeps the
// line break after one ("35/TTr-" ⏎ "STTTT"): a spaced or broken segment must be a whole
// capitalised code, so "NĐ-CP - Chính phủ" does not swallow the next word.
const NUMBER_SRC =
  '(?<![\\p{L}\\d/])(\\d{1,5}-[A-Za-zĐđ]{1,5}\\/[A-Za-zĐđƯư][A-Za-zĐđƯư0-9]*(?:-[A-ZĐƯ][A-Za-zĐđƯư0-9]*)*|\\d{1,6}[a-z]?(?:\\/\\d{4})?\\/[A-Za-zĐđ][A-Za-zĐđ0-9&]*(?:-[A-Za-zĐđ0-9&]+|[ ]?[-–](?:[ ]|\\n[ \\t]*)?[A-ZĐ][A-Za-zĐđ0-9&]*(?![\\p{L}\\d]))*)';

/** "ngày 08 tháng 4 năm 2020", "ngày 08/4/2020", OCR "ngay 27 thang 3 ndm 2021". Folded text. */
const DATE_AFTER = /^[\s,]*(?:ban hanh\s+)?ng[a-z]{1,2}y\s*:?\s*(\d{1,2})\s*(?:th[a-z]{2,4}g|[/.\-])\s*(\d{1,2})\s*(?:n[a-z]{1,2}m|[/.\-])\s*(\d{4})/;
const OF_AFTER = /^[\s,]*(?:cua|cia|cta|clia|ctia|coa|cda|cla|cila|cuia)\s+/;
/** Words that end the stated issuer: the verb or preposition that starts the subject. */
const ISSUER_STOP =
  /\s(?:ve|v[eé]|quy dinh|phe duyet|ban hanh|huong dan|sua doi|bo sung|thanh lap|trien khai|thuc hien|tai|theo|da|nhu|ngay|trong|giao|de|nham|va|cho|tong hop|phe|ph[a-z]? duy[a-z]*t|stra|str[a-z]|sira|sua|v[a-z]&|v[eé]&)\b|\skhoa\s+[ivxl]+\b|[;,.:()]|\n\s*\n/;

function dateFrom(m: RegExpMatchArray): string | null {
  return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
}

/** Boundaries of the sentence around `at`: blank lines, a period before a capital, a new preamble line. */
function sentenceStart(text: string, at: number): number {
  let i = at;
  const min = Math.max(0, at - 1500);
  while (i > min) {
    const ch = text[i - 1]!;
    if (ch === '\n') {
      // A blank line, or a line that opens a new clause, ends the sentence.
      const prev = text.lastIndexOf('\n', i - 2);
      const prevLine = text.slice(prev + 1, i - 1);
      if ((!prevLine.trim() && !/^\s*\p{Ll}/u.test(text.slice(i, i + 10))) || /[;:.]\s*\**\s*$/.test(prevLine) || /^\s*[-+•*#]|^\s*\*?(Căn cứ|Thực hiện|Theo|Xét)(?![\p{L}\p{N}])/u.test(text.slice(i, i + 30))) return i;
    }
    if (ch === '\t') return i;
    if ((ch === '.' || ch === '!' || ch === '?') && /\s/.test(text[i] ?? ' ') && /^\s+[\p{Lu}\d*]/u.test(text.slice(i, i + 3))) return i;
    i--;
  }
  return min;
}

interface Mention extends Reference {
  /** Span of the cited document's subject in the text (local offsets), to nest later citations. */
  subjectSpan: [number, number] | null;
  lawKey: string | null;
  /** The issuer was written out ("của Bộ Chính trị"), not implied by the code. */
  issuerStated?: boolean;
  /** What writing the cited number canonically changed from the text (file offsets). */
  repairs?: Repair[];
}

function relationFor(text: string, folded: string, start: number, nested: boolean, ctx: ReferenceContext, attachedMarker: boolean): Relation {
  const sStart = sentenceStart(text, start);
  const sentence = folded.slice(sStart, start).replace(/^[\s*_\-+•#(]+/, '');
  const before = folded.slice(Math.max(sStart, start - 40), start);
  // "Căn cứ X; Y;" cites X and Y; "Căn cứ …, phối hợp … theo quy định của Luật Z" only mentions Z.
  if (attachedMarker || /kem theo\s*$/.test(before)) return 'ban hành kèm theo';
  // "…, căn cứ Thông tư số …" inside a running sentence, even inside the previous citation's clause
  if (/(?:^|[;,]\s*)can cu\s*$/.test(before)) return 'căn cứ';
  if (nested) return 'dẫn chiếu';
  // "Căn cứ Luật X; thực hiện Chỉ thị Y và Kế hoạch Z, …": a clause of its own carries Y and Z out.
  if (/;\s*(?:thuc hien|trien khai)\s[^;]*$/.test(sentence)) return 'thực hiện';
  if (/^(?:c[a-z]n c[a-z]{1,2}|can cu)\b/.test(sentence) && !/\b(?:theo quy dinh|phoi hop|tham muu|de (?:thuc hien|trien khai))\b/.test(sentence))
    return 'căn cứ';
  if (attachedMarker || /kem theo\s*$/.test(before)) return 'ban hành kèm theo';
  if (nested) return 'dẫn chiếu';
  if (/^(?:thuc hien|th[a-z]{1,3} h[a-z]{1,3}n|trien khai)\b/.test(sentence)) return 'thực hiện';
  // "… việc thực hiện Quyết định X" speaks of X's implementation; this document does not carry X out
  // (but "gắn với việc thực hiện X" ties its own work to X's); "thực hiện nghiêm X" carries X out.
  if (/\b(?:thuc hien|trien khai|thi hanh)(?:\s+(?:nghiem tuc|nghiem|tot|co hieu qua|dong bo))?\s*$/.test(before) && (!/\bviec\s+(?:thuc hien|trien khai|thi hanh)\s*$/.test(before) || /\bgan voi\s+viec\s+thuc hien\s*$/.test(before))) return 'thực hiện';
  if (/^v\/v\s+(?:thuc hien|trien khai)/.test(sentence)) return 'thực hiện';
  if (/\bsua doi,?\s*(?:bo sung\s*)?(?:mot so dieu\s*)?(?:cua\s*)?$/.test(before)) return 'sửa đổi';
  if (/\bnhan duoc\s*$/.test(before)) return 'forwards';
  return 'dẫn chiếu';
}

let subjectStopRe: RegExp | null = null;
/** Where a cited document's subject ends: the clause end, or "và" before the next citation ("… và Kế hoạch số 112/…"). */
function subjectStop(): RegExp {
  const names = gazetteer().types.map((t) => t.type).sort((a, b) => b.length - a.length).join('|');
  const legal = gazetteer().types.filter((t) => t.legal).map((t) => t.type).join('|');
  return (subjectStopRe ??= new RegExp(
    `;|\\.\\s|\\.$|\\n\\s*\\n(?!\\s*\\p{Ll})|\\(đính kèm|\\)|:\\s*$|\\s+và\\s+(?=(?:${names})(?:\\s+[\\p{L}]+){0,2}\\s+(?:số\\s*)?\\d|(?:${legal})\\s+\\p{Lu})`,
    'u',
  ));
}

/** Parse what follows a number: date, issuer, subject. Offsets are local to `text`. */
function parseTail(text: string, folded: string, from: number, ctx: ReferenceContext, parsed: ParsedNumber | null) {
  let pos = from;
  let issued: string | null = null;
  let issuer: string | null = null;
  let stated: string | null = null;
  const take = (re: RegExp) => {
    const m = folded.slice(pos, pos + 200).match(re);
    if (m) pos += m[0].length;
    return m;
  };
  const d1 = take(DATE_AFTER);
  if (d1) issued = dateFrom(d1);
  let end = pos;
  const of = take(OF_AFTER);
  if (of) {
    // A known name ("Bộ Thông tin và Truyền thông") is read whole, "và" and all; the stop
    // words then end what follows it ("… tỉnh Nghệ An về …").
    const title = titleBeforeBody(folded, pos);
    // A signer's title, one or several ("Bộ trưởng, Chủ nhiệm"), is read whole before its body.
    const skip = title + knownNameAt(folded, pos + title);
    const rest = folded.slice(pos + skip, pos + skip + 160);
    // A province name is part of the issuer even when it reads like a stop word ("Đà Nẵng", "Bình Định").
    const prov = rest.match(/^[^;.()\n]{0,60}?\b(?:tinh|thanh pho|tp\.?)\s+/);
    let protect = 0;
    if (prov) {
      const p = provinceAt(rest, prov[0].length);
      if (p) protect = prov[0].length + p.length;
    }
    const stopRel = rest.slice(protect).search(ISSUER_STOP);
    const stop = stopRel < 0 ? -1 : protect + stopRel;
    const len = skip + (stop < 0 ? Math.min(rest.length, 80) : stop);
    stated = clean(text.slice(pos, pos + len));
    if (stated) {
      pos += len;
      end = pos;
      const d2 = take(DATE_AFTER);
      if (d2) {
        issued ??= dateFrom(d2);
        end = pos;
      }
    } else pos -= of[0].length;
  }
  if (stated) {
    // A title names its body: "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ" → Văn phòng Chính phủ.
    const body = stated.slice(titleBeforeBody(fold(stated), 0));
    const c = canonicalAgency(body, ctx);
    issuer = c.kind ? c.canonical : null;
  }
  const implied = parsed ? issuerFromNumber(parsed, ctx) : null;
  // A joint document's co-issuers, where the stated name was read only to the first ("của Bộ Y tế và Bộ Nội vụ").
  if (!issuer || (implied?.includes(' và ') && implied.startsWith(`${issuer} và `))) issuer = implied ?? issuer;
  // Subject: "về …", or the verb phrase after the issuer, up to the end of the clause.
  let subject: string | null = null;
  let subjectSpan: [number, number] | null = null;
  const rest = text.slice(pos, pos + 600);
  const sm = folded.slice(pos, pos + 600).match(/^\s*(?:ve\s+|v[eé]&?\s+)?/u);
  const sStart = pos + (sm?.[0].length ?? 0);
  const tail = text.slice(sStart, sStart + 600);
  // A blank line inside a sentence is a page break when the next line goes on in lower case.
  const stopAt = tail.search(subjectStop());
  const subj = clean(tail.slice(0, stopAt < 0 ? tail.length : stopAt));
  if (subj && (stated || d1) && /^(?:ve|quy dinh|phe duyet|ban hanh|huong dan|sua doi|thanh lap|thuc hien|trien khai)\b/.test(folded.slice(pos, sStart + 20).trim())) {
    subject = subj.replace(/[,\s]+$/, '');
    subjectSpan = [sStart, sStart + (stopAt < 0 ? tail.length : stopAt)];
  }
  return { issued, issuer, stated: issuer && stated ? stated : null, end, subject, subjectSpan };
}

/** Every citation in `text`, one per mention (see `dedupeReferences`). Offsets are `base` + local. */
export function findReferenceMentions(text: string, ctx: ReferenceContext = {}, base = 0): Mention[] {
  const folded = fold(text);
  const out: Mention[] = [];
  const numberRe = new RegExp(NUMBER_SRC, 'gu');
  const typeBefore = typeBeforeRe();
  for (const m of text.matchAll(numberRe)) {
    const at = m.index!;
    const raw = m[1]!;
    const parsed = parseNumber(raw);
    if (!parsed) continue;
    // The code must read as a document code: a known type, or an issuer with a type word before it.
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const linePrefix = text.slice(lineStart, at);
    if (/^\s*\**\s*S\S{0,2}\s*(?:\/\s*ký hiệu)?\s*:\s*$/iu.test(linePrefix)) continue; // the header's own "Số:"
    if (ctx.ownNumber && parsed.number === ctx.ownNumber) continue;
    const window = folded.slice(Math.max(0, at - 60), at).replace(/\s+/g, ' ');
    const tb = window.match(typeBefore);
    let type: string | null = null;
    let start = at;
    if (tb) {
      const word = tb[1]!;
      const named = typeNamedAt(word);
      const t = types().find((x) => x.type === named);
      type = t?.type ?? null;
      // Locate the type word in the original text.
      const pre = folded.slice(Math.max(0, at - 80), at);
      const re = new RegExp(`(${t ? t.re : word})(?![\\s\\S]*(${t ? t.re : word}))`);
      const pm = pre.match(re);
      if (pm) start = at - (pre.length - pm.index!);
    }
    // "Luật Tổ chức chính quyền địa phương số 72/2025/QH15": a law cited by name and number.
    let lawName: string | null = null;
    if (!type) {
      const back = folded.slice(Math.max(0, at - 160), at);
      const lm = back.match(/(?:^|[^a-z])((?:bo )?lu[a-z]{1,2}t|phap lenh)\s+([^;:()\n]{3,140}?)\s+s[o6]\s*:?\s*$/);
      if (lm) {
        const lawStart = at - back.length + lm.index! + lm[0].indexOf(lm[1]!);
        if (/^[LBP]/.test(text[lawStart] ?? '')) {
          type = /^bo/.test(lm[1]!) ? 'Bộ luật' : /^phap/.test(lm[1]!) ? 'Pháp lệnh' : 'Luật';
          lawName = clean(text.slice(lawStart, lawStart + lm[1]!.length + 1 + lm[2]!.length));
          start = lawStart;
        }
      }
    }
    if (!type && parsed.typeCode === null && parsed.issuerCodes.some((c) => /^QH\d*$/.test(c))) type = 'Luật';
    if (!type || type === 'Văn bản') {
      const fromCode = typeFromCode(parsed.typeCode);
      if (fromCode) type = fromCode;
      else if (type === 'Văn bản') type = 'Công văn'; // "văn bản số 123/UBND-VX": a letter without a type code
      else if (!type) {
        const soBefore = /(?:^|\s)s[oô6óéb&]?\s*:?\s*$/.test(window);
        if (!soBefore) continue;
        type = 'Công văn';
      }
    }
    const tail = parseTail(text, folded, at + raw.length, ctx, parsed);
    // "Xét đề nghị của Giám đốc Sở X tại Tờ trình số …": the proposer named before is its issuer.
    if (!tail.stated) {
      const proposer = proposerBefore(text, folded, start, ctx);
      if (proposer) {
        tail.issuer = proposer;
        tail.stated = proposer;
      }
    }
    const attached = /kem theo\s+$/.test(folded.slice(Math.max(0, start - 20), start).replace(/\s+/g, ' '));
    out.push({
      number: parsed.number,
      type,
      name: lawName,
      issued: tail.issued,
      issuer: tail.issuer,
      subject: tail.subject,
      relation: 'dẫn chiếu',
      text: clean(text.slice(start, tail.end)),
      prov: { start: base + start, end: base + tail.end, page: null, section: null },
      subjectSpan: tail.subjectSpan ? [base + tail.subjectSpan[0], base + tail.subjectSpan[1]] : null,
      lawKey: null,
      issuerStated: !!tail.stated,
      repairs: numberRepairs(raw, parsed.number, base + at),
      ...(attached ? { relation: 'ban hành kèm theo' as Relation } : {}),
    });
  }
  // A short citation: "Quyết định số 23 (của …)", the number as written, no code.
  for (const m of text.matchAll(shortCitation())) {
    const at = m.index!;
    const numAt = at + m[0].length - m[2]!.length;
    const tail = parseTail(text, folded, numAt + m[2]!.length, ctx, null);
    out.push({
      number: m[2]!, type: m[1]!, name: null, issued: tail.issued, issuer: tail.issuer, subject: tail.subject, relation: 'dẫn chiếu',
      text: clean(text.slice(at, tail.end)), prov: { start: base + at, end: base + tail.end, page: null, section: null },
      subjectSpan: tail.subjectSpan ? [base + tail.subjectSpan[0], base + tail.subjectSpan[1]] : null, lawKey: null, issuerStated: !!tail.stated,
    });
  }
  // A law named inside another law's name ("Luật sửa đổi … của Luật A") is part of that name.
  let lawEnd = -1;
  for (const law of findLaws(text, folded, ctx, base)) {
    if (law.prov.start < lawEnd) continue;
    lawEnd = base + law.prov.start - base + (law.name?.length ?? 0);
    out.push(law);
  }
  out.sort((a, b) => a.prov.start - b.prov.start);
  // Relations need the order: a citation inside another citation's subject only describes it.
  for (const r of out) {
    const nested = out.some((o) => o !== r && o.subjectSpan && o.subjectSpan[0] <= r.prov.start && r.prov.start < o.subjectSpan[1]);
    const inSubject = !!ctx.subject && fold(ctx.subject).includes(fold(r.text.slice(0, 40)));
    const attached = r.relation === 'ban hành kèm theo';
    r.relation = relationFor(text, folded, r.prov.start - base, nested && !inSubject, ctx, attached);
  }
  // "Thực hiện A và B": B joined to A by "và" (or a comma) is cited the same way.
  for (let i = 1; i < out.length; i++) {
    const prev = out[i - 1]!;
    const r = out[i]!;
    const prevEnd = Math.max(prev.prov.end, (prev as Mention).subjectSpan?.[1] ?? 0);
    const gap = folded.slice(prevEnd - base, r.prov.start - base);
    if (r.relation === 'dẫn chiếu' && (prev.relation === 'thực hiện' || prev.relation === 'căn cứ') && /^\s*(?:,|va|,\s*va)\s+(?:[a-z]+\s+){0,4}(?:so\s*)?$|^\s*(?:,|va|,\s*va)\s*$/.test(gap)) r.relation = prev.relation;
  }
  // "Nghị định số 110/2004/NĐ-CP và Nghị định số 111/2004/NĐ-CP ngày 08 tháng 4 năm 2004": two of
  // one type joined by "và" share the date written once after them (when the first's year agrees).
  for (let i = out.length - 2; i >= 0; i--) {
    const a = out[i]!;
    const b = out[i + 1]!;
    // (a first one with its own issuer stated is a citation of its own: "Quyết định số 673/QĐ-TTg của Thủ tướng Chính phủ và Quyết định số …")
    if (a.issued || !b.issued || !a.number || !b.number || a.type !== b.type || a.issuerStated) continue;
    if (!/^\s*va\s*$/.test(folded.slice(a.prov.end - base, b.prov.start - base))) continue;
    const year = parseNumber(a.number)?.year;
    if (year && year !== b.issued.slice(0, 4)) continue;
    a.issued = b.issued;
  }
  return out;
}

/** The body in "đề nghị của [title] <body> tại" just before a citation starting at `start`, canonical. */
function proposerBefore(text: string, folded: string, start: number, ctx: ReferenceContext): string | null {
  const from = Math.max(0, start - 160);
  const m = /(?:^|[^a-z])de nghi cua\s+([^;:()\n]{3,120}?)\s+tai\s+$/.exec(folded.slice(from, start));
  if (!m) return null;
  const bodyAt = from + m.index + m[0].indexOf(m[1]!);
  const skip = titleBeforeBody(m[1]!, 0);
  const c = canonicalAgency(clean(text.slice(bodyAt + skip, bodyAt + m[1]!.length)), ctx);
  if (c.kind) return c.canonical;
  // "Trưởng phòng Phổ biến, giáo dục pháp luật": the head of a division named by its title;
  // the division is "Phòng Phổ biến, giáo dục pháp luật".
  const head = /^(?:pho\s+)?truong\s+(phong|ban|khoa|tram|doi)\s+(?=\S)/.exec(m[1]!);
  if (!skip && head && /^\p{Lu}/u.test(text.slice(bodyAt + head[0].length))) {
    const at = bodyAt + head[0].length - head[1]!.length - 1;
    const body = clean(text.slice(at, bodyAt + m[1]!.length));
    return body.charAt(0).toUpperCase() + body.slice(1);
  }
  return null;
}

let shortRe: RegExp | null = null;
/** "Quyết định số 23": a capitalised type, "số" and bare digits that no code, date or unit follows. */
function shortCitation(): RegExp {
  const names = gazetteer().types.filter((t) => !t.legal && t.type !== 'Văn bản').map((t) => t.type).sort((a, b) => b.length - a.length).join('|');
  return (shortRe ??= new RegExp(`(?<![\\p{L}])(${names})\\s+số\\s+(\\d{1,5})(?![\\d\\p{L}]|\\s*[/\\-–.,]\\s*[\\d\\p{L}])`, 'gu'));
}

/** A known law's or ordinance's name after its type word, folded: what follows "Luật " or "Pháp lệnh " in the text. */
const nameAfterType = (name: string) => fold(name).replace(/^(?:(?:bo )?luat|phap lenh) /, '');

let lawNames: { key: string; name: string }[] | null = null;
function laws() {
  return (lawNames ??= gazetteer()
    .laws.map((name) => ({ key: fold(name), name }))
    .sort((a, b) => b.key.length - a.key.length));
}

/** Where an unknown law's name ends in `folded` (its `original` beside it): "vệ" of "bảo vệ" is not "về". */
function lawEnd(folded: string, original: string): number {
  const re = new RegExp(LAW_END.source, 'g');
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    if (m[0] === ' ve ' && !/^\s[Vv]ề\s/u.test(original.slice(m.index, m.index + 4))) {
      re.lastIndex = m.index + 1;
      continue;
    }
    return m.index;
  }
  return -1;
}
const LAW_END = /\s+(?:nam\s+\d{4}|ngay\s+\d|so\s+\d)|[;,.:()\n]|\s(?:va|theo|cua|ve|trong|tai|de|duoc|thi|nay|do|hien hanh|va cac)\s/;

/** The body that passes a legal type cited by name (document-types.tsv, column issuer). */
function legalIssuer(type: string): string | null {
  return gazetteer().types.find((t) => t.type === type)?.issuer ?? null;
}

/**
 * Where a name cited with its year or date ends (the offset of " năm YYYY" / " ngày D"), when it
 * reaches it within the clause and reads as one name: no other citation, number or digit inside,
 * and any commas only between short phrases ("Phòng, chống lụt, bão"). Null otherwise.
 */
export function namedUpToDate(original: string, folded: string): number | null {
  const m = /\s+(?:nam\s+\d{4}|ngay\s+\d)|[;:()\n]|\.\s/.exec(folded);
  if (!m || !/^\s+(?:nam|ngay)/.test(m[0])) return null;
  const name = original.slice(0, m.index);
  if (!name || /\d/.test(name) || name.length > 100) return null;
  if (TYPE_NAME_IN().test(name)) return null;
  // after a comma a name goes on with a short phrase ("Phòng, chống tác hại của rượu, bia"); a list does not ("…, các văn bản …")
  const chunks = folded.slice(0, m.index).split(',').slice(1);
  if (chunks.some((c) => c.trim().split(/\s+/).length > 6 || /^\s*(?:cac|nhung|va cac)\b/.test(c))) return null;
  return m.index;
}
let typeNameIn: RegExp | null = null;
const TYPE_NAME_IN = () =>
  (typeNameIn ??= new RegExp(`(?:^|\\s)(?:${gazetteer().types.map((t) => t.type).sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}])`, 'u'));

/** Laws cited by name: "Luật Giao dịch điện tử năm 2005", "Luật tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015". */
function findLaws(text: string, folded: string, ctx: ReferenceContext, base: number): Mention[] {
  const out: Mention[] = [];
  // The Constitution: "Hiến pháp (nước Cộng hòa xã hội chủ nghĩa Việt Nam) năm 2013".
  for (const m of folded.matchAll(/(?<![a-z])hien phap(?:\s+nuoc cong hoa xa hoi chu nghia viet nam)?(?:\s+nam\s+(\d{4}))?/g)) {
    if (text[m.index!] !== 'H') continue;
    const end = m.index! + m[0].length;
    out.push({
      number: null, type: 'Hiến pháp', name: 'Hiến pháp', issued: m[1] ?? null, issuer: 'Quốc hội', subject: null, relation: 'dẫn chiếu',
      text: clean(text.slice(m.index!, end)), prov: { start: base + m.index!, end: base + end, page: null, section: null }, subjectSpan: null, lawKey: 'Hiến pháp',
    });
  }
  const re = /(?<![a-z])(bo lu[a-z]{1,2}t|lu[aeđd]{1,2}t|phap lenh)\s+/g;
  // Names this text cites with their date: an undated mention elsewhere ("Triển khai thi hành Luật
  // Phòng, chống tác hại của rượu, bia trên địa bàn …", where the name's end is not written) is that law.
  const citedHere: { name: string }[] = [];
  /** Where each mention's name would run to its date, by the name's start: read once, used twice. */
  const datedFrom = new Map<number, number | null>();
  for (const m of folded.matchAll(re)) {
    const from = m.index! + m[0].length;
    if (!/^[LBP]/.test(text[m.index!]!)) continue;
    const upTo = namedUpToDate(text.slice(from, from + 120), folded.slice(from, from + 120));
    // …but not over "và các luật …": "Luật Nhà ở và các luật có hiệu lực trong năm 2024" is Luật Nhà ở.
    const dated = upTo !== null && /\s(?:va cac|cac luat|co hieu luc)\s/.test(folded.slice(from, from + upTo)) ? null : upTo;
    datedFrom.set(from, dated);
    if (dated !== null && dated > 2) citedHere.push({ name: text.slice(m.index!, from + dated).trim() });
  }
  for (const m of folded.matchAll(re)) {
    const at = m.index!;
    if (!/^[LBP]/.test(text[at]!)) continue; // a law's name is capitalised; "pháp luật" is not
    const nameFrom = at + m[0].length;
    // Followed by a number: the number pass has it.
    if (/^s[o6]\s*\d|^\d/.test(folded.slice(nameFrom, nameFrom + 6))) continue;
    let nameEnd: number;
    const ordinance = m[1] === 'phap lenh';
    let known = [...citedHere, ...laws()].find((l) => {
      // (a Pháp lệnh's name for a Pháp lệnh, a law's for a Luật)
      if (fold(l.name).startsWith('phap lenh ') !== ordinance) return false;
      const k = nameAfterType(l.name);
      if (/[a-z0-9]/.test(folded[nameFrom + k.length] ?? ' ')) return false;
      const cand = folded.slice(nameFrom, nameFrom + k.length);
      // OCR text misreads a letter or two ("Ludt Phé bién"): allow one edit per ten letters.
      return cand === k || (k.length >= 10 && cand[0] === k[0] && editDistance(cand, k) <= Math.floor(k.length / 10));
    });
    // A longer name cited with its date is another law: "Luật Quy hoạch đô thị năm 2009" is not "Luật Quy hoạch".
    const dated = datedFrom.get(nameFrom) ?? null;
    if (known) {
      if (dated !== null && dated > nameAfterType(known.name).length + 1) known = undefined;
    }
    if (/^sua doi/.test(folded.slice(nameFrom))) {
      // "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B": up to the date or clause end.
      const rest = folded.slice(nameFrom, nameFrom + 300);
      let stop = rest.search(/\s+(?:nam\s+\d{4}|ngay\s+\d|so\s+\d)|[;.:()\n]/);
      // It names at most two laws ("… của Luật A và Luật B"): a comma before another citation, a
      // "và" before another type, or a second "và Luật" starts the next citation.
      let andLaw = 0;
      for (const sep of text.slice(nameFrom, nameFrom + rest.length).matchAll(/(,|\s+và)\s+/gu)) {
        if (stop >= 0 && sep.index! >= stop) break;
        const after = text.slice(nameFrom + sep.index! + sep[0].length, nameFrom + sep.index! + sep[0].length + 60);
        // (a type written capitalised, as a citation opens)
        const next = /^\p{Lu}/u.test(after) ? typeNamedAt(after) : null;
        // A law by its capitalised name; any other type by its number ("và Kế hoạch số 25/…", not "và Phụ lục Danh mục …").
        const cites = next && (/^(?:Bộ luật|Luật|Pháp lệnh)$/u.test(next) ? /^\s+\p{Lu}/u.test(after.slice(next.length)) : /^\s+(?:số\s*)?\d/u.test(after.slice(next.length)));
        if (!cites) continue;
        if (sep[1] === ',' || next !== 'Luật' || ++andLaw > 1) {
          stop = sep.index!;
          break;
        }
      }
      nameEnd = nameFrom + (stop < 0 ? rest.length : stop);
    } else if (known) {
      nameEnd = nameFrom + nameAfterType(known.name).length;
    } else {
      const rest = folded.slice(nameFrom, nameFrom + 120);
      const stop = lawEnd(rest, text.slice(nameFrom, nameFrom + 120));
      nameEnd = nameFrom + (stop < 0 ? Math.min(rest.length, 60) : stop);
      // A name cited with its year or date runs to it, "và", "về" and commas included ("Luật Tổ chức
      // Hội đồng nhân dân và Ủy ban nhân dân ngày …", "Pháp lệnh Phòng, chống lụt, bão năm 1993").
      if (dated !== null && dated > stop) nameEnd = nameFrom + dated;
      const first = text.slice(nameFrom).match(/^\S+/)?.[0] ?? '';
      if (!/^[\p{Lu}]/u.test(first) && !/^(tổ|sửa|ban|ngân|đầu|phòng|bảo|giao|an|xử|thi|đất|cán)\b/u.test(first)) continue;
      if (nameEnd - nameFrom < 3 || /^(nay|do|tren|so)\b/.test(rest)) continue;
    }
    // A known law read through OCR noise is named as the table names it.
    const exact = known && folded.slice(nameFrom, nameEnd) === nameAfterType(known.name);
    // A body's abbreviation inside the name is written out ("Luật Tổ chức HĐND và UBND"), as the law is named.
    const written = clean(text.slice(at, nameEnd));
    const name = known && !exact ? known.name : /\s\p{Lu}{2,}(?=\s|$)/u.test(written) ? expandAbbreviations(written).text : written;
    if (/^\s+s[o6]\s*:?\s*\d/.test(folded.slice(nameEnd, nameEnd + 12))) continue; // the number pass reads it
    let end = nameEnd;
    let issued: string | null = null;
    const after = folded.slice(nameEnd, nameEnd + 60);
    const y = after.match(/^\s+n[a-z]{1,2}m\s+(\d{4})/);
    const d = after.match(DATE_AFTER);
    if (d) {
      issued = dateFrom(d);
      end = nameEnd + d[0].length;
    } else if (y) {
      issued = y[1]!;
      end = nameEnd + y[0].length;
    }
    const type = /^bo/.test(m[1]!) ? 'Bộ luật' : /^phap/.test(m[1]!) ? 'Pháp lệnh' : 'Luật';
    out.push({
      number: null,
      type,
      name,
      issued,
      issuer: legalIssuer(type),
      subject: null,
      relation: 'dẫn chiếu',
      text: clean(text.slice(at, end)),
      prov: { start: base + at, end: base + end, page: null, section: null },
      subjectSpan: null,
      lawKey: `${type}|${fold(name)}`,
    });
  }
  return out;
}

/** The key a citation is deduplicated and scored by: its number, or type + name for laws. */
export function referenceKey(r: Pick<Reference, 'number' | 'type' | 'name'>): string {
  if (r.number) return numberIdentity(r.number);
  return `${r.type ?? ''}|${fold(r.name ?? '').replace(/\s+/g, ' ').trim()}`;
}

/** One record per cited document: the strongest relation, the first stated date/issuer/subject. */
export function dedupeReferences(mentions: (Reference & { issuerStated?: boolean })[]): Reference[] {
  const byKey = new Map<string, Reference[]>();
  for (const m of mentions) {
    const k = referenceKey(m);
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k)!.push(m);
  }
  const out: Reference[] = [];
  for (const group of byKey.values()) {
    // The strongest relation of the group (RELATIONS is in strength order).
    const best = [...group].sort((a, b) => RELATIONS.indexOf(a.relation) - RELATIONS.indexOf(b.relation))[0]!;
    const first = group[0]!;
    const richest = group.find((g) => g.issued) ?? first;
    out.push({
      // The full citation's spelling (the one with its date) when the number is written two ways.
      number: richest.number,
      type: group.find((g) => g.type && g.type !== 'Công văn')?.type ?? first.type,
      name: first.name,
      issued: richest.issued,
      // A stated issuer ("của Bộ Chính trị") beats one implied by the code (TW).
      issuer: (group as Mention[]).find((g) => g.issuerStated && g.issuer)?.issuer ?? group.find((g) => g.issuer)?.issuer ?? null,
      subject: group.find((g) => g.subject)?.subject ?? null,
      relation: best.relation,
      text: richest.text,
      prov: richest.prov,
    });
  }
  return out.sort((a, b) => a.prov.start - b.prov.start);
}

/** Citations of a text, deduplicated; `repairs`, when given, receives each cited number's repairs. */
export function findReferences(text: string, ctx: ReferenceContext = {}, base = 0, repairs?: Repair[]): Reference[] {
  const mentions = findReferenceMentions(text, ctx, base);
  for (const m of mentions) repairs?.push(...(m.repairs ?? []));
  return dedupeReferences(mentions.map(({ subjectSpan, lawKey, repairs: _, ...r }) => r));
}

