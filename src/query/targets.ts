/**
 * Quantitative targets ("Tối thiểu 80% hồ sơ TTHC được xử lý hoàn toàn trực tuyến" by 2025),
 * filtered by the year they fall due, their subject (folded words) and the document filters.
 */
import type { Database } from 'better-sqlite3';
import type { Comparator } from '../../schemas/document.ts';
import type { TargetRow } from '../../schemas/query.ts';
import { issuerForms } from './agency.ts';
import { all, runSqlite, type Q } from '../store/sql.ts';
import { QueryError, SUMMARY_COLUMNS, documentsView, containsWords, filterDocumentIdsQ, foldWords, inIds, summaryFromRow, type DocumentFilter } from './common.ts';

export type { TargetRow };

export interface TargetsOptions extends DocumentFilter {
  /** Deadline falls in this year. */
  year?: number | string;
  /** Words that must occur (adjacent, in order, folded) in the subject or the sentence. */
  subject?: string;
}

export function targets(db: Database, opts: TargetsOptions = {}): TargetRow[] {
  return runSqlite(db, targetsQ(opts));
}

export function* targetsQ(opts: TargetsOptions = {}): Q<TargetRow[]> {
  const ids = yield* filterDocumentIdsQ(opts, issuerForms);
  const where = [inIds('g.document_id', ids)];
  const params: unknown[] = [];
  if (opts.year !== undefined && opts.year !== '') {
    const y = String(opts.year).trim();
    if (!/^\d{4}$/.test(y)) throw new QueryError(`--year ${y}: give a four-digit year`);
    where.push('g.deadline >= ? AND g.deadline <= ?');
    params.push(`${y}-01-01`, `${y}-12-31`);
  }
  const rows = yield* all(
    `SELECT ${SUMMARY_COLUMNS}, g.id AS target_id, g.comparator, g.value, g.unit, g.subject, g.deadline, g.deadline_inferred, g.text, g.page
     FROM targets g JOIN ${documentsView(opts.copies)} vd ON vd.document_id = g.document_id
     WHERE ${where.join(' AND ')}
     ORDER BY g.deadline IS NULL, g.deadline, vd.issued, g.document_id, g.ord`,
    params,
  );
  const want = opts.subject ? foldWords(opts.subject) : null;
  return rows
    .filter((r) => !want || containsWords(foldWords(r.subject), want) || containsWords(foldWords(r.text), want))
    .map((r): TargetRow => ({
      id: r.target_id,
      document: summaryFromRow(r),
      comparator: r.comparator,
      value: r.value,
      unit: r.unit,
      subject: r.subject,
      deadline: r.deadline,
      deadlineInferred: r.deadline_inferred === 1,
      text: r.text,
      page: r.page,
    }));
}

const SIGN: Record<Comparator, string> = { '>=': '≥', '<=': '≤', '=': '=' };

/** The deadline as printed: "2025-12-31*" when it is the title's horizon, not stated. */
export function shownDeadline(t: Pick<TargetRow, 'deadline' | 'deadlineInferred'>): string | null {
  return t.deadline && t.deadlineInferred ? `${t.deadline}*` : t.deadline;
}

/** "≥ 80%", "= 2 tin, bài/tuần". */
export function formatTarget(t: Pick<TargetRow, 'comparator' | 'value' | 'unit'>): string {
  const unit = t.unit === '%' ? '%' : ` ${t.unit}`;
  return `${SIGN[t.comparator] ?? t.comparator} ${t.value}${unit}`;
}
