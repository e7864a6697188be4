/**
 * `vanban migrate` brings an archive made by an older vanban up to this one's schema, so that the
 * commands that only read an archive (which never write to it) can open it; they say to run it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../src/store/migrations.ts';
import { vanban } from '../ingest/cli.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-migrate-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vanban migrate', () => {
  it('an archive of schema 9: readers say to migrate it; migrate does; then they read it', async () => {
    const db = join(dir, 'old.db');
    const old = new Database(db);
    migrate(old, MIGRATIONS.slice(0, 9));
    old.close();
    const before = await vanban(['search', 'ke hoach', '--db', db]);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain(`vanban migrate --db ${db}`);
    const r = await vanban(['migrate', '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ db, before: 9, after: LATEST_VERSION, latest: LATEST_VERSION });
    expect((await vanban(['search', 'ke hoach', '--db', db])).code).toBe(0); // opened and answered (no hits)
    expect((await vanban(['stats', '--db', db])).code).toBe(0);
    expect((await vanban(['migrate', '--db', db])).stdout).toContain('up to date');
  });

  it('refuses what is not an archive, naming it, and creates nothing', async () => {
    for (const db of [join(dir, 'missing.db'), join(import.meta.dirname, '../../README.md')]) {
      const r = await vanban(['migrate', '--db', db]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(db);
    }
  });
});
