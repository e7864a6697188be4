/** `--timeout` through the CLI: a statement that never ends is stopped, exit 1, one line. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/store/db.ts';
import { vanban } from '../ingest/cli.ts';

// No row reaches JavaScript before the end: only killing the process stops it.
const ENDLESS = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c';

describe('query commands under --timeout', () => {
  const withDb = async (fn: (db: string) => Promise<void>) => {
    const dir = mkdtempSync(join(tmpdir(), 'vanban-timeout-'));
    try {
      const db = join(dir, 'a.db');
      openDb(db).close();
      await fn(db);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('stops an endless recursive CTE after --timeout 2: exit 1, one line', () =>
    withDb(async (db) => {
      const t = Date.now();
      const r = await vanban(['sql', ENDLESS, '--timeout', '2', '--db', db]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe('vanban: query stopped after 2 s (--timeout)');
      expect(Date.now() - t).toBeLessThan(15_000);
    }), 30_000);

  it('answers a normal query under the limit, and refuses a bad --timeout (exit 2)', () =>
    withDb(async (db) => {
      const ok = await vanban(['sql', 'SELECT 1 + 1 AS two', '--json', '--db', db]);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout).rows).toEqual([{ two: 2 }]);
      const stats = await vanban(['stats', '--json', '--timeout', '5', '--db', db]);
      expect(stats.code).toBe(0);
      expect(JSON.parse(stats.stdout).documents).toBe(0);
      const bad = await vanban(['tasks', '--timeout', 'soon', '--db', db]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--timeout must be a number of seconds/);
    }), 30_000);
});
