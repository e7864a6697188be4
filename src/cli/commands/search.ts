/**
 * `vanban search QUERY`: full-text search over section text, diacritics-insensitive
 * ("dien tu" finds "điện tử"), ranked, with highlighted snippets. Filters will join here.
 */
import type { Command } from 'commander';
import { shownPath } from '../../lib/shown-path.ts';
import { addDbOption, dbPath } from '../db-option.ts';
import { addDocumentFilterOptions, addTimeoutOption, documentFilter, timeoutSeconds } from '../../query/options.ts';

export function register(program: Command): void {
  const cmd = program
    .command('search')
    .description('full-text search over the sections of stored documents (accents and đ optional)')
    .argument('<query...>', 'words to find; "quoted phrase", word* for a prefix, OR between alternatives')
    .option('--json', 'print hits as JSON (document, section, snippet)')
    .option('-n, --limit <n>', 'at most this many hits', '20');
  addDocumentFilterOptions(cmd); // --type --issuer --from --to --province (src/query)
  addTimeoutOption(cmd);
  addDbOption(cmd);
  cmd.exitOverride().action(async (words: string[], opts) => {
    const { usageError, reportError, printJson, isTty, style } = await import('../output.ts');
    const { closeDb, openDb, search } = await import('../../store/index.ts');
    const { fold } = await import('../../normalize/index.ts');
    const { intOption } = await import('../../query/run.ts');
    const limit = intOption('--limit', opts.limit, 20);
    const query = words.join(' ');
    if (!query.trim()) usageError('empty query');
    const { runTimeLimited } = await import('../../query/time-limit.ts');
    const code = await runTimeLimited(timeoutSeconds(opts.timeout));
    if (code !== null) {
      process.exitCode = code;
      return;
    }
    const { isPgUrl, openPg, closePg } = await import('../../store/pg.ts');
    const { runOn } = await import('../../store/archive.ts');
    const { searchQ } = await import('../../store/search.ts');
    const db = await (async () => {
      try {
        return isPgUrl(dbPath(opts)) ? await openPg(dbPath(opts), { readonly: true }) : openDb(dbPath(opts), { readonly: true });
      } catch (err: any) {
        // Not a usage error: the state is missing (exit 1, like the other query commands).
        reportError(err?.missing ? 'not-found' : 'failed', err?.message ?? String(err));
        process.exitCode = 1;
        return undefined;
      }
    })();
    if (!db) return;
    try {
      const tty = !opts.json && isTty();
      // Filters (src/query): folded type and issuer, issued period, province → admitted documents.
      const { searchDocumentIdsQ, issuerForms, QueryError } = await import('../../query/index.ts');
      let documentIds: number[] | undefined;
      try {
        documentIds = await runOn(db, searchDocumentIdsQ(documentFilter(opts), issuerForms));
      } catch (err) {
        if (err instanceof QueryError) usageError(err.message);
        throw err;
      }
      const filters = documentIds ? { documentIds } : undefined;
      const hits = await runOn(db, searchQ(query, { fold, limit, filters, copies: Boolean(opts.copies), mark: tty ? ['\x1b[1;33m', '\x1b[0m'] : ['«', '»'] }));
      if (opts.json) {
        printJson(hits);
        return;
      }
      if (!hits.length) {
        process.stderr.write(`no hits for ${JSON.stringify(query)}\n`);
        return;
      }
      for (const h of hits) {
        const d = h.document;
        const title = `#${d.id} ${[d.type, d.number, d.issued].filter(Boolean).join(' ') || '(no header)'}`;
        const where = [h.section.kind, h.section.label].filter(Boolean).join(' ');
        process.stdout.write(`${style.bold(title, tty)}  ${style.dim(`${shownPath(d.path)} · ${where}`, tty)}\n  ${h.snippet}\n\n`);
      }
    } finally {
      if ('kind' in db) await closePg(db);
      else closeDb(db);
    }
  });
}
