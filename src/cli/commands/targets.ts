/** `vanban targets`: quantitative targets, by the year they fall due and their subject. */
import type { Command } from 'commander';
import type { TargetsOutput } from '../../../schemas/query.ts';
import { addDbOption, dbPath } from '../db-option.ts';
import { addDocumentFilterOptions, collect, documentFilter, filterEcho, wordsOption, addTimeoutOption } from '../../query/options.ts';

export function register(program: Command): void {
  const cmd = program
    .command('targets')
    .description('quantitative targets ("tối thiểu 80% … đến năm 2025") with their deadlines')
    .option('--year <year>', 'targets falling due in this year')
    .option('--subject <words>', 'targets whose subject or sentence contains these words (diacritics-insensitive)')
    .option('--document <document>', 'only targets of this document (id, number or file path[#index]); repeatable', collect)
    .option('--json', 'JSON on stdout (shape in the README, "Querying the archive")');
  addDocumentFilterOptions(cmd);
  addTimeoutOption(cmd);
  addDbOption(cmd);
  cmd.action(async (opts) => {
    const { withArchive, emit, dateOption, cell, fitTable } = await import('../../query/run.ts');
    const { targetsQ, formatTarget, shownDeadline, describeDocument } = await import('../../query/index.ts');
    const { runOn } = await import('../../store/archive.ts');
    const { usageError } = await import('../output.ts');
    if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) usageError(`--year must be a four-digit year, not "${opts.year}"`);
    wordsOption('--subject', opts.subject);
    dateOption('--from', opts.from);
    dateOption('--to', opts.to);
    await withArchive(dbPath(opts), async (db) => {
      const rows = await runOn(db, targetsQ({ ...documentFilter(opts), year: opts.year, subject: opts.subject }));
      emit(
        Boolean(opts.json),
        { query: { year: opts.year ? Number(opts.year) : null, subject: opts.subject ?? null, ...filterEcho(opts) }, count: rows.length, targets: rows } satisfies TargetsOutput,
        () =>
          fitTable(
              ['ID', 'DEADLINE', 'TARGET', 'SUBJECT', 'PROVINCE', 'DOCUMENT'],
              rows.map((t) => [t.id, shownDeadline(t), formatTarget(t), cell(t.subject, 80), t.document.province, describeDocument(t.document)]),
              [3, 5],
            ) + `${rows.length} target${rows.length === 1 ? '' : 's'}\n`,
        rows.length ? null : 'no target matches',
      );
    }, opts);
  });
}
