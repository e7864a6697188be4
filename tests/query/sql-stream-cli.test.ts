/**
 * `vanban sql --json` and `--csv` write rows as SQLite returns them: a result far larger than the
 * heap streams out whole (it held every row and died, exit 134, at 1M rows under a 48 MB heap), the
 * streamed JSON is the same value the rows make, and `--max-rows` caps it, saying so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlOutput } from '../../schemas/query.ts';
import { openDb } from '../../src/store/db.ts';
import { exportTable, runSql } from '../../src/query/sql.ts';
import { vanban } from '../ingest/cli.ts';

let dir: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-sqlstream-'));
  db = join(dir, 'a.db');
  openDb(db).close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = (n: number) => `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT ${n}) SELECT x, printf('%050d', x) AS pad FROM c`;

describe('vanban sql, streamed', () => {
  it('writes a million rows under a 48 MB heap, with --json and with --csv', async () => {
    const env = { NODE_OPTIONS: '--max-old-space-size=48' };
    const json = await vanban(['sql', rows(1_000_000), '--json', '--db', db], env);
    expect(json.code, json.stderr).toBe(0);
    const out = SqlOutput.parse(JSON.parse(json.stdout));
    expect(out.count).toBe(1_000_000);
    expect(out.truncated).toBe(false);
    expect(out.rows[999_999]).toEqual({ x: 1_000_000, pad: '1000000'.padStart(50, '0') });
    const csv = await vanban(['sql', rows(1_000_000), '--csv', '--db', db], env);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1_000_001);
    expect(lines[0]).toBe('x,pad');
  }, 120_000);

  it('gives the value the rows make: nulls, blobs as base64, quotes, newlines, no rows', async () => {
    const queries = [
      `SELECT 1 AS n, NULL AS absent, x'00ff' AS blob, 'say "hi"' || char(10) || 'đ' AS text, 1.5 AS real`,
      'SELECT 1 AS n WHERE 0',
      rows(5),
    ];
    const conn = openDb(db, { readonly: true });
    try {
      for (const q of queries) {
        const r = await vanban(['sql', q, '--json', '--db', db]);
        expect(r.code, r.stderr).toBe(0);
        const plain = runSql(conn, q);
        const expected = JSON.parse(JSON.stringify({ columns: plain.columns, rows: plain.rows, count: plain.rows.length, truncated: false }, (_k, v) => (v?.type === 'Buffer' ? Buffer.from(v.data).toString('base64') : v)));
        expect(SqlOutput.parse(JSON.parse(r.stdout))).toEqual(expected);
      }
    } finally {
      conn.close();
    }
  });

  it('stops at --max-rows and says so: truncated in JSON, a line on stderr with --csv', async () => {
    const json = await vanban(['sql', rows(10), '--json', '--max-rows', '3', '--db', db]);
    expect(json.code, json.stderr).toBe(0);
    const out = SqlOutput.parse(JSON.parse(json.stdout));
    expect([out.count, out.truncated, out.rows.map((r) => r.x)]).toEqual([3, true, [1, 2, 3]]);
    const csv = await vanban(['sql', rows(10), '--csv', '--max-rows', '3', '--db', db]);
    expect(csv.stdout.trimEnd().split('\n')).toHaveLength(4);
    expect(csv.stderr).toMatch(/only the first 3 rows/);
    const table = await vanban(['sql', rows(300), '--db', db]);
    expect(table.stdout).toMatch(/only the first 200 shown/);
  });

  it('export --format jsonl writes blobs as base64 too (they came out as {"type":"Buffer",…})', async () => {
    const conn = openDb(join(dir, 'blob.db'));
    try {
      conn.exec("CREATE TABLE b (v BLOB); INSERT INTO b VALUES (x'00ff')");
      const lines: string[] = [];
      for await (const l of await exportTable(conn, 'b', 'jsonl')) lines.push(l);
      expect(lines).toEqual(['{"v":"AP8="}']);
    } finally {
      conn.close();
    }
  });
});
