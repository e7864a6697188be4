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
import { issuerFromNumber, parseNumber, typeFromCode, type ParsedNumber } from '../knowledge/numbers.ts';
import { clean, fold, isoDate } from './text.ts';

export type Relation = Reference['relation'];


export interface ReferenceContext {
  /** Province the citing document belongs to: completes "UBND", "STTTT" issuers. */
  province?: string | null;
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

// OCR and retyping put spaces around a hyphen ("NĐ- CP"): a spaced segment must be a whole
// capitalised code, so "NĐ-CP - Chính phủ" does not swallow the next word.
const NUMBER_SRC =
  '(?<![\\p{L}\\d/])(\\d{1,5}-[A-Za-zĐđ]{1,5}\\/[A-Za-zĐđ][A-Za-zĐđ0-9]*|\\d{1,6}[a-z]?(?:\\/\\d{4})?\\/[A-Za-zĐđ][A-Za-zĐđ0-9&]*(?:-[A-Za-zĐđ0-9&]+|[ ]?[-–][ ]?[A-ZĐ][A-Za-zĐđ0-9&]*(?![\\p{L}\\d]))*)';

/** "ngày 08 tháng 4 năm 2020", "ngày 08/4/2020", OCR "ngay 27 thang 3 ndm 2021". Folded text. */
const DATE_AFTER = /^[\s,]*(?:ban hanh\s+)?ng[a-z]{1,2}y\s*:?\s*(\d{1,2})\s*(?:th[a-z]{2,4}g|[/.\-])\s*(\d{1,2})\s*(?:n[a-z]{1,2}m|[/.\-])\s*(\d{4})/;
const OF_AFTER = /^[\s,]*(?:cua|cia|cta|clia|ctia|coa|cda|cla|cila|cuia)\s+/;
/** Words that end the stated issuer: the verb or preposition that starts the subject. */
const ISSUER_STOP =
  /\s(?:ve|v[eé]|quy dinh|phe duyet|ban hanh|huong dan|sua doi|bo sung|thanh lap|trien khai|thuc hien|tai|theo|da|nhu|ngay|trong|giao|de|nham|va|phe|ph[a-z]? duy[a-z]*t|stra|str[a-z]|sira|sua|v[a-z]&|v[eé]&)\b|[;,.:()]|\n\s*\n/;

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
      if ((!prevLine.trim() && !/^\s*\p{Ll}/u.test(text.slice(i, i + 10))) || /[;:.]\s*\**\s*$/.test(prevLine) || /^\s*[-+•*#]|^\s*\*?(Căn cứ|Thực hiện|Theo|Xét)\b/u.test(text.slice(i, i + 30))) return i;
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
  if (nested) return 'dẫn chiếu';
  if (/^(?:c[a-z]n c[a-z]{1,2}|can cu)\b/.test(sentence) && !/\b(?:theo quy dinh|phoi hop|tham muu|de (?:thuc hien|trien khai))\b/.test(sentence))
    return 'căn cứ';
  if (attachedMarker || /kem theo\s*$/.test(before)) return 'ban hành kèm theo';
  if (nested) return 'dẫn chiếu';
  if (/^(?:thuc hien|th[a-z]{1,3} h[a-z]{1,3}n|trien khai)\b/.test(sentence)) return 'thực hiện';
  if (/\b(?:thuc hien|trien khai|thi hanh)\s*$/.test(before) || /^v\/v\s+(?:thuc hien|trien khai)/.test(sentence)) return 'thực hiện';
  if (/\bsua doi,?\s*(?:bo sung\s*)?(?:mot so dieu\s*)?(?:cua\s*)?$/.test(before)) return 'sửa đổi';
  if (/\bnhan duoc\s*$/.test(before)) return 'forwards';
  return 'dẫn chiếu';
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
    const known = knownNameAt(folded, pos + title);
    const skip = known ? title + known : 0;
    let rest = folded.slice(pos + skip, pos + skip + 160);
    // A province name is part of the issuer even when it reads like a stop word ("Đà Nẵng", "Bình Định").
    const prov = rest.match(/^[^;.()\n]{0,60}?\b(?:tinh|thanh pho|tp\.?)\s+/);
    let protect = 0;
    if (prov) {
      const p = provinceAt(rest, prov[0].length);
      if (p) protect = prov[0].length + p.length;
    }
    const stopRel = rest.slice(protect).search(ISSUER_STOP);
    const stop = stopRel < 0 ? -1 : protect + stopRel;
    rest = folded.slice(pos + skip, pos + skip + 160);
    let len = skip + (stop < 0 ? Math.min(rest.length, 80) : stop);
    // "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ" has a comma inside the title.
    if (!known && /^bo truong,\s*chu nhiem/.test(rest)) {
      const s2 = rest.slice(22).search(ISSUER_STOP);
      len = s2 < 0 ? Math.min(rest.length, 80) : 22 + s2;
    }
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
  if (!issuer && parsed) issuer = issuerFromNumber(parsed, ctx);
  // Subject: "về …", or the verb phrase after the issuer, up to the end of the clause.
  let subject: string | null = null;
  let subjectSpan: [number, number] | null = null;
  const rest = text.slice(pos, pos + 600);
  const sm = folded.slice(pos, pos + 600).match(/^\s*(?:ve\s+|v[eé]&?\s+)?/u);
  const sStart = pos + (sm?.[0].length ?? 0);
  const tail = text.slice(sStart, sStart + 600);
  // A blank line inside a sentence is a page break when the next line goes on in lower case.
  const stopAt = tail.search(/;|\.\s|\.$|\n\s*\n(?!\s*\p{Ll})|\(đính kèm|\)|:\s*$/u);
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
      const lm = back.match(/(?:^|[^a-z])((?:bo )?lu[a-z]{1,2}t)\s+([^;:()\n]{3,140}?)\s+s[o6]\s*:?\s*$/);
      if (lm) {
        const lawStart = at - back.length + lm.index! + lm[0].indexOf(lm[1]!);
        if (/^[LB]/.test(text[lawStart] ?? '')) {
          type = /^bo/.test(lm[1]!) ? 'Bộ luật' : 'Luật';
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
  return out;
}

let lawNames: { key: string; name: string }[] | null = null;
function laws() {
  return (lawNames ??= gazetteer()
    .laws.map((name) => ({ key: fold(name), name }))
    .sort((a, b) => b.key.length - a.key.length));
}

const LAW_END = /\s+(?:nam\s+\d{4}|ngay\s+\d|so\s+\d)|[;,.:()\n]|\s(?:va|theo|cua|ve|trong|tai|de|duoc|thi|nay|do|hien hanh|va cac)\s/;

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
  const re = /(?<![a-z])(bo lu[a-z]{1,2}t|lu[aeđd]{1,2}t)\s+/g;
  for (const m of folded.matchAll(re)) {
    const at = m.index!;
    if (!/^[LB]/.test(text[at]!)) continue; // a law's name is capitalised; "pháp luật" is not
    const nameFrom = at + m[0].length;
    // Followed by a number: the number pass has it.
    if (/^s[o6]\s*\d|^\d/.test(folded.slice(nameFrom, nameFrom + 6))) continue;
    let nameEnd: number;
    const known = laws().find((l) => {
      const k = fold(l.name).replace(/^(bo )?luat /, '');
      if (/[a-z0-9]/.test(folded[nameFrom + k.length] ?? ' ')) return false;
      const cand = folded.slice(nameFrom, nameFrom + k.length);
      // OCR text misreads a letter or two ("Ludt Phé bién"): allow one edit per ten letters.
      return cand === k || (k.length >= 10 && cand[0] === k[0] && editDistance(cand, k) <= Math.floor(k.length / 10));
    });
    if (/^sua doi/.test(folded.slice(nameFrom))) {
      // "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B": up to the date or clause end.
      const rest = folded.slice(nameFrom, nameFrom + 300);
      const stop = rest.search(/\s+(?:nam\s+\d{4}|ngay\s+\d|so\s+\d)|[;.:()\n]/);
      nameEnd = nameFrom + (stop < 0 ? rest.length : stop);
    } else if (known) {
      nameEnd = nameFrom + fold(known.name).replace(/^(bo )?luat /, '').length;
    } else {
      const rest = folded.slice(nameFrom, nameFrom + 120);
      const stop = rest.search(LAW_END);
      nameEnd = nameFrom + (stop < 0 ? Math.min(rest.length, 60) : stop);
      const first = text.slice(nameFrom).match(/^\S+/)?.[0] ?? '';
      if (!/^[\p{Lu}]/u.test(first) && !/^(tổ|sửa|ban|ngân|đầu|phòng|bảo|giao|an|xử|thi|đất|cán)\b/u.test(first)) continue;
      if (nameEnd - nameFrom < 3 || /^(nay|do|tren|so)\b/.test(rest)) continue;
    }
    // A known law read through OCR noise is named as the table names it.
    const exact = known && folded.slice(nameFrom, nameEnd) === fold(known.name).replace(/^(bo )?luat /, '');
    const name = known && !exact ? known.name : clean(text.slice(at, nameEnd));
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
    const type = /^bo/.test(m[1]!) ? 'Bộ luật' : 'Luật';
    out.push({
      number: null,
      type,
      name,
      issued,
      issuer: 'Quốc hội',
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
  if (r.number) return r.number;
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
      number: first.number,
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

