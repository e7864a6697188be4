/** `vanban lm train` as users run it: through the store, with ingest's input expansion. */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/store/db.ts';
import { jsonLines, ROOT, vanban } from '../ingest/cli.ts';

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

describe('vanban reprocess --outdated-model', () => {
  it('reruns exactly the files made with another model than the current one, once', async () => {
    const dir = tmp();
    try {
      const archive = join(dir, 'archive.db');
      const at = (name: string, text: string) => {
        mkdirSync(join(dir, name.split('/')[0]), { recursive: true });
        writeFileSync(join(dir, name), text);
        return join(dir, name);
      };
      const garbled = (n: number) => `phong chong dich ta lon Chau Phi tren dan heo\nKe hoach so ${n} cua cac ho chan nuoi\n`;
      const ids = () => {
        const db = openDb(archive, { readonly: true });
        try {
          const current = db.prepare("SELECT hash FROM lm_models WHERE name = 'archive'").pluck().get() as string;
          const files = db.prepare('SELECT path, lm_model FROM files ORDER BY path').all() as { path: string; lm_model: string }[];
          return { current, files };
        } finally {
          db.close();
        }
      };
      openDb(archive).close(); // an empty archive
      expect((await vanban(['lm', 'train', at('learn/a.md', CLEAN), '--db', archive])).code).toBe(0);
      const a = ids().current;
      const first = await vanban(['ingest', at('one/1.txt', garbled(1)), at('one/2.txt', garbled(2)), '--db', archive, '--json']);
      expect(first.code, first.stderr).toBe(0);
      expect((await vanban(['lm', 'train', at('learn/b.md', CLEAN.replace('heo', 'bò')), '--db', archive])).code).toBe(0);
      const b = ids().current;
      expect(b).not.toBe(a);
      const later = await vanban(['ingest', at('two/3.txt', garbled(3)), '--db', archive, '--json']);
      expect(later.code, later.stderr).toBe(0);
      // each file records the model it was restored with
      expect(ids().files.map((f) => [f.path, f.lm_model])).toEqual([
        [join(dir, 'one/1.txt'), a],
        [join(dir, 'one/2.txt'), a],
        [join(dir, 'two/3.txt'), b],
      ]);
      // ingest says which stored files were restored with another model
      const seen = await vanban(['ingest', join(dir, 'one'), join(dir, 'two'), '--db', archive, '--json']);
      expect(jsonLines(seen.stdout).find((e) => e.event === 'summary')).toMatchObject({ unchanged: 3, outdated: 0, outdatedModel: 2 });
      const told = await vanban(['ingest', join(dir, 'one'), '--db', archive]);
      expect(told.stdout).toContain('2 unchanged files were restored with another archive model: run `vanban reprocess --outdated-model`');
      // plain reprocess: same pipeline version, nothing to do
      expect(jsonLines((await vanban(['reprocess', '--json', '--db', archive])).stdout).find((e) => e.event === 'summary')).toMatchObject({ total: 0 });
      const dry = await vanban(['reprocess', '--outdated-model', '--dry-run', '--json', '--db', archive]);
      expect(JSON.parse(dry.stdout).map((r: { path: string }) => r.path)).toEqual([join(dir, 'one/1.txt'), join(dir, 'one/2.txt')]);
      const r = await vanban(['reprocess', '--outdated-model', '--json', '--db', archive]);
      expect(r.code, r.stderr).toBe(0);
      const events = jsonLines(r.stdout);
      expect(events.filter((e) => e.event === 'file').map((e) => [e.path, e.status]).sort()).toEqual([
        [join(dir, 'one/1.txt'), 'replaced'],
        [join(dir, 'one/2.txt'), 'replaced'],
      ]);
      expect(events.find((e) => e.event === 'summary')).toMatchObject({ total: 2, replaced: 2, failed: 0 });
      expect(ids().files.map((f) => f.lm_model)).toEqual([b, b, b]);
      const again = await vanban(['reprocess', '--outdated-model', '--json', '--db', archive]);
      expect(jsonLines(again.stdout).find((e) => e.event === 'summary')).toMatchObject({ total: 0 });
      const after = await vanban(['ingest', join(dir, 'one'), join(dir, 'two'), '--db', archive, '--json']);
      expect(jsonLines(after.stdout).find((e) => e.event === 'summary')).toMatchObject({ unchanged: 3, outdatedModel: 0 });
      expect((await vanban(['reprocess', '--help'])).stdout).toContain('--outdated-model');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('the restore stage gets its model from its caller', () => {
  it('never opens the database: no module of src/restore/ imports better-sqlite3 or the store', () => {
    const dir = join(ROOT, 'src', 'restore');
    const modules = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(modules.length).toBeGreaterThan(5);
    for (const m of modules) {
      const imports = [...readFileSync(join(dir, m), 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((x) => x[1]);
      expect(imports.filter((i) => i === 'better-sqlite3' || i.includes('/store/')), m).toEqual([]);
    }
  });

  it('`vanban restore --db` restores with the archive model, which the command reads through the store', async () => {
    const dir = tmp();
    try {
      const archive = join(dir, 'archive.db');
      openDb(archive).close();
      const garbled = 'phong chong dich ta lon Chau Phi tren dan heo\n';
      const before = await vanban(['restore', '--db', archive], {}, garbled);
      expect(before.code, before.stderr).toBe(0);
      writeFileSync(join(dir, 'a.md'), CLEAN);
      expect((await vanban(['lm', 'train', join(dir, 'a.md'), '--db', archive])).code).toBe(0);
      const after = await vanban(['restore', '--db', archive], {}, garbled);
      expect(after.code, after.stderr).toBe(0);
      expect(after.stdout).not.toBe(before.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
