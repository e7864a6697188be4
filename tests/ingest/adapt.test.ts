/**
 * `ingest` teaches the archive's restoration model (issue 20): each clean file it stores (text or
 * text layer, left alone by restoration) is learnt once, when the batch ends; garbled and OCR
 * files never are; `--no-adapt` turns it off. Files read with the model (restored, or OCR) are
 * the only ones `reprocess --outdated-model` reruns once the model has grown.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, jsonLines, SEEDS, vanban } from './cli.ts';

let dir: string;
const GARBLED = SEEDS.find((s) => s.startsWith('002'))!; // raw OCR output with lost diacritics
const CLEAN = SEEDS.filter((s) => s !== GARBLED);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-adapt-'));
  for (const [sub, files] of [['first', [CLEAN[0]!, GARBLED]], ['second', [CLEAN[1]!, CLEAN[2]!]]] as const) {
    mkdirSync(join(dir, sub));
    for (const f of files) copyFileSync(join(FIXTURES, f), join(dir, sub, f));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const model = async (db: string) => JSON.parse((await vanban(['lm', 'show', '--json', '--db', db])).stdout).archive;
const summary = (stdout: string) => jsonLines(stdout).find((e) => e.event === 'summary');

describe('ingest teaches the archive model', () => {
  const db = () => join(dir, 'a.db');

  it('learns the clean files of a batch, never the garbled one', async () => {
    const r = await vanban(['ingest', join(dir, 'first'), '--json', '--db', db()]);
    expect(r.code, r.stderr).toBe(0);
    expect(summary(r.stdout)).toMatchObject({ ingested: 2, learnt: 1 });
    const m = await model(db());
    expect(m.sources.map((s: any) => s.path)).toEqual([join(dir, 'first', CLEAN[0]!)]);
    expect(m.tokens).toBeGreaterThan(1000);
  });

  it('a later batch adds its own clean files; only the file read with the model is outdated', async () => {
    const before = await model(db());
    const r = await vanban(['ingest', join(dir, 'first'), join(dir, 'second'), '--json', '--db', db()]);
    expect(r.code, r.stderr).toBe(0);
    const s = summary(r.stdout);
    // The clean file stored before is not "made with another model"; the garbled one is.
    expect(s).toMatchObject({ ingested: 2, unchanged: 2, learnt: 2, outdatedModel: 1 });
    const m = await model(db());
    expect(m.sources).toHaveLength(3);
    expect(m.id).not.toBe(before.id);
    expect(m.tokens).toBeGreaterThan(before.tokens);
    const dry = await vanban(['reprocess', '--outdated-model', '--dry-run', '--db', db()]);
    expect(dry.stdout).toContain(GARBLED);
    for (const c of CLEAN) expect(dry.stdout).not.toContain(c);
  });

  it('the same files again teach nothing', async () => {
    const before = await model(db());
    const r = await vanban(['ingest', join(dir, 'second'), '--force', '--json', '--db', db()]);
    expect(summary(r.stdout)).toMatchObject({ replaced: 2, learnt: 0 });
    expect((await model(db())).id).toBe(before.id);
  });

  it('--no-adapt leaves the model alone', async () => {
    const other = join(dir, 'b.db');
    const r = await vanban(['ingest', join(dir, 'second'), '--no-adapt', '--json', '--db', other]);
    expect(summary(r.stdout)).toMatchObject({ ingested: 2, learnt: 0 });
    expect(await model(other)).toBeNull();
  });
});
