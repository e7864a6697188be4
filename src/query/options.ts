/**
 * Options the query commands share. Light on purpose: imported when the CLI registers its
 * commands, before any database work.
 */
import type { Command } from 'commander';
import type { DocumentFilterEcho } from '../../schemas/query.ts';
import type { DocumentFilter } from './common.ts';
import { usageError } from '../cli/output.ts';

/**
 * A name or words filter as typed, refused (usage error) when it holds no letter or digit:
 * "%" or "-" would otherwise match every row.
 */
export function wordsOption(name: string, v: string | undefined): string | undefined {
  if (v !== undefined && !/[\p{L}\p{N}]/u.test(v)) usageError(`${name} needs a letter or digit, not "${v}"`);
  return v;
}

export function addDocumentFilterOptions(cmd: Command, what = 'documents'): Command {
  addCopiesOption(cmd);
  return cmd
    .option('--type <type>', `only ${what} of this type ("Kế hoạch", "ke hoach")`)
    .option('--issuer <name>', `only ${what} whose issuer names these words (diacritics-insensitive, abbreviations expanded)`)
    .option('--from <date>', `only ${what} issued on or after (YYYY, YYYY-MM or YYYY-MM-DD)`)
    .option('--to <date>', `only ${what} issued on or before (YYYY, YYYY-MM or YYYY-MM-DD)`)
    .option('--province <name>', `only ${what} of this province ("Vĩnh Long", "vinh long", "TP.HCM")`);
}

/**
 * A date option checked up front: YYYY, YYYY-MM or YYYY-MM-DD, and a day the calendar has
 * ("2021-13-01" and "2021-02-30" are usage errors, not empty answers).
 */
export function dateOption(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(v.trim());
  if (!m) usageError(`${name} ${v}: write YYYY, YYYY-MM or YYYY-MM-DD`);
  const [year, month, day] = [Number(m[1]), m[2] === undefined ? 1 : Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate(); // day 0 of the next month
  if (month < 1 || month > 12) usageError(`${name} ${v}: there is no month ${month}`);
  if (day < 1 || day > lastDay) usageError(`${name} ${v}: month ${month} of ${year} has ${lastDay} days`);
  return v.trim();
}

export function documentFilter(opts: Record<string, any>): DocumentFilter {
  return {
    type: wordsOption('--type', opts.type),
    issuer: wordsOption('--issuer', opts.issuer),
    from: dateOption('--from', opts.from),
    to: dateOption('--to', opts.to),
    province: wordsOption('--province', opts.province),
    documents: opts.document ? [].concat(opts.document) : undefined,
    copies: Boolean(opts.copies),
  };
}

/** `--copies` of the query commands: every stored copy of a document, not one row per document. */
export function addCopiesOption(cmd: Command): Command {
  return cmd.option('--copies', 'every stored copy of a document (text, PDF, scans), not each document once');
}

/** The filter as echoed in --json output: every key present, null when not given. */
export function filterEcho(opts: Record<string, any>): DocumentFilterEcho {
  const f = documentFilter(opts);
  return { type: f.type ?? null, issuer: f.issuer ?? null, from: f.from ?? null, to: f.to ?? null, province: f.province ?? null, documents: f.documents ?? null, copies: Boolean(f.copies) };
}

/** Commander collector for repeatable options. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export const DEFAULT_TIMEOUT_S = 30;

/** `--timeout SECONDS` of every query command (time-limit.ts); 0 runs without a limit. */
export function addTimeoutOption(cmd: Command): Command {
  return cmd.option('--timeout <seconds>', 'stop the query after this many seconds, exit 1 (0: no limit)', String(DEFAULT_TIMEOUT_S));
}

export function timeoutSeconds(v: string | undefined): number {
  if (v === undefined) return DEFAULT_TIMEOUT_S;
  const n = Number(v);
  // A day at most: setTimeout takes 32-bit milliseconds, a larger delay fires at once.
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 86_400) usageError(`--timeout must be a number of seconds from 0 to 86400, not "${v}"`);
  return n;
}
