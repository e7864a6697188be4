/**
 * `vanban ocr FILE…` reads several files at once (as many as the OCR pool has workers) and
 * prints them in the order given, whichever finishes first.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FIXTURES, vanban } from '../ingest/cli.ts';

describe('vanban ocr with several files', () => {
  it('prints each in the order given, a slow scan before a quick text layer', async () => {
    const scan = join(FIXTURES, 'pdf/s001-p1-150.jpg');
    const text = join(FIXTURES, 'pdf/s000-text.pdf');
    const r = await vanban(['ocr', scan, text, '--json', '--jobs', '2']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { path: string; text: string }[];
    expect(out.map((o) => o.path)).toEqual([scan, text]);
    expect(out[0]!.text).toMatch(/857\/QĐ-UBND/);
    expect(out[1]!.text).toMatch(/7260\/VP-KGVX/);
    const plain = await vanban(['ocr', scan, text, '--jobs', '2']);
    expect(plain.stdout.indexOf('857/QĐ-UBND')).toBeLessThan(plain.stdout.indexOf('7260/VP-KGVX'));
  }, 120_000);
});
