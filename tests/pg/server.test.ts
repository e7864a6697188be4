import { inject, test, expect } from 'vitest';
import pg from 'pg';
import { freshDatabase } from '../helpers/postgres.ts';

test('the run has a PostgreSQL 17 with unaccent and pg_trgm', async () => {
  const url = await freshDatabase(inject('pgUrl'));
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const v = await c.query('SHOW server_version');
    expect(v.rows[0].server_version).toMatch(/^17\./);
    const ext = await c.query("SELECT name FROM pg_available_extensions WHERE name IN ('unaccent', 'pg_trgm') ORDER BY name");
    expect(ext.rows.map((r) => r.name)).toEqual(['pg_trgm', 'unaccent']);
    const coll = await c.query("SELECT datcollate FROM pg_database WHERE datname = current_database()");
    expect(coll.rows[0].datcollate).toBe('C');
  } finally {
    await c.end();
  }
});
