/** `vanban migrate` on a PostgreSQL archive: its version, or that there is no archive there. */
import { expect, inject, it } from 'vitest';
import { closePg, openPg } from '../../src/store/pg.ts';
import { LATEST_VERSION } from '../../src/store/migrations.ts';
import { freshDatabase } from '../helpers/postgres.ts';
import { vanban } from '../ingest/cli.ts';

it('vanban migrate --db postgresql://… reports the version, or no archive', async () => {
  const url = await freshDatabase(inject('pgUrl'));
  const none = await vanban(['migrate', '--db', url]);
  expect(none.code).toBe(1);
  expect(none.stderr).toMatch(/no vanban archive in this database/);
  await closePg(await openPg(url)); // a writer makes the archive
  const r = await vanban(['migrate', '--json', '--db', url]);
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ before: LATEST_VERSION, after: LATEST_VERSION, latest: LATEST_VERSION });
  expect(r.stdout).not.toMatch(/:vanban@/); // the password is not printed
});
