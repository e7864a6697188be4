/** The cluster commands refuse what they cannot use, naming the option and the reason. */
import { describe, expect, inject, it } from 'vitest';
import { mapPath, parsePathMaps } from '../../src/queue/worker.ts';
import { freshDatabase } from '../helpers/postgres.ts';
import { vanban } from '../ingest/cli.ts';

describe('vanban queue / worker usage', () => {
  it('needs a PostgreSQL archive', async () => {
    for (const args of [['queue', 'add', 'fixtures', '--db', 'x.db'], ['queue', 'status', '--db', 'x.db'], ['worker', '--db', 'x.db']]) {
      const r = await vanban(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/needs a PostgreSQL archive: --db postgresql:\/\/.*not "x\.db"/);
    }
  });

  it('checks --lease and --path-map', async () => {
    const url = inject('pgUrl');
    expect((await vanban(['queue', 'add', 'fixtures', '--lease', '0', '--db', url])).stderr).toMatch(/--lease must be a whole number of seconds/);
    expect((await vanban(['worker', '--path-map', 'nothing', '--db', url])).stderr).toMatch(/--path-map nothing: expected FROM=TO/);
    // `ingest --force` works on PostgreSQL (tests/pg/commands.test.ts).
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

  it('vanban ingest --db postgresql://… queues and stores on this machine, once', async () => {
    const url = await freshDatabase(inject('pgUrl'));
    const files = ['fixtures/000_6b0889c3ebd00c42.txt', 'fixtures/004_da93ac0c70dab7a2.txt', 'fixtures/no-such-file.txt'];
    const first = await vanban(['ingest', ...files, '--jobs', '1', '--db', url]);
    expect(first.code, first.stderr).toBe(1); // the missing input is a failure, recorded
    expect(first.stdout).toMatch(/^2 ingested, 0 reprocessed, 0 unchanged, 1 failed — 4 documents/);
    const again = await vanban(['ingest', ...files.slice(0, 2), '--jobs', '1', '--db', url]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^0 ingested, 0 reprocessed, 2 unchanged, 0 failed/);
    const stats = JSON.parse((await vanban(['stats', '--json', '--db', url])).stdout);
    expect(stats).toMatchObject({ files: 2, documents: 4, ingestErrors: 1 });
  });
});
