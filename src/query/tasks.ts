/**
 * Who must do what by when: tasks with their lead and partner agencies, filtered by agency
 * (folded, abbreviations expanded; see agency.ts), role, due date and document.
 */
import type { Database } from 'better-sqlite3';
import type { TaskRole } from '../../schemas/document.ts';
import type { TaskRow, TasksOutput } from '../../schemas/query.ts';
import { documentFilter, filterEcho } from './options.ts';
import { fold } from '../normalize/index.ts';
import { agencyMatcher, agencyQuery, issuerForms } from './agency.ts';
import { all, allKept, runSqlite, type Q } from '../store/sql.ts';
import { SUMMARY_COLUMNS, documentsView, inIds, filterDocumentIdsQ, periodEnd, periodStart, summaryFromRow, type DocumentFilter } from './common.ts';

export type { TaskRow };

export interface TasksOptions extends DocumentFilter {
  /** An agency name, as written, abbreviated or without diacritics. */
  agency?: string;
  /** With `agency`: the role it must have (default: either). */
  role?: TaskRole;
  /** Due strictly before the start of this period ("2025" → before 2025-01-01). */
  dueBefore?: string;
  /** Due on or after the start of this period. */
  dueFrom?: string;
  /** Tasks whose content contains these words (folded). */
  text?: string;
  limit?: number;
}

interface AgencyRow {
  task_id: number;
  role: TaskRole;
  agency: string;
  document_id: number;
}

export function tasks(db: Database, opts: TasksOptions = {}): TaskRow[] {
  return runSqlite(db, tasksQ(opts));
}

export function* tasksQ(opts: TasksOptions = {}): Q<TaskRow[]> {
  const ids = yield* filterDocumentIdsQ(opts, issuerForms);
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

  const agencySql = (taskFilter: string) =>
    `SELECT ta.task_id, ta.role, ta.agency, t.document_id FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id
     WHERE ${taskFilter} ORDER BY ta.task_id, ta.role, ta.ord`;
  const matchedBy = new Map<number, TaskRow['matched']>();
  if (opts.agency) {
    // With --agency the agencies decide which tasks to read at all. Names repeat across
    // thousands of tasks: match each distinct (name, province of its document) once, then read
    // only the rows that name a matching agency. The province completes names a provincial plan
    // leaves implicit ("Sở Tài chính" in a Vĩnh Long plan is that province's).
    const match = agencyMatcher(agencyQuery(opts.agency));
    const roleSql = opts.role ? ` AND ta.role = '${opts.role === 'partner' ? 'partner' : 'lead'}'` : '';
    const from = `FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id JOIN documents d ON d.id = t.document_id
      WHERE ${where.join(' AND ')}${roleSql}`;
    const pairs = (yield* allKept<{ agency: string; province: string | null }>(`SELECT DISTINCT ta.agency, d.province ${from}`, params)).map((r) => [r.agency, r.province] as const);
    const hits = pairs.filter(([agency, province]) => match(agency, { province }));
    if (!hits.length) return [];
    const hitKeys = new Set(hits.map(([agency, province]) => `${agency}\u0000${province ?? ''}`));
    const names = [...new Set(hits.map(([agency]) => agency))];
    for (let i = 0; i < names.length; i += 500) {
      const chunk = names.slice(i, i + 500);
      const rows = yield* all<{ task_id: number; role: TaskRole; agency: string; province: string | null }>(
        `SELECT ta.task_id, ta.role, ta.agency, d.province ${from} AND ta.agency IN (${chunk.map(() => '?').join(',')}) ORDER BY ta.task_id, ta.role, ta.ord`,
        [...params, ...chunk],
      );
      for (const { task_id: taskId, role, agency, province } of rows) {
        if (!hitKeys.has(`${agency}\u0000${province ?? ''}`)) continue;
        let list = matchedBy.get(taskId);
        if (!list) matchedBy.set(taskId, (list = []));
        list.push({ role, agency });
      }
    }
    if (!matchedBy.size) return [];
    where.push(`t.id IN (${[...matchedBy.keys()].join(',')})`);
  }

  const textFilter = opts.text?.trim() ? opts.text : null;
  const sqlLimit = opts.limit && !textFilter ? ` LIMIT ${Math.floor(opts.limit)}` : '';
  const rows = yield* all(
    `SELECT ${SUMMARY_COLUMNS}, t.id AS task_id, t.grp, t.content, t.date_from, t.due, t.recurrence, t.outputs, t.source, t.page
     FROM tasks t JOIN ${documentsView(opts.copies)} vd ON vd.document_id = t.document_id
     WHERE ${where.join(' AND ')}
     ORDER BY vd.issued IS NULL, vd.issued, t.document_id, t.ord${sqlLimit}`,
    params,
  );

  // Agencies of the tasks being returned.
  const agencies = new Map<number, { role: TaskRole; agency: string }[]>();
  const add = (a: AgencyRow) => {
    let list = agencies.get(a.task_id);
    if (!list) agencies.set(a.task_id, (list = []));
    list.push({ role: a.role, agency: a.agency });
  };
  const taskIds = rows.map((r) => r.task_id as number);
  for (let i = 0; i < taskIds.length; i += 5000) {
    for (const a of yield* all<AgencyRow>(agencySql(`t.id IN (${taskIds.slice(i, i + 5000).join(',')})`))) add(a);
  }

  const out: TaskRow[] = [];
  for (const r of rows) {
    if (textFilter && !containsText(r.content, textFilter)) continue;
    const list = agencies.get(r.task_id) ?? [];
    out.push({
      id: r.task_id,
      document: summaryFromRow(r),
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
      matched: matchedBy.get(r.task_id) ?? [],
    });
    if (opts.limit && out.length >= opts.limit) break;
  }
  return out;
}

function containsText(content: string, q: string): boolean {
  return fold(content).replace(/\s+/g, ' ').includes(fold(q).replace(/\s+/g, ' ').trim());
}

/** Tasks due within a period (inclusive), for "what falls due in 2025". */
function dueWithin(period: string): { dueFrom: string; dueBefore: string } {
  const end = periodEnd(period);
  const next = new Date(`${end}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return { dueFrom: periodStart(period), dueBefore: next.toISOString().slice(0, 10) };
}

/**
 * The tasks query of a command's or a page's options (checked by the caller), and how the
 * answer states it: --due-in as its bounds, the earlier of it and --due-before kept.
 */
export function tasksQuery(opts: Record<string, any>, limit?: number): { options: TasksOptions; echo: TasksOutput['query'] } {
  const within = opts.dueIn ? dueWithin(opts.dueIn) : null;
  const dueBefore: string | undefined = [opts.dueBefore, within?.dueBefore].filter(Boolean).sort()[0];
  return {
    options: { ...documentFilter(opts), agency: opts.agency, role: opts.role, dueBefore, dueFrom: within?.dueFrom, text: opts.text, limit },
    echo: { agency: opts.agency ?? null, role: opts.role ?? null, dueBefore: dueBefore ?? null, dueFrom: within?.dueFrom ?? null, text: opts.text ?? null, ...filterEcho(opts) },
  };
}
