/**
 * The JSON answers of /api/*, the very shapes of the CLI's `--json` (schemas/query.ts), made by
 * the same query generators with the same checks, run by `runOn` on the archive of either engine
 * (SQLite synchronously; PostgreSQL one READ ONLY transaction per call). The pages render these
 * same answers.
 */
import { RELATIONS, TASK_ROLES } from '../../schemas/vocabulary.ts';
import type { CitesOutput, SearchOutput, ShowOutput, StatsOutput, TargetsOutput, TasksOutput, DocumentText } from '../../schemas/query.ts';
import { citesQ, documentTextQ, issuerForms, searchDocumentIdsQ, showQ, statsQ, targetsQ, tasksQ, tasksQuery } from '../query/index.ts';
import { dateOption, documentFilter, filterEcho, wordsOption } from '../query/options.ts';
import { fold } from '../normalize/index.ts';
import { runOn, type Archive } from '../store/archive.ts';
import { searchQ } from '../store/search.ts';
import { FILTER_PARAMS, HttpError, optionsOf } from './params.ts';

export const SEARCH_PARAMS = ['q', 'limit', ...FILTER_PARAMS] as const;
export const TASKS_PARAMS = ['agency', 'role', 'due-before', 'due-in', 'document', 'text', 'limit', ...FILTER_PARAMS] as const;
export const TARGETS_PARAMS = ['year', 'subject', 'document', ...FILTER_PARAMS] as const;
export const CITES_PARAMS = ['number', 'relation', ...FILTER_PARAMS] as const;

/** `--limit`'s check (a positive whole number), as a 400. */
function limitOf(v: string | undefined, fallback: number | undefined, max = 10_000): number | undefined {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new HttpError(400, `limit must be a whole number from 1 to ${max}, not "${v}"`);
  return n;
}

export interface SearchRequest {
  query: string;
  limit: number;
  opts: Record<string, any>;
}

export function searchRequest(params: URLSearchParams, defaultLimit = 20): SearchRequest {
  const opts = optionsOf(params, SEARCH_PARAMS);
  const query = String(opts.q ?? '');
  if (!query.trim()) throw new HttpError(400, 'q: give the words to find');
  return { query, limit: limitOf(opts.limit, defaultLimit, 1000)!, opts };
}

/** `vanban search --json` (marks «…» around matched words, or `mark`). */
export async function searchAnswer(db: Archive, r: SearchRequest, mark: [string, string] = ['«', '»']): Promise<SearchOutput> {
  const documentIds = await runOn(db, searchDocumentIdsQ(documentFilter(r.opts), issuerForms));
  return await runOn(db, searchQ(r.query, { fold, limit: r.limit, filters: documentIds ? { documentIds } : undefined, copies: Boolean(r.opts.copies), mark }));
}

/** `vanban show ID --json`. */
export async function showAnswer(db: Archive, selector: string, params: URLSearchParams): Promise<ShowOutput> {
  const opts = optionsOf(params, ['copies']);
  return await runOn(db, showQ(selector, { copies: Boolean(opts.copies) }));
}

/** The document's text and where each of its items is (the document page's highlights). */
export async function textAnswer(db: Archive, selector: string, params: URLSearchParams): Promise<DocumentText> {
  const opts = optionsOf(params, ['copies']);
  return await runOn(db, documentTextQ(selector, { copies: Boolean(opts.copies) }));
}

/** `vanban tasks --json`, with the CLI's checks of --role, --due-before and --due-in. */
export async function tasksAnswer(db: Archive, params: URLSearchParams): Promise<TasksOutput> {
  const opts = optionsOf(params, TASKS_PARAMS);
  if (opts.role && !(TASK_ROLES as readonly string[]).includes(opts.role)) throw new HttpError(400, `role must be ${TASK_ROLES.join(' or ')}, not "${opts.role}"`);
  if (opts.role && !opts.agency) throw new HttpError(400, 'role needs agency');
  for (const o of ['from', 'to', 'dueBefore', 'dueIn'] as const) dateOption(o.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), opts[o]);
  wordsOption('agency', opts.agency);
  const { options, echo: query } = tasksQuery(opts, limitOf(opts.limit, undefined, Number.MAX_SAFE_INTEGER));
  const rows = await runOn(db, tasksQ(options));
  return { query, count: rows.length, tasks: rows };
}

/** `vanban targets --json`. */
export async function targetsAnswer(db: Archive, params: URLSearchParams): Promise<TargetsOutput> {
  const opts = optionsOf(params, TARGETS_PARAMS);
  if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) throw new HttpError(400, `year must be a four-digit year, not "${opts.year}"`);
  wordsOption('subject', opts.subject);
  const rows = await runOn(db, targetsQ({ ...documentFilter(opts), year: opts.year, subject: opts.subject }));
  return { query: { year: opts.year ? Number(opts.year) : null, subject: opts.subject ?? null, ...filterEcho(opts) }, count: rows.length, targets: rows };
}

/** `vanban cites NUMBER --json`. */
export async function citesAnswer(db: Archive, params: URLSearchParams): Promise<CitesOutput> {
  const opts = optionsOf(params, CITES_PARAMS);
  const number = String(opts.number ?? '');
  if (!number) throw new HttpError(400, 'number: give the số/ký hiệu ("45/2020/NĐ-CP") or the name of a law');
  wordsOption('number', number);
  if (opts.relation !== undefined && !RELATIONS.some((r) => fold(r) === fold(opts.relation))) throw new HttpError(400, `relation must be one of ${RELATIONS.join(', ')}, not "${opts.relation}"`);
  const rows = await runOn(db, citesQ(number, { ...documentFilter(opts), relation: opts.relation }));
  return { query: { number, relation: opts.relation ?? null, ...filterEcho(opts) }, count: rows.length, citations: rows };
}

/** `vanban stats --json` (`top` issuers, 10 as the CLI's default). */
export async function statsAnswer(db: Archive, params: URLSearchParams): Promise<StatsOutput> {
  const opts = optionsOf(params, ['top', 'copies']);
  const top = limitOf(opts.top, 10, 1000)!;
  return await runOn(db, statsQ(top, { copies: Boolean(opts.copies) }));
}
