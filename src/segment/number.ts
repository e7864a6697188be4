/**
 * Số/ký hiệu: canonical form of a document number. "45/2020/ND-CP" → "45/2020/NĐ-CP",
 * "1961/QĐUBND" → "1961/QĐ-UBND", "468/Qb-TTg" → "468/QĐ-TTg", "05-CT/TU" kept.
 * Type codes are read from data/codes/doc-types.json, so new codes need no code change.
 */
import { DOC_TYPE_CODES, issuerCodeCase } from './codes.ts';

// OCR and ASCII-typing variants of Đ inside codes.
const D_VARIANTS: [RegExp, string][] = [
  [/^(Q|N|H|Đ)b(?=[A-ZĐ-]|$)/, '$1Đ'],
  [/^QD(?=[A-Z-]|$)/, 'QĐ'],
  [/^ND(?=[A-Z-]|$)/, 'NĐ'],
  [/^HD(?=ND|[-]|$)/, 'HĐ'],
  [/^HDND$/, 'HĐND'],
  [/^DA(?=[-]|$)/, 'ĐA'],
];

function fixSegment(seg: string): string {
  let s = seg.replace(/đ/g, 'Đ').replace(/[Ðð]/g, 'Đ');
  for (const [re, to] of D_VARIANTS) s = s.replace(re, to);
  // issuer parts: HDND → HĐND anywhere
  s = s.replace(/HDND/g, 'HĐND');
  return s;
}

/** Insert the hyphen a text layer lost between a type code and the issuer code. */
function splitGlued(seg: string): string {
  if (seg.includes('-')) return seg;
  for (const code of DOC_TYPE_CODES) {
    if (seg.length > code.length && seg.startsWith(code) && /^[A-ZĐ]/.test(seg.slice(code.length))) {
      return `${code}-${seg.slice(code.length)}`;
    }
  }
  return seg;
}

export const NUMBER_RE = /\d{1,6}(?:\/\d{4})?\/[A-Za-zĐđÐð&]+(?:[-–][A-Za-zĐđÐð&]+)*|\d{1,6}-[A-Za-zĐđ]+\/[A-Za-zĐđ]+/u;

/** Canonical number, or null when the digits are missing or unreadable ("3h /KH-UBND"). */
export function canonicalNumber(raw: string): string | null {
  const s = raw.replace(/\s+/g, '').replace(/[–—]/g, '-').replace(/[.,;:]+$/, '');
  const m = /^(\d+)((?:\/\d{4})?)\/(.+)$/.exec(s);
  if (m) {
    const parts = m[3].split('/').map((p) => p.split('-').map(fixSegment).join('-')).map(splitGlued);
    // type code keeps its own case ("TTr"); issuer codes are upper case
    const code = parts.join('/').replace(/^([A-ZĐa-zđ]+)-(.+)$/u, (_, a: string, b: string) => `${fixCase(a)}-${b.split(/([-/])/).map((p) => (/^[-/]$/.test(p) ? p : issuerCodeCase(p))).join('')}`);
    return `${m[1]}${m[2]}/${code}`;
  }
  const party = /^(\d+)-([A-Za-zĐđ]+)\/([A-Za-zĐđ]+)$/.exec(s); // 05-CT/TU, 52-NQ/TW
  if (party) return `${party[1]}-${fixSegment(party[2].toUpperCase())}/${fixSegment(party[3].toUpperCase())}`;
  return null;
}

// "TTr" and "QyĐ" keep their lowercase letters; everything else is uppercase.
function fixCase(code: string): string {
  const known = DOC_TYPE_CODES.find((c) => c.toUpperCase() === code.toUpperCase());
  return known ?? code.toUpperCase();
}
