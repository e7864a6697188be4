/**
 * Số/ký hiệu ("45/2020/NĐ-CP", "05-CT/TU"): parsed and written canonically from the codes of
 * data/gazetteer/document-codes.tsv, and the body its codes name, for header numbers (segment)
 * and citations (extract) alike.
 */
import { fold } from './fold.ts';
import { gazetteer, type CodeEntry } from './gazetteer.ts';
import { canonicalAgency, type AgencyContext } from './agencies.ts';

let codeIndex: { type: Map<string, CodeEntry>; issuer: Map<string, CodeEntry>; typeKeys: string[]; identity: Map<CodeEntry, string> } | null = null;
/**
 * A code's lookup key: folded, except that Ư stays itself, since folding would make Party codes
 * such as "TƯ" (Trung ương, also written TW) into "TU" (Tỉnh ủy).
 */
function codeKey(s: string): string {
  return /[Ưư]/.test(s) ? fold(s.replace(/[Ưư]/g, '\u0001')) : fold(s);
}

function codes() {
  if (codeIndex) return codeIndex;
  const type = new Map<string, CodeEntry>();
  const issuer = new Map<string, CodeEntry>();
  for (const c of gazetteer().codes) {
    const m = c.part === 'type' ? type : issuer;
    for (const k of [codeKey(c.canonical), ...c.ocr.map((o) => codeKey(o))]) if (!m.has(k)) m.set(k, c);
  }
  const typeKeys = [...type.keys()].sort((a, b) => b.length - a.length);
  // Each code's identity: the first code of its part that names the same body (numberIdentity).
  const first = new Map<string, string>();
  const identity = new Map<CodeEntry, string>();
  for (const c of gazetteer().codes) {
    const k = `${c.part}|${c.meaning}`;
    if (!first.has(k)) first.set(k, c.canonical);
    if (c.meaning) identity.set(c, first.get(k)!);
  }
  codeIndex = { type, issuer, typeKeys, identity };
  return codeIndex;
}

function canonicalSegment(seg: string, part: 'type' | 'issuer'): string {
  const idx = codes();
  const k = codeKey(seg);
  const hit = (part === 'type' ? idx.type : idx.issuer).get(k) ?? (part === 'issuer' ? idx.type.get(k) : idx.issuer.get(k));
  if (hit) return hit.canonical;
  // A legislature's term number stays: "QH15", "UBTVQH14".
  const term = seg.match(/^(.*?[A-Za-zĐđ])(\d{1,2})$/);
  if (term) {
    const t = idx.issuer.get(codeKey(term[1]!));
    if (t) return t.canonical + term[2];
  }
  // Unknown unit codes ("KGVX", "STTTT") keep their letters; OCR lower case is raised.
  return /[a-zđ]/.test(seg) && !/[A-ZĐ]/.test(seg.slice(1)) ? seg.toUpperCase() : seg;
}

/** Split a code that lost its hyphen: "QĐUBND" → ["QĐ", "UBND"], "NĐCP" → ["NĐ", "CP"]. */
function splitJoinedCode(seg: string): string[] {
  const idx = codes();
  const k = codeKey(seg);
  if (idx.type.has(k) || idx.issuer.has(k)) return [seg];
  for (const t of idx.typeKeys) {
    if (t.length >= k.length || !k.startsWith(t)) continue;
    const rest = seg.slice(t.length);
    if (idx.issuer.has(fold(rest)) || (rest.length >= 2 && /^[A-ZĐ]/.test(rest))) return [seg.slice(0, t.length), rest];
  }
  return [seg];
}

/**
 * A number as one key for every spelling of its codes: a code segment becomes the first code of
 * document-codes.tsv that names the same body, so "13-NQ/TƯ" and "13-NQ/TW" (Trung ương either
 * way) are one document, while "13-NQ/TU" (Tỉnh ủy) stays another.
 */
export function numberIdentity(number: string): string {
  const idx = codes();
  return number.replace(/[^\s\-/]+/g, (seg) => {
    const k = codeKey(seg);
    const hit = idx.issuer.get(k) ?? idx.type.get(k);
    return (hit && idx.identity.get(hit)) ?? seg;
  });
}

export interface ParsedNumber {
  number: string; // canonical
  serial: string;
  year: string | null;
  typeCode: string | null;
  issuerCodes: string[];
  party: boolean;
}

