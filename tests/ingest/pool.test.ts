import { describe, expect, it } from 'vitest';
import { emptyFile } from '../../src/load/index.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { heapBudgetMb, memoryRefusal, PipelinePool, PoolStartError, THREAD_HEAP_MB } from '../../src/ingest/pool.ts';

const file = (text: string) => ({ ...emptyFile(`${text}.txt`), text });
const entry = new URL('./stub-worker.ts', import.meta.url);

describe('PipelinePool', () => {
  it('stops a file past its time limit, fails it with a reason, and goes on with a fresh thread', async () => {
    const pool = new PipelinePool({ size: 1, timeLimitMs: (f) => (f.text.includes('HANG') ? 1_500 : 60_000), pipeline: {}, entry });
    try {
      const before = (await pool.run(file('one'))).file;
      expect(before.text).toMatch(/^ONE @\d+$/);
      const [hung, after] = (await Promise.all([pool.run(file('HANG')), pool.run(file('two'))])).map((r) => r.file);
      expect(hung.messages.map((m) => [m.severity, m.ruleId])).toEqual([['error', 'time-limit']]);
      expect(hung.messages[0].reason).toMatch(/longer than 2 s/);
      expect(after.text).toMatch(/^TWO @\d+$/);
      expect(after.text.split('@')[1]).not.toBe(before.text.split('@')[1]);
    } finally {
      await pool.close();
    }
  });

  it('queues files in a thread and answers each with its own result, in any number', async () => {
    const pool = new PipelinePool({ size: 1, timeLimitMs: () => 60_000, pipeline: {}, entry });
    try {
      const names = ['a', 'b', 'c', 'd', 'e'];
      const out = (await Promise.all(names.map((n) => pool.run(file(n))))).map((r) => r.file.text);
      const thread = out[0].split('@')[1];
      expect(out).toEqual(names.map((n) => `${n.toUpperCase()} @${thread}`));
    } finally {
      await pool.close();
    }
  });

  it('queues text files deep, but only one file behind a scan, on the thread with the shortest queue', async () => {
    const pool = new PipelinePool({ size: 2, timeLimitMs: () => 60_000, pipeline: {}, entry });
    try {
      const scan = file('SLOW');
      scan.source.mediaType = 'application/pdf';
      const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
      const [slow, ...texts] = (await Promise.all([scan, ...names.map(file)].map((f) => pool.run(f)))).map((r) => r.file.text);
      const scanThread = slow.split('@')[1];
      const behindScan = texts.filter((t) => t.split('@')[1] === scanThread);
      expect(texts.map((t) => t.split(' ')[0])).toEqual(names.map((n) => n.toUpperCase()));
      // the scan's thread takes one file more; the other thread takes the rest
      expect(behindScan.length).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('runs the files queued behind one that kills its thread in a fresh thread', async () => {
    const pool = new PipelinePool({ size: 1, timeLimitMs: () => 60_000, pipeline: {}, entry });
    try {
      const [died, next, last] = (await Promise.all(['EXIT', 'next', 'last'].map((n) => pool.run(file(n))))).map((r) => r.file);
      expect(died.messages[0]).toMatchObject({ ruleId: 'worker-crashed', severity: 'error' });
      expect(next.messages).toEqual([]);
      expect(next.text).toMatch(/^NEXT @\d+$/);
      expect(last.text).toMatch(/^LAST @\d+$/);
    } finally {
      await pool.close();
    }
  });

  it('fails the files queued in a thread whose replacement cannot start, then refuses to start threads', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'vanban-pool-')), 'no-start');
    process.env.VANBAN_STUB_NO_START = marker;
    const pool = new PipelinePool({ size: 1, timeLimitMs: () => 60_000, pipeline: {}, entry });
    try {
      expect((await pool.run(file('first'))).file.text).toMatch(/^FIRST @/);
      writeFileSync(marker, '');
      const [died, queued] = (await Promise.all([pool.run(file('EXIT')), pool.run(file('queued'))])).map((r) => r.file);
      expect(died.messages[0]).toMatchObject({ ruleId: 'worker-crashed' });
      expect(queued.messages[0]).toMatchObject({ ruleId: 'worker-crashed', reason: expect.stringMatching(/could not be restarted/) });
      await expect(pool.run(file('later'))).rejects.toBeInstanceOf(PoolStartError);
    } finally {
      delete process.env.VANBAN_STUB_NO_START;
      await pool.close();
    }
  });

  it('turns a thread that dies or a stage that throws into a failed file', async () => {
    const pool = new PipelinePool({ size: 2, timeLimitMs: () => 60_000, pipeline: {}, entry });
    try {
      const [died, threw, fine] = (await Promise.all([pool.run(file('EXIT')), pool.run(file('THROW')), pool.run(file('ok'))])).map((r) => r.file);
      expect(died.messages[0]).toMatchObject({ ruleId: 'worker-crashed', severity: 'error' });
      expect(threw.messages[0]).toMatchObject({ ruleId: 'pipeline-failed', reason: 'Error: stage blew up' });
      expect(fine.text).toMatch(/^OK @/);
      expect((await pool.run(file('again'))).file.text).toMatch(/^AGAIN @/);
    } finally {
      await pool.close();
    }
  });

  it('asks for the shared model once, when the first file needs a thread, and gives it to every thread before its first file', async () => {
    let asked = 0;
    const model = async () => {
      asked++;
      // slower than a thread's start: the threads wait for it
      await new Promise((r) => setTimeout(r, 500));
      return { key: 'archive.db' } as any;
    };
    const pool = new PipelinePool({ size: 2, timeLimitMs: () => 60_000, pipeline: {}, entry, model });
    try {
      expect(asked).toBe(0); // a batch whose files are all stored never loads it
      const out = await Promise.all([pool.run(file('MODEL a')), pool.run(file('MODEL b')), pool.run(file('MODEL c'))]);
      expect(out.map((r) => r.file.text)).toEqual(['model archive.db', 'model archive.db', 'model archive.db']);
      expect(asked).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('retries a file that runs its thread out of memory once, in a thread with a heap sized from the file, and goes on', async () => {
    const pool = new PipelinePool({ size: 1, timeLimitMs: () => 60_000, pipeline: {}, entry });
    try {
      const big = file(`HOG ${THREAD_HEAP_MB + 40}`);
      big.source.size = 8 * 1024 * 1024;
      const budget = heapBudgetMb(big);
      expect(budget).toBeGreaterThan(THREAD_HEAP_MB + 60);
      const [held, after] = (await Promise.all([pool.run(big), pool.run(file('after'))])).map((r) => r.file);
      expect(held.messages).toEqual([]);
      expect(held.text).toMatch(new RegExp(`^held ${THREAD_HEAP_MB + 40} MB in ${budget} MB @`));
      expect(after.text).toMatch(/^AFTER @/);
    } finally {
      await pool.close();
    }
  });

  it('fails a file that runs even the larger thread out of memory, with the memory it was given, and goes on', async () => {
    const pool = new PipelinePool({ size: 1, timeLimitMs: () => 60_000, pipeline: {}, entry });
    try {
      const huge = file('HOG 100000');
      const [failed, after] = (await Promise.all([pool.run(huge), pool.run(file('after'))])).map((r) => r.file);
      expect(failed.messages.map((m) => [m.severity, m.ruleId])).toEqual([['error', 'out-of-memory']]);
      expect(failed.messages[0].reason).toMatch(new RegExp(`^needs more than ${heapBudgetMb(huge)} MB of memory`));
      expect(after.text).toMatch(/^AFTER @/);
      expect((await pool.run(file('later'))).file.text).toMatch(/^LATER @/);
    } finally {
      await pool.close();
    }
  });

  it('refuses up front a text that would need more memory than a thread may have, and nothing else', () => {
    const text = file('words');
    text.source.mediaType = 'text/plain';
    text.source.size = 100 * 1024 ** 3;
    expect(memoryRefusal(text)).toMatch(/^a 102400 MB text needs about \d+ MB of memory to process, more than the \d+ MB/);
    text.source.size = 1024 ** 2;
    expect(memoryRefusal(text)).toBeUndefined();
    const scan = file('pixels');
    scan.source.mediaType = 'application/pdf';
    scan.source.size = 100 * 1024 ** 3;
    expect(memoryRefusal(scan)).toBeUndefined();
  });
});
