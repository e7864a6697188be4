/** Running the real `bin/vanban` in a child process, as archivists do. */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../../src/lib/rng.ts';
export { rng };

export const ROOT = join(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/vanban');
export const FIXTURES = join(ROOT, 'fixtures');
export const SEEDS = readdirSync(FIXTURES)
  .filter((f) => /^\d{3}_[0-9a-f]+\.txt$/.test(f))
  .sort();

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function start(args: string[], env: Record<string, string> = {}, input = ''): { child: ChildProcess; done: Promise<Ran> } {
  const child = spawn(BIN, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d) => (stderr += d));
  child.stdin!.end(input);
  const done = new Promise<Ran>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

export function vanban(args: string[], env: Record<string, string> = {}, input = ''): Promise<Ran> {
  return start(args, env, input).done;
}

/** JSON lines printed by `--json` runs. */
export function jsonLines(stdout: string): any[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

export function copySeeds(dir: string): void {
  for (const s of SEEDS) copyFileSync(join(FIXTURES, s), join(dir, s));
}


export function randomBytes(n: number, random: () => number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(random() * 256);
  return b;
}
