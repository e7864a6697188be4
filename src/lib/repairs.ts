/**
 * Repairs as messages. Every rule that changes the text or a value from what the page shows
 * (a hyphen put back in a number, "IL." read as "II.", "ND" made "NĐ", a word restored) says so
 * with a positioned info message (after vfile), so an archivist can see why a value differs
 * from the page: `vanban show` lists them.
 */
import type { Message, Page } from '../../schemas/document.ts';

/** One repair: the span of the text it concerns, and what was read there → what it was taken as. */
export interface Repair {
  rule: string;
  start: number;
  end: number;
  before: string;
  after: string;
  /** Why, when the rule id alone does not say it. */
  note?: string;
}

/** The page holding an offset, when pages are known. */
export function pageAt(pages: readonly Page[], offset: number): number | null {
  return pages.find((p) => p.start <= offset && offset < p.end)?.page ?? null;
}

/** The info message for a repair, on the page holding its start. */
export function repairMessage(stage: string, r: Repair, pages: readonly Page[] = []): Message {
  const page = pageAt(pages, r.start);
  return {
    stage,
    ruleId: r.rule,
    reason: `'${r.before}' read as '${r.after}'${r.note ? ` (${r.note})` : ''}`,
    severity: 'info',
    start: r.start,
    end: r.end,
    page,
  };
}
