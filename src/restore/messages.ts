/**
 * What restoration changed, as positioned info messages. A code letter made Đ and a ¢ read as
 * c get one message each (few per file). Restored words can number hundreds on an OCR'd page,
 * and `restored_tokens` already keeps each with its span and confidence (`vanban show` lists
 * them), so words get one message per page: how many, the lowest confidence, a few examples.
 */
import type { Message, Page, RestoredToken } from '../../schemas/document.ts';
import { pageAt } from '../lib/pages.ts';
import { repairMessage } from '../lib/repairs.ts';
import type { RestoreRule } from './decode.ts';

/** Examples shown in a page's summary message. */
const EXAMPLES = 3;

/** Messages for restored tokens (offsets into the restored text) and the rule behind each. */
export function restoreMessages(tokens: readonly RestoredToken[], rules: readonly RestoreRule[], pages: readonly Page[]): Message[] {
  const out: Message[] = [];
  const words = new Map<number | null, RestoredToken[]>(); // page → its restored words
  tokens.forEach((t, i) => {
    const rule = rules[i] ?? 'word-restored';
    if (rule !== 'word-restored') {
      out.push(repairMessage('restore', { rule, start: t.start, end: t.end, before: t.original, after: t.restored }, pages));
      return;
    }
    const page = pageAt(pages, t.start);
    (words.get(page) ?? words.set(page, []).get(page)!).push(t);
  });
  for (const [page, list] of words) {
    const seen = new Set<string>();
    const examples: string[] = [];
    for (const t of list) {
      const e = `'${t.original}' → '${t.restored}'`;
      if (examples.length < EXAMPLES && !seen.has(e)) examples.push(e);
      seen.add(e);
    }
    const low = Math.min(...list.map((t) => t.confidence));
    out.push({
      stage: 'restore',
      ruleId: 'word-restored',
      reason: `${list.length} word(s) restored${page !== null ? ` on page ${page}` : ''} (lowest confidence ${low}): ${examples.join(', ')}${seen.size > examples.length ? ', …' : ''}`,
      severity: 'info',
      start: list[0]!.start,
      end: list[list.length - 1]!.end,
      page,
    });
  }
  return out.sort((a, b) => a.start! - b.start!);
}
