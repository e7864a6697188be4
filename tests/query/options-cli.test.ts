/** Usage errors for filters and numbers, through the CLI: exit 2 and a message, never a query. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/store/db.ts';
import { vanban } from '../ingest/cli.ts';

describe('filters and numbers are checked before any query', () => {
  const cases: [string[], RegExp][] = [
    [['cites', '%'], /NUMBER needs a letter or digit/],
    [['targets', '--subject', '%'], /--subject needs a letter or digit/],
    [['cites', '45/2020/NĐ-CP', '--issuer', '%%'], /--issuer needs a letter or digit/],
    [['search', 'ke hoach', '--province', '-'], /--province needs a letter or digit/],
    [['search', 'ke hoach', '--limit', '99999999999999999999'], /--limit must be a positive whole number/],
    [['search', 'ke hoach', '--limit', '-3'], /--limit must be a positive whole number/],
    [['tasks', '--limit', '2.5'], /--limit must be a positive whole number/],
    [['tasks', '--limit', '99999999999999999999'], /--limit must be a positive whole number/],
  ];
  it.each(cases)('%j is a usage error', async (args, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'vanban-opts-'));
    try {
      const db = join(dir, 'a.db');
      openDb(db).close();
      const r = await vanban([...args, '--db', db]);
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
