/**
 * dev/pdf: a born-digital plan whose printed lines break inside codes ("35/TTr-" ⏎ "STTTT",
 * "37-" ⏎ "CT/TW", "Quý III-" ⏎ "IV/2021"), made by scripts/make-dev-pdfs.ts.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ROOT, vanban } from '../ingest/cli.ts';

const PDF = join(ROOT, 'dev/pdf/p01_bariavungtau_kh_2021_linebreaks.pdf');

describe('vanban extract --json on a PDF with codes broken at line ends', () => {
  it('gives every cited number whole, and says where it rejoined them', async () => {
    const r = await vanban(['extract', '--json', PDF]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const file = Array.isArray(out) ? out[0] : out;
    const numbers = file.documents.flatMap((d: any) => d.references.map((x: any) => x.number));
    expect(numbers).toContain('35/TTr-STTTT');
    expect(numbers).toContain('37-CT/TW');
    expect(numbers).not.toContain('35/TTr');
    const joined = file.messages.filter((m: any) => m.stage === 'layout' && m.ruleId === 'line-break-hyphen');
    expect(joined.map((m: any) => m.reason.match(/read as '([^']+)'/)?.[1]).sort()).toEqual(['35/TTr-STTTT', '37-CT/TW', 'III-IV/2021']);
    expect(joined.every((m: any) => m.page === 1 && m.start < m.end)).toBe(true);
  }, 60_000);
});
