/** `vanban lm train` as users run it: through the store, with ingest's input expansion. */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/store/db.ts';
import { vanban } from '../ingest/cli.ts';

const CLEAN = [
  'Ủy ban nhân dân tỉnh chỉ đạo tăng cường phòng, chống dịch tả lợn Châu Phi trên địa bàn.',
  'Các huyện tổ chức tiêm phòng cho đàn heo, giám sát chặt chẽ dịch bệnh trên địa bàn tỉnh.',
].join('\n');

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'vanban-lmcli-'));
}

describe('vanban lm train', () => {
  it('refuses a database that does not exist, and creates nothing (exit 1, path named)', async () => {
    const dir = tmp();
    try {
      writeFileSync(join(dir, 'a.md'), CLEAN);
      const typo = join(dir, 'typo.db');
      const r = await vanban(['lm', 'train', join(dir, 'a.md'), '--db', typo]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(typo);
      expect(existsSync(typo)).toBe(false);
      expect(existsSync(typo + '-wal')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves a SQLite database that is not a vanban archive untouched', async () => {
    const dir = tmp();
    try {
      writeFileSync(join(dir, 'a.md'), CLEAN);
      const other = join(dir, 'other.db');
      const { default: Database } = await import('better-sqlite3');
      const o = new Database(other);
      o.exec('CREATE TABLE t (x)');
      o.close();
      const before = readFileSync(other);
      const r = await vanban(['lm', 'train', join(dir, 'a.md'), '--db', other]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${other}: not a vanban archive`);
      expect(readFileSync(other).equals(before)).toBe(true);
      expect(existsSync(other + '-wal')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('honours .vanbanignore as ingest does: learns from documents, not from what is ignored', async () => {
    const dir = tmp();
    try {
      const docs = join(dir, 'docs');
      mkdirSync(join(docs, 'gold'), { recursive: true });
      writeFileSync(join(docs, 'a.md'), CLEAN);
      writeFileSync(join(docs, 'gold', 'answer.md'), CLEAN.replace('heo', 'bò'));
      writeFileSync(join(docs, '.vanbanignore'), 'gold/\n');
      const archive = join(dir, 'archive.db');
      openDb(archive).close(); // an empty archive, as `vanban ingest` would make it
      const r = await vanban(['lm', 'train', docs, '--db', archive, '--json']);
      expect(r.code).toBe(0);
      const rep = JSON.parse(r.stdout);
      expect(rep.added.map((a: { path: string }) => a.path)).toEqual([join(docs, 'a.md')]);
      expect(rep.skipped).toEqual([]);
      const db = openDb(archive, { readonly: true });
      const row = db.prepare('SELECT sources FROM lm_models').get() as { sources: string };
      db.close();
      expect(JSON.parse(row.sources).map((s: { path: string }) => s.path)).toEqual([join(docs, 'a.md')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
