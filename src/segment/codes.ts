/** Document-type names and số/ký hiệu codes, from data/codes/doc-types.json. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface DocTypeTable {
  types: { code: string; name: string }[];
  titleOnly: string[];
  mixedCaseIssuers: string[];
}

const table: DocTypeTable = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../data/codes/doc-types.json', import.meta.url)), 'utf8'),
);

/** Longest first, so "TTLT" is tried before "TT". */
export const DOC_TYPE_CODES: string[] = table.types.map((t) => t.code).sort((a, b) => b.length - a.length);

const byCode = new Map(table.types.map((t) => [t.code.toUpperCase(), t.name]));

/** "QĐ" → "Quyết định"; looks at the part of a number after the last "/" before the "-". */
export function typeFromNumber(number: string | null): string | null {
  if (!number) return null;
  const m = /\/([^/]+)$/.exec(number);
  if (!m) return null;
  const code = m[1].split('-')[0];
  return byCode.get(code.toUpperCase()) ?? null;
}

/** Every type name, for recognising title lines ("KẾ HOẠCH", "QUYẾT ĐỊNH", "PHỤ LỤC"…). */
export const DOC_TYPE_NAMES: string[] = [...new Set([...table.types.map((t) => t.name), ...table.titleOnly])].sort(
  (a, b) => b.length - a.length,
);

const mixedIssuers = new Map(table.mixedCaseIssuers.map((c) => [c.toUpperCase(), c]));

/** Issuer codes are upper case, except the few written otherwise ("TTg"). */
export function issuerCodeCase(code: string): string {
  return mixedIssuers.get(code.toUpperCase()) ?? code.toUpperCase();
}
