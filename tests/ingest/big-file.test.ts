/**
 * Pipeline threads run with small heaps (memory stays flat across a batch); a file too big for
 * one is redone in the main thread instead of failing.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/index.ts';
import { FIXTURES, vanban } from './cli.ts';

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
