/**
 * Pipeline threads run with small heaps (memory stays flat across a batch); a file too big for
 * one is processed in a thread of its own with a heap sized from it, under the same time limit;
 * a text too big for any thread, or a file over --max-size, is refused up front. Nothing is
 * processed in the main thread, so no file can end the process or escape --time-limit.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/index.ts';
import { FIXTURES, SEEDS, vanban } from './cli.ts';

describe('a file larger than a pipeline thread can hold', () => {
  it('is ingested all the same, in a thread of its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vanban-big-'));
    const seed = readFileSync(join(FIXTURES, '004_da93ac0c70dab7a2.txt'), 'utf8');
    writeFileSync(join(dir, 'big.txt'), Array.from({ length: 320 }, () => seed).join('\n\n'));
    const db = join(dir, 'a.db');
    const r = await vanban(['ingest', join(dir, 'big.txt'), '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const n = openDb(db, { readonly: true }).prepare('SELECT count(*) AS n FROM documents').get() as { n: number };
    expect(n.n).toBe(320);
  });
});

describe('a file over the default --max-size', () => {
  it('is refused up front with a recorded reason, and the files beside it are stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vanban-huge-'));
    writeFileSync(join(dir, 'huge.txt'), Buffer.alloc(21 * 1024 * 1024, 'a'));
    for (const f of SEEDS.slice(0, 3)) writeFileSync(join(dir, f), readFileSync(join(FIXTURES, f)));
    const db = join(dir, 'a.db');
    const r = await vanban(['ingest', dir, '--db', db]);
    expect(r.code, r.stderr).toBe(1);
    const conn = openDb(db, { readonly: true });
    const errs = conn.prepare('SELECT path, rule FROM ingest_errors').all() as { path: string; rule: string }[];
    expect(errs).toEqual([{ path: join(dir, 'huge.txt'), rule: 'too-large' }]);
    const n = conn.prepare('SELECT count(DISTINCT file_id) AS n FROM documents').get() as { n: number };
    expect(n.n).toBe(3);
  });
});

/** `n` small good files (the seeds, each with its own first line, so each is new). */
function goodFiles(dir: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const seed = SEEDS[i % SEEDS.length];
    const path = join(dir, `good-${i}-${seed}`);
    writeFileSync(path, `Bản ${i}. ${readFileSync(join(FIXTURES, seed), 'utf8')}`);
    return path;
  });
}

function storedPaths(db: string): string[] {
  const conn = openDb(db, { readonly: true });
  return (conn.prepare('SELECT DISTINCT path FROM file_paths ORDER BY path').all() as { path: string }[]).map((r) => r.path);
}

describe('a 100 MB text beside 10 good files, with --max-size 200', () => {
  it('fails alone with a recorded reason, the batch goes on, and the summary is printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vanban-100mb-'));
    const seed = readFileSync(join(FIXTURES, '004_da93ac0c70dab7a2.txt'));
    const big = join(dir, 'big.txt');
    writeFileSync(big, Buffer.concat(Array.from({ length: Math.ceil((100 * 1024 * 1024) / seed.length) }, () => seed)));
    const good = goodFiles(dir, 10);
    const db = join(dir, 'a.db');
    const r = await vanban(['ingest', dir, '--db', db, '--max-size', '200']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^10 ingested, .* 1 failed/m);
    const errs = openDb(db, { readonly: true }).prepare('SELECT path, rule, reason FROM ingest_errors').all() as { path: string; rule: string; reason: string }[];
    expect(errs).toEqual([{ path: big, rule: 'too-large', reason: expect.stringMatching(/^a 10\d MB text needs about \d+ MB of memory/) }]);
    expect(storedPaths(db)).toEqual(good.sort());
  }, 60_000);
});

describe('a 5 MB text on one line beside 10 good files, with --time-limit 20', () => {
  it('is stopped at its time limit (or stored) and cannot stall the batch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vanban-line-'));
    const words = readFileSync(join(FIXTURES, '004_da93ac0c70dab7a2.txt'), 'utf8').replace(/\s+/g, ' ');
    const line = join(dir, 'line.txt');
    writeFileSync(line, words.repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(words))));
    const good = goodFiles(dir, 10);
    const db = join(dir, 'a.db');
    const t0 = Date.now();
    const r = await vanban(['ingest', dir, '--db', db, '--time-limit', '20']);
    const seconds = (Date.now() - t0) / 1000;
    expect(r.stdout).toMatch(/ingested/);
    const errs = openDb(db, { readonly: true }).prepare('SELECT path, rule FROM ingest_errors').all() as { path: string; rule: string }[];
    const stored = storedPaths(db);
    if (errs.length) expect(errs).toEqual([{ path: line, rule: 'time-limit' }]);
    else expect(stored).toContain(line);
    expect(stored.filter((p) => p !== line)).toEqual(good.sort());
    expect(r.code, r.stderr).toBe(errs.length ? 1 : 0);
    // The time limit, the good files and starting up: nowhere near the hours the line took
    // when it was redone in the main thread.
    expect(seconds).toBeLessThan(50);
  }, 60_000);
});
