/**
 * One file may hold several documents (a công văn forwarding a decision that issues a plan;
 * a plan and its appendix). A new document starts at a header signal (quốc hiệu, "Số:", a type
 * title, "(Ban hành kèm theo …)") met after the previous document has closed (Nơi nhận,
 * signature, "./.").
 */
import { type Line, isUpper } from './lines.ts';
import { ATTACHED, AUTHORITY, CLOSING_MARK, NOI_NHAN, QUOC_HIEU, typeTitle } from './patterns.ts';
import { isSignerTitle } from './signature.ts';
import { isPersonName } from '../knowledge/persons.ts';

function startSignal(t: string): 'header' | 'attached' | null {
  if (QUOC_HIEU.test(t) || /^S[ốôo]\s*:/u.test(t) || typeTitle(t)) return 'header';
  if (ATTACHED.test(t) && t.startsWith('(')) return 'attached';
  return null;
}

function closes(t: string): boolean {
  return NOI_NHAN.test(t) || CLOSING_MARK.test(t) || AUTHORITY.test(t);
}

/** Index of the first line of every document. */
export function documentStarts(lines: Line[]): number[] {
  const starts = [0];
  let closed = false;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    if (!t) continue;
    if (closed) {
      const signal = startSignal(t);
      if (signal) {
        starts.push(backtrack(lines, i, signal));
        closed = false;
        continue;
      }
    }
    if (closes(t)) closed = true;
  }
  return starts;
}

/** Pull in the header lines above the signal (issuer lines, a title paragraph above "(Ban hành kèm theo…)"). */
function backtrack(lines: Line[], i: number, signal: 'header' | 'attached'): number {
  let start = i;
  let taken = 0;
  for (let k = i - 1; k >= 0 && taken < 8; k--) {
    const t = lines[k].text;
    if (!t) continue;
    if (t.startsWith('-') || t.startsWith('+') || isPersonName(t) || AUTHORITY.test(t) || isSignerTitle(t) || NOI_NHAN.test(t)) break;
    if (CLOSING_MARK.test(t)) break;
    const headerish = isUpper(t) || QUOC_HIEU.test(t);
    if (!headerish && !(signal === 'attached' && taken === 0)) break;
    start = k;
    taken++;
  }
  return start;
}
