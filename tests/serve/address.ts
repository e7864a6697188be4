import type { ChildProcess } from 'node:child_process';

/** The address `vanban serve` prints it answers on, and what it had printed by then. */
export function servedAddress(child: ChildProcess): Promise<{ url: string; out: string }> {
  let out = '';
  return new Promise((resolve) =>
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve({ url: m[1]!, out });
    }),
  );
}
