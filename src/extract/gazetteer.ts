/**
 * The reviewed tables in data/gazetteer/, read once. TSV with a header line; "#" lines are notes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataPath } from '../lib/root.ts';
import { fold } from './text.ts';

const DIR = dataPath('gazetteer');

function readTsv(name: string): Record<string, string>[] {
  const lines = readFileSync(join(DIR, name), 'utf8').split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#'));
  const head = lines.shift()!.split('\t');
  return lines.map((l) => {
    const cells = l.split('\t');
    const row: Record<string, string> = {};
    head.forEach((h, i) => (row[h] = (cells[i] ?? '').trim()));
    return row;
  });
}

const list = (s: string | undefined) => (s ? s.split('|').map((x) => x.trim()).filter(Boolean) : []);

export interface Province {
  code: string;
  name: string;
  kind: 'tỉnh' | 'thành phố';
  validFrom: string | null;
  validTo: string | null;
  mergedInto: string | null;
  abbreviations: string[];
}

export interface CentralBody {
  name: string;
  kind: string;
  validFrom: string | null;
  validTo: string | null;
  successor: string | null;
  abbreviations: string[];
}

export interface AgencyAbbreviation {
  abbreviation: string;
  expansion: string;
  scope: 'province' | 'local' | 'central' | 'party';
  kind: string;
}

export interface CodeEntry {
  part: 'type' | 'issuer';
  canonical: string;
  meaning: string;
  impliedIssuer: string | null;
  ocr: string[];
}

export interface DocType {
  type: string;
  code: string | null;
  legal: boolean;
}

let cache: {
  provinces: Province[];
  central: CentralBody[];
  abbreviations: AgencyAbbreviation[];
  codes: CodeEntry[];
  types: DocType[];
  laws: string[];
  surnames: string[];
} | null = null;

export function gazetteer() {
  if (cache) return cache;
  cache = {
    provinces: readTsv('provinces.tsv').map((r) => ({
      code: r.code!,
      name: r.name!,
      kind: r.kind as Province['kind'],
      validFrom: r.valid_from || null,
      validTo: r.valid_to || null,
      mergedInto: r.merged_into || null,
      abbreviations: list(r.abbreviations),
    })),
    central: readTsv('central-bodies.tsv').map((r) => ({
      name: r.name!,
      kind: r.kind!,
      validFrom: r.valid_from || null,
      validTo: r.valid_to || null,
      successor: r.successor || null,
      abbreviations: list(r.abbreviations),
    })),
    abbreviations: readTsv('agency-abbreviations.tsv').map((r) => ({
      abbreviation: r.abbreviation!,
      expansion: r.expansion!,
      scope: r.scope as AgencyAbbreviation['scope'],
      kind: r.kind!,
    })),
    codes: readTsv('document-codes.tsv').map((r) => ({
      part: r.part as CodeEntry['part'],
      canonical: r.canonical!,
      meaning: r.meaning!,
      impliedIssuer: r.implied_issuer || null,
      ocr: list(r.ocr),
    })),
    types: readTsv('document-types.tsv').map((r) => ({ type: r.type!, code: r.code || null, legal: r.legal === '1' })),
    laws: readTsv('laws.tsv').map((r) => r.name!),
    surnames: readTsv('surnames.tsv').map((r) => r.surname!),
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
