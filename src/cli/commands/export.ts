/**
 * `vanban export --table T --format csv|jsonl`: a table or view, streamed to stdout or a file.
 * CSV is RFC 4180 with a header row (UTF-8, no BOM unless --bom, for Excel).
 * `vanban export --document DOC [--format md]`: one document as Markdown (as `show --format md`).
 */
import type { Command } from 'commander';
import { addDbOption, dbPath } from '../db-option.ts';

export function register(program: Command): void {
  const cmd = program
    .command('export')
    .description('write a table or view (v_tasks, v_citations, v_targets, documents …) as CSV or JSON lines')
    .option('--table <name>', 'table or view to export ("vanban export --list" names them)')
    .option('--document <document>', 'instead: one document (id, number or file path[#index]) as Markdown')
    .option('--format <format>', 'csv or jsonl (a table), md (a document)', 'csv')
    .option('--out <file>', 'write here instead of stdout (never the archive itself; an existing file only with --force)')
    .option('--force', 'with --out: replace an existing file')
    .option('--bom', 'CSV: start with a UTF-8 byte-order mark (Excel needs it to read Vietnamese)')
    .option('--list', 'list the tables and views that can be exported')
    .option('--json', 'with --list: JSON on stdout');
  addDbOption(cmd);
  cmd.action(async (opts, command: Command) => {
    const { withArchive, emit, quietOnBrokenPipe, stdoutWrite } = await import('../../query/run.ts');
    const { exportTable, exportableTablesQ } = await import('../../query/index.ts');
    const { runOn } = await import('../../store/archive.ts');
    const { formatTable, usageError } = await import('../output.ts');
    if (opts.list) {
      await withArchive(dbPath(opts), async (db) => {
        const list = await runOn(db, exportableTablesQ());
        emit(Boolean(opts.json), list, () => formatTable(['NAME', 'KIND'], list.map((t) => [t.name, t.type])), null);
      });
      return;
    }
    if (opts.document !== undefined) {
      if (opts.table) usageError('--table and --document: choose one');
      // A document is exported as Markdown: md, or no --format at all.
      if (command.getOptionValueSource('format') === 'cli' && opts.format !== 'md') usageError(`--document exports Markdown: --format md, not "${opts.format}"`);
      const { showMarkdownQ } = await import('../../query/markdown.ts');
      const { openOutFile } = await import('../out-file.ts');
      const archive = dbPath(opts);
      await withArchive(archive, async (db) => {
        const md = await runOn(db, showMarkdownQ(opts.document)); // a selector that names nothing throws before any file is made
        if (!opts.out) return void process.stdout.write(md);
        const file = openOutFile(opts.out, archive, Boolean(opts.force));
        try {
          file.write(md);
        } catch (err) {
          file.abandon();
          throw err;
        }
        file.commit();
        process.stderr.write(`document → ${opts.out}\n`);
      });
      return;
    }
    if (!opts.table) usageError('--table is required (or --document, or --list to see the tables)');
    if (opts.format !== 'csv' && opts.format !== 'jsonl') usageError(`--format must be csv or jsonl, not "${opts.format}"`);
    const { openOutFile } = await import('../out-file.ts');
    const archive = dbPath(opts);
    await withArchive(archive, async (db) => {
      const lines = await exportTable(db, opts.table, opts.format); // throws before any output when the table is unknown
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
        for await (const line of lines) {
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
