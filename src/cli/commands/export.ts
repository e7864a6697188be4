/**
 * `vanban export --table T --format csv|jsonl`: a table or view, streamed to stdout or a file.
 * CSV is RFC 4180 with a header row (UTF-8, no BOM unless --bom, for Excel).
 */
import type { Command } from 'commander';
import { addDbOption, dbPath } from '../db-option.ts';

export function register(program: Command): void {
  const cmd = program
    .command('export')
    .description('write a table or view (v_tasks, v_citations, v_targets, documents …) as CSV or JSON lines')
    .option('--table <name>', 'table or view to export ("vanban export --list" names them)')
    .option('--format <format>', 'csv or jsonl', 'csv')
    .option('--out <file>', 'write here instead of stdout (never the archive itself; an existing file only with --force)')
    .option('--force', 'with --out: replace an existing file')
    .option('--bom', 'CSV: start with a UTF-8 byte-order mark (Excel needs it to read Vietnamese)')
    .option('--list', 'list the tables and views that can be exported')
    .option('--json', 'with --list: JSON on stdout');
  addDbOption(cmd);
  cmd.action(async (opts) => {
    const { withArchive, emit, quietOnBrokenPipe, stdoutWrite } = await import('../../query/run.ts');
    const { exportTable, exportableTables } = await import('../../query/index.ts');
    const { formatTable, usageError } = await import('../output.ts');
    if (opts.list) {
      await withArchive(dbPath(opts), (db) => {
        const list = exportableTables(db);
        emit(Boolean(opts.json), list, () => formatTable(['NAME', 'KIND'], list.map((t) => [t.name, t.type])), null);
      });
      return;
    }
    if (!opts.table) usageError('--table is required (or --list to see the tables)');
    if (opts.format !== 'csv' && opts.format !== 'jsonl') usageError(`--format must be csv or jsonl, not "${opts.format}"`);
    const { openOutFile } = await import('../out-file.ts');
    const archive = dbPath(opts);
    await withArchive(archive, async (db) => {
      const lines = exportTable(db, opts.table, opts.format); // throws before any output when the table is unknown
      // A file target is checked (not the archive, not an existing file without --force) and
      // written beside itself, then renamed: stdout is streamed as rows come.
      const file = opts.out ? openOutFile(opts.out, archive, Boolean(opts.force)) : null;
      if (!file) quietOnBrokenPipe();
      const write = file
        ? (s: string) => (file.write(s), Promise.resolve())
        : stdoutWrite;
      let n = 0;
      try {
        if (opts.bom && opts.format === 'csv') await write('\uFEFF');
        for (const line of { [Symbol.iterator]: () => lines }) {
          await write(line + '\n');
          n++;
        }
        if (opts.format === 'csv' && n > 0) n--; // the header row
      } catch (err) {
        file?.abandon();
        throw err;
      }
      if (file) {
        file.commit();
        process.stderr.write(`${n} rows → ${opts.out}\n`);
      }
    });
  });
}
