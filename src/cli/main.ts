/**
 * CLI entry: every file in ./commands registers one command, so adding a command never edits
 * this file. Command modules import their heavy dependencies lazily, inside the action.
 */
import { Command } from 'commander';
import { readdirSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { versionText } from './version.ts';
import { CliError, EXIT, reportError, setJsonErrors, USAGE_ERROR } from './output.ts';

export interface CommandModule {
  register(program: Command): void;
}

export async function buildProgram(argv: string[] = []): Promise<Command> {
  const program = new Command('vanban')
    .description('Vietnamese government documents → structured records in SQLite')
    // The text is built only when asked for (it loads the migrations); help lists the option anyway.
    .version(argv.includes('--version') || argv.includes('-V') ? await versionText() : '', '-V, --version', 'print the program, pipeline and database schema versions')
    .showHelpAfterError()
    // Set before the commands are added, so each inherits them: commander's own usage errors
    // (unknown option, missing argument) then end every command alike, exit 2, and are said
    // once, as JSON too with --json.
    .exitOverride()
    .configureOutput({
      outputError: (text) => reportError('usage', text.replace(/^error:\s*/, '').trim()),
    });
  const here = fileURLToPath(import.meta.url);
  const dir = join(dirname(here), 'commands');
  // .ts when run from the sources, .js from the compiled copy.
  const files = readdirSync(dir).filter((f) => f.endsWith(extname(here))).sort();
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as CommandModule;
    mod.register(program);
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
  // Only options before "--" count: a search for the words "--json" is not JSON mode.
  const end = argv.indexOf('--');
  setJsonErrors((end < 0 ? argv : argv.slice(0, end)).includes('--json'));
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err: any) {
    if (err?.code === 'commander.helpDisplayed' || err?.code === 'commander.version') return 0;
    // Usage errors (unknown option, missing argument …) exit 2; 1 means some input failed.
    if (err?.code === USAGE_ERROR) {
      reportError('usage', err.message);
      return EXIT.usage;
    }
    if (err?.code?.startsWith?.('commander.')) return EXIT.usage;
    const code = err instanceof CliError ? err.code : err?.name === 'ArchiveOpenError' && err.missing ? 'not-found' : 'failed';
    reportError(code, err?.message ?? String(err));
    return EXIT.someFailed;
  }
}
