/**
 * The time limit of the query commands (`--timeout`). better-sqlite3 12 offers neither
 * sqlite3_interrupt nor a progress handler, and neither Worker.terminate() nor process.exit()
 * stops a thread inside sqlite3_step: both wait for it, so a recursive CTE that never returns a
 * row to JavaScript (`SELECT count(*) FROM c`) would never stop. So the command runs again in a
 * child process, which is killed when the time is up: the one stop that always works, and its
 * memory goes with it. The child writes straight to this process's stdout and stderr.
 */
import { spawn } from 'node:child_process';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorJson, wantsJsonErrors } from '../cli/output.ts';

/** Set in the child: run the command here, the parent keeps the time. */
export const CHILD_ENV = 'VANBAN_QUERY_CHILD';

const OWN_EXT = extname(fileURLToPath(import.meta.url));

const stopText = (seconds: number) => `query stopped after ${seconds} s (--timeout)`;
const stopMessage = (seconds: number) => `vanban: ${stopText(seconds)}`;
/** What a stopped command prints on stdout: the --json error, or nothing. */
const stopJson = (seconds: number) => (wantsJsonErrors() ? errorJson('timeout', stopText(seconds)) : '');

/**
 * Put this command under a limit of `seconds`. Started by bin/vanban, which already waits on
 * this process, the launcher is asked to keep the time (no cost: one message); otherwise the
 * command runs again (same arguments) in a child process kept here. Returns the child's exit
 * code (1 with a one-line message when it was stopped), or null: go on in this process.
 */
export async function runTimeLimited(seconds: number): Promise<number | null> {
  if (process.env[CHILD_ENV] || !(seconds > 0)) return null;
  if (process.send && process.env.VANBAN_LAUNCHER === String(process.ppid)) {
    // Sent before the query starts: once it runs, this thread may not return to its event loop.
    await new Promise<void>((resolve, reject) => process.send!({ timeLimit: { seconds, message: stopMessage(seconds), stdout: stopJson(seconds) } }, (err: Error | null) => (err ? reject(err) : resolve())));
    return null;
  }
  const entry = fileURLToPath(new URL(`./time-limit-child${OWN_EXT}`, import.meta.url));
  // From the sources (tsx), the child needs the same loader; the compiled copy is plain JS.
  const loader = OWN_EXT === '.ts' ? ['--import', import.meta.resolve('tsx')] : [];
  const child = spawn(process.execPath, [...process.execArgv, ...loader, entry, ...process.argv.slice(2)], {
    env: { ...process.env, [CHILD_ENV]: '1' },
    // The IPC channel closes when this process dies, even by SIGKILL: the child then stops too.
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  let stopped = false;
  const timer = setTimeout(() => {
    stopped = true;
    child.kill('SIGKILL');
  }, seconds * 1000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) =>
    child.on('error', reject).on('exit', (c, s) => resolve([c, s])),
  ).finally(() => clearTimeout(timer));
  if (stopped) {
    process.stderr.write(`${stopMessage(seconds)}\n`);
    process.stdout.write(stopJson(seconds));
    return 1;
  }
  if (signal) process.stderr.write(`vanban: query ended by ${signal}\n`);
  return code ?? 1;
}
