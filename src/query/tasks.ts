/**
 * Who must do what by when: tasks with their lead and partner agencies, filtered by agency
 * (folded, abbreviations expanded; see agency.ts), role, due date and document.
 */
import type { Database } from 'better-sqlite3';
import { fold } from '../normalize/index.ts';
import { agencyMatcher, agencyQuery, issuerForms } from './agency.ts';
import { SUMMARY_COLUMNS, inIds, filterDocumentIds, periodEnd, periodStart, summaryFromRow, type DocumentFilter, type DocumentSummary } from './common.ts';

export type Role = 'lead' | 'partner';

export interface TaskRow {
  id: number;
  document: DocumentSummary;
  /** Group label of the plan table ("I", "II.1") or null. */
  group: string | null;
  content: string;
  lead: string[];
  partners: string[];
  start: string | null;
  due: string | null;
  recurrence: string | null;
  outputs: string | null;
  source: string;
  page: number | null;
  /** With --agency: the agencies that matched and in which role. */
  matched: { role: Role; agency: string }[];
}

export interface TasksOptions extends DocumentFilter {
  /** An agency name, as written, abbreviated or without diacritics. */
  agency?: string;
  /** With `agency`: the role it must have (default: either). */
  role?: Role;
  /** Due strictly before the start of this period ("2025" → before 2025-01-01). */
  dueBefore?: string;
  /** Due on or after the start of this period. */
  dueFrom?: string;
  /** Tasks whose content contains these words (folded). */
  text?: string;
  limit?: number;
}

export function tasks(db: Database, opts: TasksOptions = {}): TaskRow[] {
  const ids = filterDocumentIds(db, opts, issuerForms);
  const where = [inIds('t.document_id', ids)];
  const params: unknown[] = [];
  if (opts.dueBefore) {
    where.push('t.due IS NOT NULL AND t.due < ?');
    params.push(periodStart(opts.dueBefore));
  }
  if (opts.dueFrom) {
    where.push('t.due IS NOT NULL AND t.due >= ?');
    params.push(periodStart(opts.dueFrom));
  }
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS}, t.id AS task_id, t.grp, t.content, t.date_from, t.due, t.recurrence, t.outputs, t.source, t.page
       FROM tasks t JOIN v_documents vd ON vd.document_id = t.document_id
       WHERE ${where.join(' AND ')}
       ORDER BY vd.issued IS NULL, vd.issued, t.document_id, t.ord`,
    )
    .all(...params) as Record<string, any>[];
  if (!rows.length) return [];

  // Agencies of the selected tasks, in one pass.
  const agencies = new Map<number, { role: Role; agency: string }[]>();
  const agencyRows = db
    .prepare(
      `SELECT ta.task_id, ta.role, ta.agency FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id
       WHERE ${where.join(' AND ')} ORDER BY ta.task_id, ta.role, ta.ord`,
    )
    .all(...params) as { task_id: number; role: Role; agency: string }[];
  for (const a of agencyRows) {
    let list = agencies.get(a.task_id);
    if (!list) agencies.set(a.task_id, (list = []));
    list.push({ role: a.role, agency: a.agency });
  }

  const match = opts.agency ? agencyMatcher(agencyQuery(opts.agency)) : null;
  const textWords = opts.text ? (opts.text.trim() ? opts.text : null) : null;
  const out: TaskRow[] = [];
  for (const r of rows) {
    const doc = summaryFromRow(r);
    const list = agencies.get(r.task_id) ?? [];
    let matched: TaskRow['matched'] = [];
    if (match) {
      matched = list.filter((a) => (!opts.role || a.role === opts.role) && match(a.agency, { province: doc.province, date: doc.issued }));
      if (!matched.length) continue;
    }
    if (textWords && !containsText(r.content, textWords)) continue;
    out.push({
      id: r.task_id,
      document: doc,
      group: r.grp,
      content: r.content,
      lead: list.filter((a) => a.role === 'lead').map((a) => a.agency),
      partners: list.filter((a) => a.role === 'partner').map((a) => a.agency),
      start: r.date_from,
      due: r.due,
      recurrence: r.recurrence,
      outputs: r.outputs,
      source: r.source,
      page: r.page,
      matched,
    });
    if (opts.limit && out.length >= opts.limit) break;
  }
  return out;
}

function containsText(content: string, q: string): boolean {
  return fold(content).replace(/\s+/g, ' ').includes(fold(q).replace(/\s+/g, ' ').trim());
}

/** Tasks due within a period (inclusive), for "what falls due in 2025". */
export function dueWithin(period: string): { dueFrom: string; dueBefore: string } {
  const end = periodEnd(period);
  const next = new Date(`${end}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return { dueFrom: periodStart(period), dueBefore: next.toISOString().slice(0, 10) };
}
