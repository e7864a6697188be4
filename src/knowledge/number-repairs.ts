/**
 * What writing a số/ký hiệu canonically changed, rule by rule: the number as the page shows it
 * against its canonical form (src/knowledge/numbers.ts), aligned character by character.
 * Spacing around "/" and "-", an en dash for a hyphen and trailing punctuation are not repairs.
 */
import type { Repair, RepairRule } from '../lib/repairs.ts';

/**
 * The repairs that turned `raw` (as written at `start` in the text) into `canonical`, one per
 * rule; none when they differ only in spacing or dashes. A difference that is not a hyphen, a
 * letter made Đ or letter case is the code table's OCR reading, reported alone as 'code-ocr'.
 */
export function numberRepairs(raw: string, canonical: string, start: number): Repair[] {
  const a = raw.replace(/[\s.,;:)]+$/, '');
  const rules = new Set<RepairRule>();
  let i = 0;
  let j = 0;
  let ocr = false;
  while (i < a.length && j < canonical.length) {
    const ca = a[i]!;
    const cb = canonical[j]!;
    if (/\s/.test(ca)) i++;
    else if (ca === cb || (ca === '–' && cb === '-')) (i++, j++);
    else if (cb === '-') (rules.add('number-hyphen'), j++);
    else if (/[DdBbPp]/.test(ca) && (cb === 'Đ' || cb === 'đ')) (rules.add('code-dj'), i++, j++);
    else if (ca.toLowerCase() === cb.toLowerCase()) (rules.add('code-case'), i++, j++);
    else {
      ocr = true;
      break;
    }
  }
  if (!ocr && (a.slice(i).trim() || j < canonical.length)) ocr = true;
  const found: RepairRule[] = ocr ? ['code-ocr'] : [...rules];
  const before = a.trim();
  return found.map((rule) => ({ rule, start, end: start + a.length, before, after: canonical }));
}
