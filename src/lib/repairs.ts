/**
 * Repairs as messages. Every rule that changes the text or a value from what the page shows
 * (a hyphen put back in a number, "IL." read as "II.", "ND" made "NĐ", a word restored) says so
 * with a positioned info message (after vfile), so an archivist can see why a value differs
 * from the page: `vanban show` lists them.
 */
import type { Message, Page } from '../../schemas/document.ts';
import { pageAt } from './pages.ts';

/** The repair rules, each with the why its messages give. */
export const REPAIR_RULES = {
  'number-hyphen': 'the hyphen between the codes of a số/ký hiệu restored',
  'code-dj': 'the letter is Đ in this document code (typed as D, or B/P misread by OCR)',
  'code-case': 'the document code in its official case',
  'code-ocr': 'an OCR misreading of the code listed in data/gazetteer/document-codes.tsv',
  'roman-marker': 'OCR reads the I of a Roman numeral as l, L or 1',
  'point-dj': 'a second "d)" in a row is "đ)" without its stroke',
  'point-ocr': 'OCR reads the point letter c as ¢',
  'word-restored': 'diacritics restored or an OCR misreading corrected by the language model',
  'line-break-hyphen': 'a code or word broken after its hyphen at the printed line end, rejoined',
  'line-end-hyphenation': 'a word hyphenated at the printed line end, rejoined without the hyphen',
} as const;
export type RepairRule = keyof typeof REPAIR_RULES;

/** One repair: the span of the text it concerns, and what was read there → what it was taken as. */
export interface Repair {
  rule: RepairRule;
  start: number;
  end: number;
  before: string;
  after: string;
}

/** The info message for a repair, on the page holding its start. */
export function repairMessage(stage: string, r: Repair, pages: readonly Page[] = []): Message {
  return {
    stage,
    ruleId: r.rule,
    reason: `'${r.before}' read as '${r.after}' (${REPAIR_RULES[r.rule]})`,
    severity: 'info',
    start: r.start,
    end: r.end,
    page: pageAt(pages, r.start),
  };
}
