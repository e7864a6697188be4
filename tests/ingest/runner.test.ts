import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadFile } from '../../src/load/index.ts';
import type { VbFile } from '../../schemas/document.ts';
import { runJobs, type Job } from '../../src/ingest/runner.ts';
import { fold } from '../../src/normalize/index.ts';
import { openDb, type Db } from '../../src/store/index.ts';
import { FIXTURES, makeFile, seedText } from '../store/model.ts';

let db: Db;
beforeEach(() => {
  db = openDb(':memory:');
});
afterEach(() => db.close());

const seed1 = seedText('001').split('\n').filter((l) => l.length > 80);
const processed = (path: string, n: number) => makeFile(path, [{ number: `${n}/KH-UBND`, paragraphs: [seed1[n % seed1.length], seed1[(n + 1) % seed1.length]] }]);
/** A job whose loaded file becomes `processed(path, n)` in the (stand-in) pipeline. */
const job = (path: string, n: number): Job => ({ path, load: async () => ({ ...processed(path, n), documents: [] }) });
const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;

function fakePipeline(calls: string[]) {
  return async (f: VbFile) => {
    calls.push(f.source.path);
    const n = Number(/(\d+)\//.exec(f.text)![1]);
    if (f.source.path.includes('throws')) throw new Error('segment exploded');
    if (f.source.path.includes('error')) return { ...f, messages: [{ stage: 'segment', ruleId: 'no-header', reason: `${f.source.path}: no header`, severity: 'error' as const, start: null, end: null, page: null }] };
    const out = processed(f.source.path, n);
    if (f.source.path.includes('invalid')) (out.documents[0].sections[0] as any).kind = 'chapterette';
    return out;
  };
}
const base = { fold, pipelineVersion: 'v-test' };

describe('runJobs', () => {
  it('processes copies of the same bytes once, and records every failure with its stage and reason', async () => {
    const calls: string[] = [];
    const jobs = [job('a.txt', 1), job('a-copy.txt', 1), job('b.txt', 2), job('error.txt', 3), job('throws.txt', 4), job('invalid.txt', 5)];
    // Copies must have the same bytes: same hash as a.txt.
    jobs[1] = { path: 'a-copy.txt', load: async () => ({ ...(await jobs[0].load()), source: { ...(await jobs[0].load()).source, path: 'a-copy.txt' } }) };
    const s = await runJobs(jobs, { ...base, db, concurrency: 3, process: fakePipeline(calls) });
    expect(calls.filter((c) => c.startsWith('a'))).toHaveLength(1);
    expect(s).toMatchObject({ total: 6, ingested: 2, unchanged: 1, failed: 3, documents: 2 });
    expect(s.failures.map((f) => [f.path, f.stage, f.rule, f.reason])).toEqual(
      expect.arrayContaining([
        ['error.txt', 'segment', 'no-header', 'no header'],
        ['throws.txt', 'pipeline', 'pipeline-failed', 'segment exploded'],
        ['invalid.txt', 'store', 'invalid-model', expect.stringContaining('documents.0.sections.0.kind')],
      ]),
    );
    expect(count('ingest_errors')).toBe(3);
    expect(db.prepare('SELECT path FROM file_paths ORDER BY path').all()).toEqual([{ path: 'a-copy.txt' }, { path: 'a.txt' }, { path: 'b.txt' }]);
  });

  it('stores files in the order of the list whatever order they finish in, so ids are the same on every run', async () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const jobs = Array.from({ length: 12 }, (_, n) => job(`f${String(n).padStart(2, '0')}.txt`, n + 1));
    const calls: string[] = [];
    const pipeline = fakePipeline(calls);
    // The first files take longest: they finish last.
    const slowFirst = async (f: VbFile) => {
      await sleep(5 * (12 - Number(/f(\d+)/.exec(f.source.path)![1])));
      return pipeline(f);
    };
    const order: string[] = [];
    const s = await runJobs(jobs, { ...base, db, concurrency: 4, process: slowFirst, reporter: { start() {}, file: (o) => order.push(o.path), done() {} } });
    expect(s).toMatchObject({ ingested: 12, documents: 12 });
    const stored = db.prepare('SELECT fp.path FROM documents d JOIN file_paths fp ON fp.file_id = d.file_id ORDER BY d.id').all().map((r: any) => r.path);
    expect(stored).toEqual(jobs.map((j) => j.path));
    expect(order).toEqual(jobs.map((j) => j.path));
    // Later files were processed while the first waited: the threads do not idle behind it.
    expect(calls.indexOf('f00.txt')).toBeLessThan(4);
  });

  it('a copy loaded before the file it copies, earlier in the list, is neither a deadlock nor a second document', async () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const a = job('a.txt', 1);
    const slowA: Job = { path: 'a.txt', load: async () => (await sleep(30), a.load()) };
    const copy: Job = { path: 'z-copy.txt', load: async () => ({ ...(await a.load()), source: { ...(await a.load()).source, path: 'z-copy.txt' } }) };
    const s = await runJobs([slowA, job('b.txt', 2), copy], { ...base, db, concurrency: 3, process: fakePipeline([]) });
    expect(s).toMatchObject({ ingested: 2, unchanged: 1, failed: 0, documents: 2 });
    expect(count('documents')).toBe(2);
    expect(db.prepare('SELECT path FROM file_paths ORDER BY path').all()).toEqual([{ path: 'a.txt' }, { path: 'b.txt' }, { path: 'z-copy.txt' }]);
    expect(db.prepare('SELECT fp.path FROM documents d JOIN file_paths fp ON fp.file_id = d.file_id WHERE d.id = 1').get()).toEqual({ path: 'a.txt' });
  });

  it('--force reprocesses stored bytes once per run; a second plain run touches nothing', async () => {
    const calls: string[] = [];
    const jobs = [job('a.txt', 1), job('b.txt', 2)];
    await runJobs(jobs, { ...base, db, process: fakePipeline(calls) });
    const again = await runJobs([...jobs, job('a.txt', 1)], { ...base, db, process: fakePipeline(calls) });
    expect(again).toMatchObject({ ingested: 0, unchanged: 3 });
    expect(calls).toHaveLength(2);
    const forced = await runJobs([...jobs, job('a.txt', 1)], { ...base, db, force: true, concurrency: 1, process: fakePipeline(calls) });
    expect(forced).toMatchObject({ replaced: 2, unchanged: 1 });
    expect(count('documents')).toBe(2);
  });

  it('checkpoints the WAL less often and keeps savepoint journals in memory during a batch, and gives the connection its settings back', async () => {
    db.pragma('wal_autocheckpoint = 700');
    db.pragma('temp_store = FILE');
    let during: unknown[] = [];
    const process = async (f: VbFile) => {
      during = [db.pragma('wal_autocheckpoint', { simple: true }), db.pragma('temp_store', { simple: true })];
      return fakePipeline([])(f);
    };
    await runJobs([job('a.txt', 1)], { ...base, db, process });
    expect(during).toEqual([16_384, 2]); // 2 = MEMORY
    expect([db.pragma('wal_autocheckpoint', { simple: true }), db.pragma('temp_store', { simple: true })]).toEqual([700, 1]); // 1 = FILE
  });

  it('flags files made by an older pipeline version as outdated', async () => {
    await runJobs([job('a.txt', 1)], { ...base, pipelineVersion: 'v-old', db, process: fakePipeline([]) });
    const s = await runJobs([job('a.txt', 1)], { ...base, db, process: fakePipeline([]) });
    expect(s).toMatchObject({ unchanged: 1, outdated: 1 });
  });

  it('stops taking files when interrupted and says so', async () => {
    const ctl = new AbortController();
    const calls: string[] = [];
    const process = async (f: VbFile) => {
      ctl.abort();
      return fakePipeline(calls)(f);
    };
    const s = await runJobs([job('a.txt', 1), job('b.txt', 2), job('c.txt', 3)], { ...base, db, concurrency: 1, process, signal: ctl.signal });
    expect(s).toMatchObject({ ingested: 1, interrupted: true });
    expect(count('files')).toBe(1);
  });

  it('falls back to the main thread when pipeline threads cannot start', async () => {
    const path = join(FIXTURES, '004_da93ac0c70dab7a2.txt');
    const warn = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const s = await runJobs([{ path, load: () => loadFile(path) }], { ...base, db, poolEntry: new URL('./no-such-worker.ts', import.meta.url) });
      expect(s).toMatchObject({ ingested: 1, failed: 0 });
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/could not start a pipeline thread.*main thread/);
    } finally {
      warn.mockRestore();
    }
  });
});
