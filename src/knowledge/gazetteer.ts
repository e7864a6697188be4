/**
 * The reviewed tables in data/gazetteer/, read once and parsed row by row (a bad row names its file and line).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { dataPath } from '../lib/root.ts';
import { escapeRegExp } from '../lib/strings.ts';
import { fold } from './fold.ts';
import { readTable } from './table.ts';

const DIR = dataPath('gazetteer');

const list = z.string().transform((s) => (s ? s.split('|').map((x) => x.trim()).filter(Boolean) : []));
const optional = z.string().transform((s) => s || null);
const isoDate = z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'not an ISO date')]).transform((s) => s || null);
const required = z.string().min(1, 'empty');

export const ProvinceRow = z
  .object({ code: required, name: required, kind: z.enum(['tỉnh', 'thành phố']), valid_from: isoDate, valid_to: isoDate, merged_into: optional, abbreviations: list })
  .transform((r) => ({ code: r.code, name: r.name, kind: r.kind, validFrom: r.valid_from, validTo: r.valid_to, mergedInto: r.merged_into, abbreviations: r.abbreviations }));
export type Province = z.infer<typeof ProvinceRow>;

export const CentralBodyRow = z
  .object({ name: required, kind: required, valid_from: isoDate, valid_to: isoDate, successor: optional, abbreviations: list })
  .transform((r) => ({ name: r.name, kind: r.kind, validFrom: r.valid_from, validTo: r.valid_to, successor: r.successor, abbreviations: r.abbreviations }));
export type CentralBody = z.infer<typeof CentralBodyRow>;

/**
 * form: "body" names a body ("UBND"); "field" is only the field inside a body's name ("TT&TT" in
 * "Sở TT&TT"); "place" is a locality word ("TP." = thành phố). Only bodies carry scope and kind.
 */
export const AbbreviationRow = z.object({
  abbreviation: required,
  expansion: required,
  form: z.enum(['body', 'field', 'place']),
  scope: z.union([z.literal(''), z.enum(['province', 'local', 'central', 'party'])]),
  kind: z.string(),
});
export type AgencyAbbreviation = z.infer<typeof AbbreviationRow>;

export const CodeRow = z
  .object({ part: z.enum(['type', 'issuer']), canonical: required, meaning: z.string(), implied_issuer: optional, ocr: list })
  .transform((r) => ({ part: r.part, canonical: r.canonical, meaning: r.meaning, impliedIssuer: r.implied_issuer, ocr: r.ocr }));
export type CodeEntry = z.infer<typeof CodeRow>;

export const DocTypeRow = z
  .object({ type: required, code: optional, legal: z.enum(['', '0', '1']), issuer: optional })
  .transform((r) => ({ type: r.type, code: r.code, legal: r.legal === '1', issuer: r.issuer }));
export type DocType = z.infer<typeof DocTypeRow>;

const flag = z.enum(['0', '1'], { message: 'not 0 or 1' }).transform((s) => s === '1');

/** A word opening a body's name ("sở", "ủy ban nhân dân"): its kind, whether it is provincial, whether it is a naming kind word. */
export const BodyKindRow = z
  .object({ head: required, kind: optional, provincial: flag, naming: flag })
  .transform((r) => ({ head: r.head, key: fold(r.head), kind: r.kind, provincial: r.provincial, naming: r.naming }));
export type BodyKind = z.infer<typeof BodyKindRow>;

const tsv = <S extends z.ZodType>(name: string, row: S) => readTable(join(DIR, name), row);

let cache: {
  provinces: Province[];
  central: CentralBody[];
  abbreviations: AgencyAbbreviation[];
  codes: CodeEntry[];
  types: DocType[];
  bodies: BodyKind[];
  laws: string[];
  surnames: string[];
} | null = null;

export function gazetteer() {
  if (cache) return cache;
  cache = {
    provinces: tsv('provinces.tsv', ProvinceRow),
    central: tsv('central-bodies.tsv', CentralBodyRow),
    abbreviations: tsv('agency-abbreviations.tsv', AbbreviationRow),
    codes: tsv('document-codes.tsv', CodeRow),
    types: tsv('document-types.tsv', DocTypeRow),
    bodies: tsv('body-kinds.tsv', BodyKindRow),
    laws: tsv('laws.tsv', z.object({ name: required })).map((r) => r.name),
    surnames: tsv('surnames.tsv', z.object({ surname: required })).map((r) => r.surname),
  };
  return cache;
}

/** Provinces whose name was in use on `date` (ISO), or all of them when no date. */
export function provincesAt(date: string | null): Province[] {
  const all = gazetteer().provinces;
  if (!date) return all;
  return all.filter((p) => (!p.validFrom || p.validFrom <= date) && (!p.validTo || p.validTo >= date));
}

