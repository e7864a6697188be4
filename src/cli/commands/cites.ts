/**
 * `vanban cites NUMBER`: the documents that cite a number ("45/2020/NĐ-CP") or a law by name
 * ("Luật Giao dịch điện tử"), with how they cite it and the sentence.
 */
import type { Command } from 'commander';
import { RELATIONS } from '../../../schemas/vocabulary.ts';
import type { CitesOutput } from '../../../schemas/query.ts';
import { addDbOption, dbPath } from '../db-option.ts';
import { addDocumentFilterOptions, documentFilter, filterEcho, wordsOption, addTimeoutOption } from '../../query/options.ts';

export function register(program: Command): void {
  const cmd = program
    .command('cites')
    .description('documents that cite NUMBER (or a law by name), with the relation and the sentence')
    .argument('<number>', 'số/ký hiệu ("45/2020/NĐ-CP", "45/2020/ND-CP") or a law\'s name')
    .option('--relation <relation>', `only this relation (${RELATIONS.join(', ')})`)
    .option('--json', 'JSON on stdout (shape in the README, "Querying the archive")');
  addDocumentFilterOptions(cmd, 'citing documents');
  addTimeoutOption(cmd);
  addDbOption(cmd);
  cmd.action(async (number: string, opts) => {
    const { withArchive, emit, dateOption, cell, fitTable } = await import('../../query/run.ts');
    const { citesQ, describeDocument } = await import('../../query/index.ts');
    const { runOn } = await import('../../store/archive.ts');
        dateOption('--from', opts.from);
    dateOption('--to', opts.to);
    wordsOption('NUMBER', number);
    if (opts.relation !== undefined) {
      const { fold } = await import('../../normalize/index.ts');
      const { usageError } = await import('../output.ts');
      if (!RELATIONS.some((r) => fold(r) === fold(opts.relation))) usageError(`--relation must be one of ${RELATIONS.join(', ')}, not "${opts.relation}"`);
    }
    await withArchive(dbPath(opts), async (db) => {
      const rows = await runOn(db, citesQ(number, { ...documentFilter(opts), relation: opts.relation }));
      emit(
        Boolean(opts.json),
        { query: { number, relation: opts.relation ?? null, ...filterEcho(opts) }, count: rows.length, citations: rows } satisfies CitesOutput,
        () =>
          fitTable(
              ['ID', 'CITING DOCUMENT', 'ISSUER', 'RELATION', 'SENTENCE'],
              rows.map((r) => [r.document.id, describeDocument(r.document), cell(r.document.issuer, 45), r.relation, cell(r.sentence, 200)]),
              [1, 4, 2],
            ) + `${rows.length} citing document${rows.length === 1 ? '' : 's'}\n`,
        rows.length ? null : `no stored document cites ${number}`,
      );
    }, opts);
  });
}