/** Parse a số/ký hiệu; null when it is not one. */
export function parseNumber(raw: string): ParsedNumber | null {
  const s = raw.replace(/\s*([/\-–])\s*/g, '$1').replace(/–/g, '-').replace(/[.,;:)]+$/, '').trim();
  // Party documents: "05-CT/TU", "52-NQ/TW".
  // The Youth Union adds the issuing department: "38-HD/TĐTN-TNNT".
  let m = s.match(/^(\d{1,5})-([A-Za-zĐđ]{1,5})\/([A-Za-zĐđƯư][A-Za-zĐđƯư0-9]*(?:-[A-Za-zĐđƯư][A-Za-zĐđƯư0-9]*)*)$/u);
  if (m) {
    const type = canonicalSegment(m[2]!, 'type');
    const iss = m[3]!.split('-').map((seg) => canonicalSegment(seg, 'issuer'));
    return { number: `${m[1]}-${type}/${iss.join('-')}`, serial: m[1]!, year: null, typeCode: type, issuerCodes: iss, party: true };
  }
  m = s.match(/^(\d{1,6}[a-z]?)(?:\/(\d{4}))?\/([A-Za-zĐđ][A-Za-zĐđ0-9&]*(?:-[A-Za-zĐđ0-9&]+)*)$/u);
  if (!m) return null;
  let segs = m[3]!.split('-').filter(Boolean);
  if (segs.length === 1) segs = splitJoinedCode(segs[0]!);
  const idx = codes();
  const first = segs[0]!;
  const hasType = segs.length > 1 ? idx.type.has(codeKey(first)) || !idx.issuer.has(codeKey(first)) : idx.type.has(codeKey(first)) && !idx.issuer.has(codeKey(first));
  const canon = segs.map((seg, i) => canonicalSegment(seg, i === 0 && hasType ? 'type' : 'issuer'));
  const typeCode = hasType ? canon[0]! : null;
  return {
    number: `${m[1]}${m[2] ? '/' + m[2] : ''}/${canon.join('-')}`,
    serial: m[1]!,
    year: m[2] ?? null,
    typeCode,
    issuerCodes: hasType ? canon.slice(1) : canon,
    party: false,
  };
}

/**
 * Canonical số/ký hiệu: "45/2020/ND-CP" → "45/2020/NĐ-CP", "1961/QĐUBND" → "1961/QĐ-UBND"; null
 * when it is not one. `digitSerial`: null too when the serial is not all digits, as for a
 * header's own number, where "3h /KH-UBND" is OCR damage and a wrong number is worse than none
 * (a citation's "12a/…" is a real serial).
 */
export function canonicalNumber(s: string, { digitSerial = false }: { digitSerial?: boolean } = {}): string | null {
  const p = parseNumber(s);
  return p && (!digitSerial || /^\d+$/.test(p.serial)) ? p.number : null;
}

/** The document type a code names ("NĐ" → "Nghị định"). */
export function typeFromCode(typeCode: string | null): string | null {
  if (!typeCode) return null;
  const hit = codes().type.get(codeKey(typeCode));
  return hit?.meaning ?? null;
}

/** The issuer code entry for a code as written ("TTg", "ubnd"), if the table knows it. */
export function issuerCode(code: string): CodeEntry | undefined {
  return codes().issuer.get(codeKey(code));
}

/** The body a number's codes imply: CP → Chính phủ, TTg → Thủ tướng Chính phủ, UBND → + province. */
export function issuerFromNumber(p: ParsedNumber, ctx: AgencyContext = {}): string | null {
  // The first code after the type is the issuing body; the rest name its unit ("1552/BKHĐT-KTĐN",
  // "7260/VP-KGVX") or, for joint circulars, the co-issuers ("TTLT-BTC-BTTTT").
  const code = p.issuerCodes[0];
  if (!code) return null;
  const first = bodyOfCode(code, ctx);
  // A joint document ("TTLT-BYT-BNV") is issued by every body its codes name: "Bộ Y tế và Bộ Nội vụ".
  if (first && p.typeCode && /liên tịch/u.test(codes().type.get(codeKey(p.typeCode))?.meaning ?? '')) {
    const all = p.issuerCodes.map((c) => bodyOfCode(c, ctx));
    if (all.length > 1 && all.every((b) => b)) return all.join(' và ');
  }
  return first;
}

function bodyOfCode(code: string, ctx: AgencyContext): string | null {
  const hit = issuerCode(code) ?? issuerCode(code.replace(/\d+$/, ''));
  if (hit?.impliedIssuer) {
    if (hit.canonical === 'TU') return ctx.province ? `Tỉnh ủy ${ctx.province}` : 'Tỉnh ủy';
    return canonicalAgency(hit.impliedIssuer, ctx).canonical;
  }
  const c = canonicalAgency(code, ctx);
  return c.canonical !== code ? c.canonical : null;
}
