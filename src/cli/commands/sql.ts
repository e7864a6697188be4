/**
 * `vanban sql "SELECT …"`: read-only SQL over the archive (tables and the v_* views). The
 * database is opened read-only and only statements that read are accepted.
 */
import type { Command } from 'commander';
import type { SqlOutput } from '../../../schemas/query.ts';
import { addDbOption, dbPath } from '../db-option.ts';
import { addTimeoutOption } from '../../query/options.ts';

export function register(program: Command): void {
  const cmd = program
    .command('sql')
    .description('run a read-only SQL query (SELECT / WITH) over the archive; see the views in the README')
    .argument('<query>', 'one SELECT or WITH … SELECT statement ("-" reads it from stdin)')
    .option('--param <value...>', 'values for ? placeholders, in order')
    .option('--max-rows <n>', 'table view: rows shown at most', '200')
    .option('--width <n>', 'table view: widest column, in characters', '60')
    .option('--json', 'JSON on stdout: {"columns": [...], "rows": [{...}], "count": n}')
    .option('--csv', 'every row as RFC 4180 CSV with a header row');
  addTimeoutOption(cmd);
  addDbOption(cmd);
  cmd.action(async (query: string, opts) => {
    const { withArchive, emit, intOption } = await import('../../query/run.ts');
    const { runSql, csvField } = await import('../../query/index.ts');
    const { formatTable } = await import('../output.ts');
    const maxRows = intOption('--max-rows', opts.maxRows, 200);
    const width = intOption('--width', opts.width, 60);
    if (query === '-') {
      const { readFileSync } = await import('node:fs');
      query = readFileSync(0, 'utf8');
    }
    await withArchive(dbPath(opts), (db) => {
      const json = Boolean(opts.json);
      const r = runSql(db, query, opts.param ?? [], json || opts.csv ? null : maxRows);
      if (opts.csv && !json) {
        const lines = [r.columns.map(csvField).join(','), ...r.rows.map((row) => r.columns.map((c) => csvField(row[c])).join(','))];
        process.stdout.write(lines.join('\n') + '\n');
        return;
      }
      emit(
        json,
        { columns: r.columns, count: r.rows.length, rows: r.rows } satisfies SqlOutput,
        () =>
          formatTable(
            r.columns,
            r.rows.map((row) => r.columns.map((c) => row[c] as string | number | null)),
            width,
          ) + (r.truncated ? `… more rows (only the first ${maxRows} shown; --max-rows, --json or vanban export for all)\n` : `${r.rows.length} row${r.rows.length === 1 ? '' : 's'}\n`),
        null,
      );
    }, opts);
  });
}
