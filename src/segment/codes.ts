/**
 * Document-type names and số/ký hiệu codes, read from the gazetteer (data/gazetteer/), the one
 * table of them: number parsing (and canonicalNumber) is src/knowledge/numbers.ts, shared with extract.
 */
import { fold } from '../knowledge/fold.ts';
import { gazetteer } from '../knowledge/gazetteer.ts';
import { parseNumber, typeFromCode } from '../knowledge/numbers.ts';

/** "…/QĐ-UBND" → "Quyết định". */
export function typeFromNumber(number: string | null): string | null {
  return number ? typeFromCode(parseNumber(number)?.typeCode ?? null) : null;
}

/** Every type name, for recognising title lines ("KẾ HOẠCH", "QUYẾT ĐỊNH", "PHỤ LỤC"…). */
export const DOC_TYPE_NAMES: string[] = [...new Set(gazetteer().types.map((t) => t.type).filter((t) => t !== 'Văn bản'))].sort(
  (a, b) => b.length - a.length,
);

export const TYPE_TITLES = new Map(DOC_TYPE_NAMES.map((n) => [fold(n), n]));
