/**
 * `vanban sql "SELECT …"`: read-only SQL over the archive (tables and the v_* views). The
 * database is opened read-only and only statements that read are accepted.
 */
import type { Command } from 'commander';
import type { SqlOutput } from '../../../schemas/query.ts';
import { addDbOption, dbPath } from '../db-option.ts';
import { addTimeoutOption } from '../../query/options.ts';

const TABLE_ROWS = 200;
const CHUNK = 1 << 16; // characters gathered before one write

export function register(program: Command): void {
  const cmd = program
    .command('sql')
    .description('run a read-only SQL query (SELECT / WITH) over the archive; see the views in the README')
    .argument('<query>', 'one SELECT or WITH … SELECT statement ("-" reads it from stdin)')
    .option('--param <value...>', 'values for ? placeholders, in order')
    .option('--max-rows <n>', `rows at most (table view: ${TABLE_ROWS}; --json and --csv: all, streamed)`)
    .option('--width <n>', 'table view: widest column, in characters', '60')
    .option('--json', 'JSON on stdout: {"columns": [...], "rows": [{...}], "count": n, "truncated": false}')
    .option('--csv', 'every row as RFC 4180 CSV with a header row');
  addTimeoutOption(cmd);
  addDbOption(cmd);
  cmd.action(async (query: string, opts) => {
    const { withArchive, emit, intOption, quietOnBrokenPipe, stdoutWrite } = await import('../../query/run.ts');
    const { runSql, sqlRows, csvField, jsonCell } = await import('../../query/index.ts');
    const { sqlRowsPg } = await import('../../query/sql.ts');
    const { formatTable } = await import('../output.ts');
    const width = intOption('--width', opts.width, 60);
    const streamed = Boolean(opts.json || opts.csv);
    const maxRows = opts.maxRows === undefined ? (streamed ? null : TABLE_ROWS) : intOption('--max-rows', opts.maxRows, TABLE_ROWS);
    if (query === '-') {
      const { readFileSync } = await import('node:fs');
      query = readFileSync(0, 'utf8');
    }
    await withArchive(dbPath(opts), async (db) => {
      if (streamed) {
        // Rows are written as SQLite returns them: memory stays flat whatever the result's size.
        const r = 'kind' in db ? await sqlRowsPg(db, query, opts.param ?? [], maxRows) : sqlRows(db, query, opts.param ?? [], maxRows); // a refused statement throws before any output
        quietOnBrokenPipe();
        let buffer = '';
        const put = async (s: string) => {
          buffer += s;
          if (buffer.length >= CHUNK) {
            const out = buffer;
            buffer = '';
            await stdoutWrite(out);
          }
        };
        let n = 0;
        if (opts.json) {
          await put(`{\n  "columns": ${JSON.stringify(r.columns)},\n  "rows": [`);
          for (const row of r.rows) await put(`${n++ ? ',' : ''}\n    ${JSON.stringify(row, jsonCell)}`);
          const tail: Pick<SqlOutput, 'count' | 'truncated'> = { count: n, truncated: r.truncated() };
          await put(`${n ? '\n  ' : ''}],\n  "count": ${tail.count},\n  "truncated": ${tail.truncated}\n}\n`);
        } else {
          await put(r.columns.map(csvField).join(',') + '\n');
          for (const row of r.rows) await put(r.columns.map((c) => csvField(row[c])).join(',') + '\n');
          if (r.truncated()) process.stderr.write(`vanban: only the first ${maxRows} rows written (--max-rows)\n`);
        }
        await stdoutWrite(buffer);
        return;
      }
      const r =
        'kind' in db
          ? await sqlRowsPg(db, query, opts.param ?? [], maxRows).then((x) => ({ columns: x.columns, rows: x.rows, truncated: x.truncated() }))
          : runSql(db, query, opts.param ?? [], maxRows);
      emit(
        false,
        null,
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
