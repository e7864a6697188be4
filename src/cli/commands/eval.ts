/**
 * `vanban eval [DIR]`: run the pipeline on DIR's fixtures, compare with DIR/gold/, print
 * precision, recall and F1 per type and field accuracies; exit 1 below the thresholds of
 * eval.config.json.
 */
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('eval')
    .description('score extraction against the gold files (P/R/F1 per type); exit 1 below the thresholds')
    .argument('[dir]', 'fixtures directory with a gold/ folder', 'fixtures')
    .option('--config <path>', 'thresholds file', 'eval.config.json')
    .option('--misses', 'list every missing, spurious or wrong item')
    .option('--by-file', 'F1 per type for each file')
    .option('--json', 'JSON on stdout: types, fields, misses, failed')
    .action(async (dir: string, opts: { config: string; json?: boolean; misses?: boolean; byFile?: boolean }, cmd: Command) => {
      const { runEval } = await import('../../eval/run.ts');
      const { formatByFile, formatReport, prf } = await import('../../eval/index.ts');
      const { loadGold } = await import('../../eval/index.ts');
      const { notFound } = await import('../output.ts');
      if (!loadGold(dir).length) notFound(`no gold files in ${dir}/gold (see fixtures/GOLD.md)`);
      // Without thresholds every score passes: a mistyped --config must not look like success.
      const { existsSync } = await import('node:fs');
      if (cmd.getOptionValueSource('config') === 'cli' && !existsSync(opts.config)) notFound(`--config ${opts.config}: no such file`);
      const { report, config, failed } = await runEval(dir, opts.config);
      if (opts.json) {
        const types = Object.fromEntries(Object.entries(report.types).map(([k, s]) => [k, { ...s, ...prf(s) }]));
        const byFile = Object.fromEntries(Object.entries(report.byFile).map(([f, ts]) => [f, Object.fromEntries(Object.entries(ts).map(([k, sc]) => [k, { ...sc, ...prf(sc) }]))]));
        process.stdout.write(JSON.stringify({ files: report.files, types, fields: report.fields, thresholds: config.thresholds, failed, byFile, misses: report.misses }, null, 2) + '\n');
      } else {
        process.stdout.write(formatReport(report, config) + '\n');
        if (opts.byFile) process.stdout.write('\n' + formatByFile(report, config) + '\n');
        if (opts.misses) for (const m of report.misses) process.stdout.write(`${m.kind.padEnd(8)} ${m.type.padEnd(20)} ${m.file}#${m.document}  ${m.detail}\n`);
        for (const f of failed) process.stderr.write(`below threshold: ${f.type} F1 ${(100 * f.f1).toFixed(1)} < ${(100 * f.min).toFixed(0)}\n`);
      }
      if (failed.length) process.exitCode = 1;
    });
}
