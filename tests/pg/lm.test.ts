/**
 * The archive's restoration model on PostgreSQL is changed by many processes at once: workers
 * on several machines teach it what they stored, `vanban lm train` adds files. Each change is a
 * read of the model, counts added, a write: two at the same moment must not lose one another's
 * counts (the second reading the model before the first committed, then overwriting it). They
 * are serialised by an advisory lock taken before the model is read (store/lm-table.ts LM_LOCK):
 * here the first change holds its transaction open a while after writing, and the second, begun
 * meanwhile, still ends up with both.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { freshDatabase } from '../helpers/postgres.ts';
import { closePg, openPg, pgRead, pgTransaction, type PgArchive } from '../../src/store/pg.ts';
import { deleteLmQ, readLmQ, trainLmQ } from '../../src/store/lm-table.ts';
import { trainArchive } from '../../src/restore/train.ts';
import { run } from '../../src/store/sql.ts';

let a: PgArchive;
beforeAll(async () => {
  a = await openPg(await freshDatabase(inject('pgUrl')));
});
afterAll(async () => {
  await closePg(a);
});

const doc = (path: string) => {
  const text = readFileSync(path, 'utf8');
  return { path, hash: createHash('sha256').update(text).digest('hex'), text };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Add one document to the model; the transaction stays open `holdMs` after the write. */
const train = (d: ReturnType<typeof doc>, holdMs = 0) =>
  pgTransaction(
    a,
    (function* () {
      const out = yield* trainLmQ((previous) => trainArchive(previous, [d]), new Date().toISOString());
      if (holdMs) yield* run('SELECT pg_sleep(?)', [holdMs / 1000]);
      return out.report.added.length;
    })(),
  );

for (const start of ['a new archive (no model row yet)', 'a model already there']) {
  test(`two changes at once on ${start}: neither is lost`, async () => {
    await pgTransaction(a, deleteLmQ());
    const before = start.startsWith('a new') ? [] : [doc('fixtures/pdf/s001.txt')];
    for (const d of before) await train(d);
    const [x, y] = [doc('fixtures/000_6b0889c3ebd00c42.txt'), doc('fixtures/001_3ab4f0c448453941.txt')];
    trainArchive(null, [x]); // warm: what the first does before it writes takes no time below
    const first = train(x, 1500);
    await sleep(500); // the first has written its model and not committed
    const second = train(y);
    expect(await Promise.all([first, second])).toEqual([1, 1]);
    const m = await pgRead(a, readLmQ());
    expect(JSON.parse(m!.sources).map((s: { path: string }) => s.path).sort()).toEqual([...before, x, y].map((d) => d.path).sort());
  });
}
