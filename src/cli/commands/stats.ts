/** `vanban stats`: what the archive holds and what went wrong. */
import type { Command } from 'commander';
import { addDbOption, dbPath } from '../db-option.ts';
import { addCopiesOption, addTimeoutOption } from '../../query/options.ts';

export function register(program: Command): void {
  const cmd = program
    .command('stats')
    .description('counts of files, documents, entities, resolved citations and problems')
    .option('--top <n>', 'issuers listed', '10')
    .option('--json', 'JSON on stdout (shape in the README, "Querying the archive")');
  addCopiesOption(cmd);
  addTimeoutOption(cmd);
  addDbOption(cmd);
  cmd.action(async (opts) => {
    const { withArchive, emit, intOption } = await import('../../query/run.ts');
    const { statsQ } = await import('../../query/index.ts');
    const { runOn } = await import('../../store/archive.ts');
    const { formatTable } = await import('../output.ts');
    const top = intOption('--top', opts.top, 10);
    await withArchive(dbPath(opts), async (db) => {
      const s = await runOn(db, statsQ(top, { copies: Boolean(opts.copies) }));
      emit(
        Boolean(opts.json),
        s,
        () => {
          const e = s.entities;
          const pct = (a: number, b: number) => (b ? ` (${Math.round((100 * a) / b)}%)` : '');
          const lines = [
            formatTable(
              ['WHAT', 'COUNT'],
              [
                ['files', s.files],
                ['documents (stored copies)', `${s.documents} (${s.copies})`],
                ['pages: text layer / OCR', `${s.pages.textlayer} / ${s.pages.ocr}`],
                ...(s.ocrEngines.length ? [['OCR engines (pages)', s.ocrEngines.map((c) => `${c.key ?? 'not recorded'} ${c.count}`).join(', ')]] : []),
                ['tokens restored', s.restoredTokens],
                ['sections', s.sections],
                ['tables (rows)', `${s.tables} (${s.tableRows})`],
                ['references', e.references],
                ['references numbered / in the archive', `${s.citations.numbered} / ${s.citations.resolved}${pct(s.citations.resolved, s.citations.numbered)}`],
                ['agencies', e.agencies],
                ['dates', e.dates],
                ['targets', e.targets],
                ['tasks (agency roles)', `${e.tasks} (${e.taskAgencies})`],
                ['persons', e.persons],
                ['messages: error / warning / info', `${s.messages.error} / ${s.messages.warning} / ${s.messages.info}`],
                ['files that failed to ingest', s.ingestErrors],
                ['issued', s.issued.first ? `${s.issued.first} … ${s.issued.last}` : ''],
              ],
            ),
            formatTable(['TYPE', 'DOCUMENTS'], s.documentsByType.map((c) => [c.key ?? '(unknown)', c.count])),
            formatTable(['PROVINCE', 'DOCUMENTS'], s.documentsByProvince.map((c) => [c.key ?? '(central or unknown)', c.count])),
            formatTable(['YEAR', 'DOCUMENTS'], s.documentsByYear.map((c) => [c.key ?? '(undated)', c.count])),
            formatTable(['ISSUER', 'DOCUMENTS'], s.topIssuers.map((c) => [c.key ?? '(unknown)', c.count]), 80),
          ];
          return lines.join('\n');
        },
        null,
      );
    }, opts);
  });
}
