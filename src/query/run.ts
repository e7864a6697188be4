/**
 * Glue between the query commands and the query functions: open the archive read-only, run
 * under the time limit, print a table or JSON, turn a QueryError into a message and exit code 1 (2 for a bad
 * option value), always close the database.
 */
import { ArchiveOpenError, closeDb, openDb } from '../store/db.ts';
import type { Archive } from '../store/archive.ts';
import { displayWidth, formatTable, printJson, reportError } from '../cli/output.ts';
import { QueryError } from './common.ts';
import { timeoutSeconds } from './options.ts';
import { usageError } from '../cli/output.ts';

export { dateOption } from './options.ts';
import { runTimeLimited } from './time-limit.ts';

/**
 * `limits`: the command's `--timeout` as typed; given, the command runs in a child process that
 * is stopped when the time is up (time-limit.ts). Export passes none: it reads whole tables.
 */
export async function withArchive(dbFile: string, fn: (db: Archive) => void | Promise<void>, limits?: { timeout?: string }): Promise<void> {
  if (limits) {
    const code = await runTimeLimited(timeoutSeconds(limits.timeout));
    if (code !== null) {
      process.exitCode = code;
      return;
    }
  }
  let db: Archive;
  const { isPgUrl, openPg, closePg } = await import('../store/pg.ts');
  try {
    db = isPgUrl(dbFile) ? await openPg(dbFile, { readonly: true }) : openDb(dbFile, { readonly: true });
  } catch (err: any) {
    reportError(err instanceof ArchiveOpenError && err.missing ? 'not-found' : 'failed', err?.message ?? String(err));
    process.exitCode = 1;
    return;
  }
  try {
    await fn(db);
  } catch (err) {
    if (err instanceof QueryError) {
      reportError(err.code, err.message, err.candidates);
      process.exitCode = 1;
      return;
    }
    throw err;
  } finally {
    if ('kind' in db) await closePg(db);
    else closeDb(db);
  }
}

/** `vanban tasks | head`: a reader that stops early is not an error. */
export function quietOnBrokenPipe(stream: NodeJS.WritableStream = process.stdout): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

/**
 * Writes to stdout that wait when the reader is slower than the query, so a long result streams
 * in bounded memory instead of piling up in the stream's buffer.
 */
export function stdoutWrite(s: string): Promise<void> {
  return process.stdout.write(s) ? Promise.resolve() : new Promise<void>((r) => process.stdout.once('drain', () => r()));
}

/** Print JSON, or the table `render` builds; a note on stderr when there is nothing. */
export function emit(json: boolean, value: unknown, render: () => string, empty: string | null): void {
  quietOnBrokenPipe();
  if (json) {
    printJson(value);
    return;
  }
  if (empty !== null) {
    process.stderr.write(`${empty}\n`);
    return;
  }
  process.stdout.write(render());
}

export function intOption(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  // Safe integers only: a larger one reaches SQLite as a float ("datatype mismatch").
  if (!Number.isSafeInteger(n) || n < 1) usageError(`${name} must be a positive whole number, not "${v}"`);
  return n;
}

/** Wrap cell text for the table view: one line, at most `max` characters. */
export function cell(s: string | null | undefined, max = 80): string {
  if (!s) return '';
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

type Cell = string | number | null | undefined;

/**
 * A table that fits the terminal: on a TTY the `flex` columns (the long texts: task, sentence,
 * subject) are shortened until the table fits its width; piped output keeps whole cells for grep.
 */
export function fitTable(headers: string[], rows: Cell[][], flex: number[], columns = process.stdout.isTTY ? process.stdout.columns : 0): string {
  const text = rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c).replace(/\s+/g, ' '))));
  if (columns && flex.length) {
    const widths = headers.map((h, i) => Math.max(displayWidth(h), ...text.map((r) => displayWidth(r[i] ?? ''))));
    const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
    const MIN = 16;
    // Least important first (`flex` lists the most important first): each down to the minimum
    // before the next one gives anything up.
    for (const f of [...flex].reverse()) {
      const excess = total() - columns;
      if (excess <= 0) break;
      widths[f] = Math.max(Math.min(MIN, widths[f]!), widths[f]! - excess);
    }
    for (const r of text) for (const f of flex) if (displayWidth(r[f] ?? '') > widths[f]!) r[f] = `${r[f]!.slice(0, widths[f]! - 1)}…`;
  }
  return formatTable(headers, text, Number.MAX_SAFE_INTEGER);
}
