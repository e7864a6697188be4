/** The cluster commands refuse what they cannot use, naming the option and the reason. */
import { describe, expect, inject, it } from 'vitest';
import { mapPath, parsePathMaps } from '../../src/queue/worker.ts';
import { vanban } from '../ingest/cli.ts';

describe('vanban queue / worker usage', () => {
  it('needs a PostgreSQL archive', async () => {
    for (const args of [['queue', 'add', 'fixtures', '--db', 'x.db'], ['queue', 'status', '--db', 'x.db'], ['worker', '--db', 'x.db']]) {
      const r = await vanban(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/needs a PostgreSQL archive: --db postgresql:\/\/.*not "x\.db"/);
    }
  });

  it('checks --lease, --path-map and --force', async () => {
    const url = inject('pgUrl');
    expect((await vanban(['queue', 'add', 'fixtures', '--lease', '0', '--db', url])).stderr).toMatch(/--lease must be a whole number of seconds/);
    expect((await vanban(['worker', '--path-map', 'nothing', '--db', url])).stderr).toMatch(/--path-map nothing: expected FROM=TO/);
    const force = await vanban(['ingest', 'fixtures', '--force', '--db', url]);
    expect(force.code).toBe(2);
    expect(force.stderr).toMatch(/--force: not on a PostgreSQL archive/);
  });

  it('maps queued paths to where this machine mounts them', () => {
    const maps = parsePathMaps(['/archive=/mnt/a', '/other/=/x/']);
    expect(mapPath('/archive/2021/a.pdf', maps)).toBe('/mnt/a/2021/a.pdf');
    expect(mapPath('/other/b.txt', maps)).toBe('/x/b.txt');
    expect(mapPath('/elsewhere/c.txt', maps)).toBe('/elsewhere/c.txt');
  });

  it('says why a PostgreSQL archive cannot be opened, without the password', async () => {
    const r = await vanban(['stats', '--db', 'postgresql://u:secret@127.0.0.1:1/none']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/postgresql:\/\/u:\*\*\*@127\.0\.0\.1:1\/none/);
    expect(r.stderr).not.toMatch(/secret/);
  });
});
