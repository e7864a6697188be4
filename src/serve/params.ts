/**
 * Request parameters → the options of the query commands, checked by the same functions the
 * CLI uses (so `?due-before=2021-13` is refused with the words `--due-before 2021-13` gets).
 * Problems become an HttpError: 400 for a bad parameter, 404 for nothing there.
 */
import { CommanderError } from 'commander';
import type { DocumentSummary, ErrorCode } from '../../schemas/query.ts';
import { QueryError } from '../query/common.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: ErrorCode = status === 404 ? 'not-found' : status === 400 ? 'usage' : 'failed',
    readonly candidates: DocumentSummary[] = [],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** A query function's complaint as an HTTP answer: not found 404, anything else about the question 400. */
export function httpErrorOf(err: unknown): HttpError | null {
  if (err instanceof HttpError) return err;
  if (err instanceof CommanderError) return new HttpError(400, err.message.replace(/^error: /, ''), 'usage');
  if (err instanceof QueryError) return new HttpError(err.code === 'not-found' ? 404 : 400, err.message, err.code === 'failed' ? 'usage' : err.code, err.candidates);
  return null;
}

/** Parameter names as the CLI spells its options (`due-before`), to the options object's keys (`dueBefore`). */
const camel = (k: string) => k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Parameters every page accepts besides its own: language, paging, sorting. */
const COMMON = ['lang', 'page', 'sort', 'dir'];

/**
 * The query string as the options object of a CLI command: empty values are left out (an
 * empty form field is no filter), `copies` is a flag, `document` repeatable; a parameter the
 * route does not know is refused, naming the ones it does.
 */
export function optionsOf(params: URLSearchParams, known: readonly string[]): Record<string, any> {
  const opts: Record<string, any> = {};
  for (const [k, v] of params) {
    if (!known.includes(k) && !COMMON.includes(k)) throw new HttpError(400, `unknown parameter "${k}" (this address takes ${known.join(', ')})`);
    if (v.trim() === '') continue;
    if (k === 'copies') opts.copies = v !== '0' && v !== 'false';
    else if (k === 'document') (opts.document ??= []).push(v);
    else opts[camel(k)] = v;
  }
  return opts;
}

/** `page`: the 1-based page of a long list. */
export function pageNumber(params: URLSearchParams): number {
  const v = params.get('page');
  if (v === null || v === '') return 1;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1 || n > 1_000_000) throw new HttpError(400, `page must be a whole number from 1, not "${v}"`);
  return n;
}

/** A whole number parameter such as a file id or page number in a path. */
export function idOf(name: string, v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n)) throw new HttpError(400, `${name} must be a whole number, not "${v}"`);
  return n;
}

export const FILTER_PARAMS = ['type', 'issuer', 'from', 'to', 'province', 'copies'] as const;
