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
  const { startPostgres } = await import('./postgres.ts');
  const server = await startPostgres();
  project.provide('pgUrl', server.url);
  return () => server.stop();
}
