/**
 * One restoration model per batch: the archive's model as the batch starts restores every file
 * of it, and every file records that model, even when `vanban lm train` replaces it mid-batch
 * (simulated here: a job's load writes a new model into the archive, as a concurrent `lm train`
 * would commit one).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyFile } from '../../src/load/index.ts';
import { runJobs, type Job } from '../../src/ingest/runner.ts';
import { fold } from '../../src/normalize/index.ts';
import { modelFor, restoreText } from '../../src/restore/index.ts';
import { trainArchive } from '../../src/restore/train.ts';
import { openDb, type Db } from '../../src/store/index.ts';
import { currentLm, DEFAULT_LM_NAME, readLm, writeLm } from '../../src/store/lm-table.ts';
import { ROOT } from './cli.ts';

const GARBLED = 'phong chong dich ta lon Chau Phi tren dan heo';
const CLEAN_A = [
  'Ủy ban nhân dân tỉnh chỉ đạo tăng cường phòng, chống dịch tả lợn Châu Phi trên địa bàn.',
  'Các huyện tổ chức tiêm phòng cho đàn heo, giám sát chặt chẽ dịch tả lợn Châu Phi.',
  'Kế hoạch phòng chống dịch tả lợn Châu Phi năm 2022 trên đàn heo của các hộ chăn nuôi.',
  'Phòng chống dịch bệnh trên đàn heo là nhiệm vụ trọng tâm; dịch tả lợn Châu Phi lây lan nhanh.',
].join('\n');
// Another archive's clean text, about something else: a model learnt from it alone restores
// the sentence otherwise.
const CLEAN_B = readFileSync(join(ROOT, 'fixtures', 'restore', '002.gold.txt'), 'utf8');

function train(db: Db, text: string, hash: string, reset = false): void {
  const { trained } = trainArchive(readLm(db), [{ path: `${hash}.md`, hash, text }], { reset });
  writeLm(db, { name: DEFAULT_LM_NAME, ...trained!, updated: new Date().toISOString() });
}

const stored = (db: Db) => db.prepare('SELECT count(*) FROM files').pluck().get() as number;

/**
 * Text files with the garbled sentence (different bytes each). The third one's load waits until
 * two files are stored, then retrains the archive's model: part of the batch is stored, and that
 * file at least is processed after the change.
 */
function jobs(db: Db, n: number, midBatch: () => void): Job[] {
  return Array.from({ length: n }, (_, i) => ({
    path: `f${i}.txt`,
    load: async () => {
      if (i === 2) {
        while (stored(db) < 2) await new Promise((r) => setTimeout(r, 10));
        midBatch();
      }
      const text = `${GARBLED}\n${GARBLED} ${i}\n`;
      const f = emptyFile(`f${i}.txt`);
      f.source = { path: `f${i}.txt`, hash: `hash-${i}`, size: Buffer.byteLength(text), mediaType: 'text/plain', encoding: 'utf-8' };
      f.original = text;
      f.text = text;
      return f;
    },
  }));
}

let db: Db;
beforeEach(() => {
  db = openDb(':memory:');
});
afterEach(() => db.close());

describe('one restoration model per batch', () => {
  it.each([
    ['in pipeline threads', true],
    ['in the main thread', false],
  ])('a model trained mid-batch changes nothing for the rest of the batch (%s)', async (_, threads) => {
    train(db, CLEAN_A, 'a');
    const a = currentLm(db)!;
    const byA = restoreText(GARBLED, modelFor(a)).text;
    let b = '';
    let trainedAt = -1;
    const s = await runJobs(jobs(db, 6, () => {
      trainedAt = stored(db);
      train(db, CLEAN_B, 'b', true);
      b = currentLm(db)!.id;
    }), { db, fold, pipelineVersion: 'v-test', concurrency: 1, threads });
    expect(s).toMatchObject({ ingested: 6, failed: 0 });
    // the archive's model did change during the batch, and restores the sentence otherwise
    expect(b).not.toBe('');
    expect(b).not.toBe(a.id);
    // files were stored before the new model, and f2 (whose load trained it) was processed after
    expect(trainedAt).toBeGreaterThanOrEqual(2);
    expect(restoreText(GARBLED, modelFor(currentLm(db))).text).not.toBe(byA);
    const rows = db.prepare('SELECT path, lm_model, text FROM files ORDER BY path').all() as { path: string; lm_model: string; text: string }[];
    expect(rows.map((r) => r.lm_model)).toEqual(Array(6).fill(a.id));
    for (const r of rows) expect(r.text.split('\n')[0]).toBe(byA);
    // the next batch takes the new model
    await runJobs(jobs(db, 1, () => {}), { db, fold, pipelineVersion: 'v-test', force: true, threads });
    expect(db.prepare("SELECT lm_model FROM files WHERE path = 'f0.txt'").pluck().get()).toBe(b);
  }, 120_000);

  it('records no model when restoration is off, or when the archive has none', async () => {
    await runJobs(jobs(db, 2, () => {}), { db, fold, pipelineVersion: 'v-test', threads: false });
    train(db, CLEAN_A, 'a');
    await runJobs(jobs(db, 4, () => {}).slice(2), { db, fold, pipelineVersion: 'v-test', threads: false, pipeline: { restore: { off: true } } });
    expect(db.prepare('SELECT lm_model FROM files ORDER BY path').pluck().all()).toEqual([null, null, null, null]);
  }, 120_000);
});
