/** The archive as users handle it: the .db file alone, concurrent writers, plain sqlite3 clients. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FIXTURES, SEEDS, vanban } from '../ingest/cli.ts';

const seedPaths = SEEDS.map((s) => join(FIXTURES, s));
const counts = (db: Database.Database) =>
  Object.fromEntries(['files', 'documents', 'sections', 'sections_fts'].map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));

describe('archive safety', () => {
  it('after ingest the .db file alone is the whole archive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vb-alone-'));
    const r = await vanban(['ingest', '--db', join(dir, 'a.db'), ...seedPaths]);
    expect(r.code).toBe(0);
    const other = mkdtempSync(join(tmpdir(), 'vb-copy-'));
    copyFileSync(join(dir, 'a.db'), join(other, 'a.db'));
    const original = new Database(join(dir, 'a.db'), { readonly: true });
    const copy = new Database(join(other, 'a.db'), { readonly: true });
    const want = counts(original);
    expect(want.documents).toBeGreaterThan(0);
    expect(counts(copy)).toEqual(want);
    original.close();
    copy.close();
  }, 120_000);

  for (const n of [2, 4, 8]) {
    it(`${n} concurrent ingests into one new database all succeed`, async () => {
      const dir = mkdtempSync(join(tmpdir(), `vb-conc${n}-`));
      const db = join(dir, 'a.db');
      const runs = await Promise.all(Array.from({ length: n }, () => vanban(['ingest', '--db', db, ...seedPaths])));
      for (const r of runs) expect(r.stderr).not.toMatch(/locked|busy/i), expect(r.code).toBe(0);
      const d = new Database(db, { readonly: true });
      const files = (d.prepare('SELECT count(*) AS n, count(DISTINCT hash) AS h FROM files').get() as { n: number; h: number });
      expect(files.n).toBe(files.h);
      expect(files.n).toBe(new Set(seedPaths).size);
      d.close();
    }, 300_000);
  }

  it.runIf(existsSync('/usr/bin/sqlite3'))('the system sqlite3 searches the archive like vanban search', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vb-cli-'));
    const db = join(dir, 'a.db');
    expect((await vanban(['ingest', '--db', db, ...seedPaths])).code).toBe(0);
    const r = await vanban(['search', 'kế hoạch', '--db', db, '--json', '--limit', '100000']);
    expect(r.code).toBe(0);
    const ours = (JSON.parse(r.stdout) as { section: { id: number } }[]).map((h) => h.section.id).sort((a, b) => a - b);
    const out = execFileSync('/usr/bin/sqlite3', [db, "SELECT rowid FROM sections_fts WHERE sections_fts MATCH 'folded : (ke hoach)' ORDER BY rowid"], { encoding: 'utf8' });
    const theirs = out.trim().split('\n').map(Number);
    expect(ours.length).toBeGreaterThan(0);
    expect(theirs).toEqual(ours);
  }, 120_000);
});
