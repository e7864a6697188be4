/**
 * Output helpers shared by commands: JSON on stdout, aligned text tables, highlighting on a
 * terminal only, usage errors with exit code 2, and the JSON shape of an extracted file.
 */
import { CommanderError } from 'commander';
import type { VbDocument, VbFile } from '../../schemas/document.ts';
import type { DocumentSummary, ErrorCode, ErrorOutput } from '../../schemas/query.ts';

// `vanban … | head` closes stdout early: that is the reader being done, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

/** Exit codes every command uses (documented in the README). */
export const EXIT = { ok: 0, someFailed: 1, usage: 2 } as const;

let jsonErrors = false;

/** With --json on the command line, errors are also a JSON object on stdout (set by main()). */
export function setJsonErrors(on: boolean): void {
  jsonErrors = on;
}

export function wantsJsonErrors(): boolean {
  return jsonErrors;
}

/** The --json form of an error: `{"error": {"code", "message"}}` (schemas/query.ts ErrorOutput). */
export function errorJson(code: ErrorCode, message: string, candidates?: DocumentSummary[]): string {
  const value: ErrorOutput = { error: { code, message, ...(candidates?.length ? { candidates } : {}) } };
  return JSON.stringify(value, null, 2) + '\n';
}

/**
 * Say why a command could not answer: one line on stderr ("vanban: error: …"), and with --json
 * the same as a JSON object on stdout, so a script reading stdout is never left with nothing.
 */
export function reportError(code: ErrorCode, message: string, candidates?: DocumentSummary[]): void {
  process.stderr.write(`vanban: error: ${message}\n`);
  if (jsonErrors) process.stdout.write(errorJson(code, message, candidates));
}

/**
 * Thrown to end a command that cannot answer (exit 1); main() says it, as JSON too with --json,
 * so every command reports a missing file or folder the same way.
 */
export class CliError extends Error {
  constructor(readonly code: Exclude<ErrorCode, 'usage'>, message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** End a command with "not found" (exit 1): an input file, folder or gold set that is not there. */
export function notFound(message: string): never {
  throw new CliError('not-found', message);
}

/** The code of usage errors vanban throws itself; main() says them (commander says its own). */
export const USAGE_ERROR = 'vanban.usage';

/**
 * Throw to end a command with a usage error (exit code 2). Nothing is printed here: main()
 * says it, and `vanban serve` answers the same check with a 400 and keeps its console quiet.
 */
export function usageError(message: string): never {
  throw new CommanderError(EXIT.usage, USAGE_ERROR, message);
}

export function printJson(value: unknown, out: NodeJS.WritableStream = process.stdout): void {
  out.write(JSON.stringify(value, null, 2) + '\n');
}

/** True when colours and redrawing make sense on this stream. */
export function isTty(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}

export const style = {
  bold: (s: string, on = isTty()) => (on ? `\x1b[1m${s}\x1b[22m` : s),
  dim: (s: string, on = isTty()) => (on ? `\x1b[2m${s}\x1b[22m` : s),
};

/** Terminal column width of a string (combining marks take no column). */
export function displayWidth(s: string): number {
  return s.replace(/\p{M}/gu, '').replace(/\x1b\[[0-9;]*m/g, '').length;
}

/** Rows as an aligned text table with a header line. */
export function formatTable(headers: string[], rows: (string | number | null | undefined)[][], maxWidth = 60): string {
  const cells = rows.map((r) => r.map((c) => {
    const s = c === null || c === undefined ? '' : String(c).replace(/\s+/g, ' ');
    return displayWidth(s) > maxWidth ? s.slice(0, maxWidth - 1) + '…' : s;
  }));
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => c + ' '.repeat(Math.max(0, widths[i] - displayWidth(c)))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

/**
 * The `vanban extract --json` contract: one entry per document, the header under `document`,
 * everything else beside it, provenance kept on each item.
 */
export function documentToJson(doc: VbDocument) {
  return {
    document: { ...doc.header },
    index: doc.index,
    start: doc.start,
    end: doc.end,
    links: doc.links,
    sections: doc.sections,
    tables: doc.tables,
    references: doc.references,
    agencies: doc.agencies,
    dates: doc.dates,
    targets: doc.targets,
    tasks: doc.tasks,
    persons: doc.persons,
  };
}

export function fileToJson(file: VbFile) {
  return {
    file: { ...file.source, pages: file.pages.length, restored: file.restored.length },
    documents: file.documents.map(documentToJson),
    messages: file.messages,
  };
}
