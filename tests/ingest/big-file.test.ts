/**
 * Pipeline threads run with small heaps (memory stays flat across a batch); a file too big for
 * one is redone in the main thread instead of failing; a file over --max-size is refused up front.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/index.ts';
import { FIXTURES, SEEDS, vanban } from './cli.ts';

describe('a file larger than a pipeline thread can hold', () => {
  it('is ingested all the same, in the main thread', async () => {
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
