/**
 * `vanban refs DOCUMENT`: what a document cites, each citation resolved to the stored
 * document when the archive holds it.
 */
import type { Command } from 'commander';
import type { RefsOutput } from '../../../schemas/query.ts';
import { addDbOption, dbPath } from '../db-option.ts';
import { addCopiesOption, addTimeoutOption } from '../../query/options.ts';

export function register(program: Command): void {
  const cmd = program
    .command('refs')
    .description('what DOCUMENT cites, resolved to stored documents where present')
    .argument('<document>', 'document id, number ("815/QĐ-VPCP"), or file path[#index]')
    .option('--json', 'JSON on stdout (shape in the README, "Querying the archive")');
  addCopiesOption(cmd);
  addTimeoutOption(cmd);
  addDbOption(cmd);
  cmd.action(async (selector: string, opts) => {
    const { withArchive, emit, cell, fitTable } = await import('../../query/run.ts');
    const { refsQ, describeDocument, citedLabel } = await import('../../query/index.ts');
    const { runOn } = await import('../../store/archive.ts');
        await withArchive(dbPath(opts), async (db) => {
      const { document, references } = await runOn(db, refsQ(selector, { copies: Boolean(opts.copies) }));
      emit(
        Boolean(opts.json),
        { document, count: references.length, references } satisfies RefsOutput,
        () =>
          `${describeDocument(document)} — ${document.issuer ?? ''}\n` +
          fitTable(
              ['RELATION', 'CITED', 'ISSUED', 'IN ARCHIVE', 'CITATION'],
              references.map((r) => [
              r.relation,
              citedLabel(r.cited),
              r.cited.issued,
              r.resolved ? `#${r.resolved.id} ${describeDocument(r.resolved)}` : '',
              cell(r.citation, 120),
            ]),
              [4, 3],
            ) + `${references.length} reference${references.length === 1 ? '' : 's'}, ${references.filter((r) => r.resolved).length} in the archive\n`,
        references.length ? null : `${describeDocument(document)} cites nothing the extractor recognised`,
      );
    }, opts);
  });
}