/** Province by name, folded; matches "Thừa Thiên Huế"/"Thua Thien Hue" and "TP. Hồ Chí Minh". */
export function findProvince(name: string): Province | null {
  const k = fold(name).replace(/[^a-z0-9]/g, '');
  if (!k) return null;
  for (const p of gazetteer().provinces) {
    if (fold(p.name).replace(/[^a-z0-9]/g, '') === k) return p;
  }
  for (const p of gazetteer().provinces) {
    for (const a of p.abbreviations) if (a.length > 3 && fold(a).replace(/[^a-z0-9]/g, '') === k) return p;
  }
  return null;
}

/** The unit that holds a province's territory on `date` (follows the 2025 merger). */
export function provinceOn(name: string, date: string): Province | null {
  let p = findProvince(name);
  const seen = new Set<string>();
  while (p && p.validTo && p.validTo < date && p.mergedInto && !seen.has(p.name)) {
    seen.add(p.name);
    p = gazetteer().provinces.find((q) => q.name === p!.mergedInto && (!q.validTo || q.validTo >= date)) ?? null;
  }
  return p;
}

// ---- provinces named in running text ----


let provinceNames: { re: RegExp; province: Province }[] | null = null;
/**
 * Every name and longer written form of a province (what findProvince accepts), as a sticky
 * pattern over folded text. Its words may be joined by spaces, a hyphen or a dash, or nothing:
 * "Bà Rịa - Vũng Tàu", "Bà Rịa–Vũng Tàu", "Bà Rịa-Vũng Tàu" are one name. Longest first.
 */
function provinceNamePatterns() {
  if (provinceNames) return provinceNames;
  const forms: { key: string; province: Province }[] = [];
  for (const p of gazetteer().provinces) {
    forms.push({ key: fold(p.name), province: p });
    for (const a of p.abbreviations) if (a.length > 3) forms.push({ key: fold(a), province: p });
  }
  forms.sort((a, b) => b.key.replace(/[^a-z0-9]/g, '').length - a.key.replace(/[^a-z0-9]/g, '').length);
  return (provinceNames = forms.map(({ key, province }) => ({
    re: new RegExp(key.split(/[^a-z0-9]+/).filter(Boolean).map(escapeRegExp).join('[\\s.\\-–—]*') + '(?![a-z0-9])', 'y'),
    province,
  })));
}

/** The province whose name starts at `at` in folded text (a whole word), and how long it is written there. */
export function provinceAt(folded: string, at: number): { province: Province; length: number } | null {
  if (/[a-z0-9]/.test(folded[at - 1] ?? ' ')) return null;
  for (const { re, province } of provinceNamePatterns()) {
    re.lastIndex = at;
    const m = re.exec(folded);
    if (m) return { province, length: m[0].length };
  }
  return null;
}

/**
 * The province a text names most after a locality word ("trên địa bàn tỉnh Vĩnh Long", "UBND
 * thành phố Cần Thơ"): the seat of a document whose header does not say. First named wins a tie.
 */
export function mostNamedProvince(text: string): string | null {
  const folded = fold(text);
  const counts = new Map<string, number>();
  for (const m of folded.matchAll(/\b(?:tinh|thanh pho)\s+/g)) {
    const hit = provinceAt(folded, m.index! + m[0].length);
    if (hit) counts.set(hit.province.name, (counts.get(hit.province.name) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [k, v] of counts) if (!best || v > counts.get(best)!) best = k;
  return best;
}

// ---- document types named in running text ----

let typeNames: { type: DocType; re: string; at: RegExp }[] | null = null;
/**
 * Every document type's name as a folded pattern, longest first. OCR confuses i/j and drops
 * marks; folded patterns with i → [ij] read both. `re` is the source, for callers that build
 * a larger pattern around the type word ("Quyết định số" before a number).
 */
export function typeNamePatterns(): readonly { type: DocType; re: string; at: RegExp }[] {
  return (typeNames ??= gazetteer()
    .types.map((type) => {
      const re = fold(type.type).replace(/i/g, '[ij]').replace(/ /g, '\\s+');
      return { type, re, at: new RegExp(`${re}(?![a-z0-9])`, 'y') };
    })
    .sort((a, b) => b.re.length - a.re.length));
}

/** The document type whose name starts at `at` in `text` ("Quyết định số …", "QUYET DINH"), as a whole word. */
export function typeNamedAt(text: string, at = 0): string | null {
  const folded = fold(text.slice(at, at + 60));
  for (const t of typeNamePatterns()) {
    t.at.lastIndex = 0;
    if (t.at.test(folded)) return t.type.type;
  }
  return null;
}
