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

/** The info message for a repair; the page is the one holding the repair's start, when pages are known. */
export function repairMessage(stage: string, r: Repair, pages: readonly Page[] = []): Message {
  const page = pages.find((p) => p.start <= r.start && r.start < p.end)?.page ?? null;
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
