/**
 * `vanban tasks`: who must do what by when. Agencies are matched diacritics-insensitively
 * through their canonical names and abbreviations ("Cuc Kiem soat thu tuc hanh chinh",
 * "Cục KSTTHC" and "Cục Kiểm soát thủ tục hành chính" are one agency).
 */
import type { Command } from 'commander';
import { TASK_ROLES } from '../../../schemas/vocabulary.ts';
import type { TasksOutput } from '../../../schemas/query.ts';
import { addDbOption, dbPath } from '../db-option.ts';
import { addDocumentFilterOptions, collect, addTimeoutOption } from '../../query/options.ts';

export function register(program: Command): void {
  const cmd = program
    .command('tasks')
    .description('tasks of plans and decisions: content, lead and partner agencies, dates')
    .option('--agency <name>', 'tasks this agency leads or partners in (diacritics-insensitive, abbreviations expanded)')
    .option('--role <role>', `with --agency: ${TASK_ROLES.join(' or ')}`)
    .option('--due-before <date>', 'due before this date (YYYY, YYYY-MM or YYYY-MM-DD: before its first day)')
    .option('--due-in <period>', 'due within this period (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--document <document>', 'only tasks of this document (id, number or file path[#index]); repeatable', collect)
    .option('--text <words>', 'only tasks whose content contains these words (diacritics-insensitive)')
    .option('--limit <n>', 'at most this many tasks')
    .option('--json', 'JSON on stdout (shape in the README, "Querying the archive")');
  addDocumentFilterOptions(cmd);
  addTimeoutOption(cmd);
  addDbOption(cmd);
  cmd.action(async (opts) => {
    const { withArchive, emit, dateOption, intOption, cell, fitTable } = await import('../../query/run.ts');
    const { tasksQ, tasksQuery, describeDocument } = await import('../../query/index.ts');
    const { runOn } = await import('../../store/archive.ts');
    const { usageError } = await import('../output.ts');
    if (opts.role && !(TASK_ROLES as readonly string[]).includes(opts.role)) usageError(`--role must be ${TASK_ROLES.join(' or ')}, not "${opts.role}"`);
    if (opts.role && !opts.agency) usageError('--role needs --agency');
    for (const o of ['from', 'to', 'dueBefore', 'dueIn'] as const) dateOption(`--${o.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, opts[o]);
    const { options, echo: query } = tasksQuery(opts, opts.limit === undefined ? undefined : intOption('--limit', opts.limit, 0));
    await withArchive(dbPath(opts), async (db) => {
      const rows = await runOn(db, tasksQ(options));
      emit(
        Boolean(opts.json),
        { query, count: rows.length, tasks: rows } satisfies TasksOutput,
        () =>
          fitTable(
              ['ID', 'DOCUMENT', 'GRP', 'TASK', 'LEAD', 'PARTNERS', 'DUE'],
              rows.map((t) => [
              t.id,
              describeDocument(t.document),
              t.group,
              cell(t.content, 70),
              cell(t.lead.join('; '), 50),
              cell(t.partners.join('; '), 40),
              t.due ?? t.recurrence ?? '',
            ]),
              [3, 1, 4, 5],
            ) + `${rows.length} task${rows.length === 1 ? '' : 's'}\n`,
        rows.length ? null : 'no task matches',
      );
    }, opts);
  });
}
