/**
 * dev/pdf: a born-digital plan whose printed lines break inside codes ("35/TTr-" ⏎ "STTTT",
 * "37-" ⏎ "CT/TW", "Quý III-" ⏎ "IV/2021"), made by scripts/make-dev-pdfs.ts.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ROOT, vanban } from '../ingest/cli.ts';

const PDF = join(ROOT, 'dev/pdf/p01_bariavungtau_kh_2021_linebreaks.pdf');
const SCAN = join(ROOT, 'dev/pdf/p01_bariavungtau_kh_2021_linebreaks-scan200.pdf');

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

  it('reads paragraphs, not printed lines, and keeps the page number and running footer out of the sections', async () => {
    const r = await vanban(['extract', '--json', PDF]);
    const file = JSON.parse(r.stdout);
    const doc = (Array.isArray(file) ? file[0] : file).documents[0];
    const sections = doc.sections.map((s: any) => [s.kind, s.label, s.page]);
    // headings still open their own sections, in order, on their pages
    expect(sections.filter((s: any) => s[0] === 'part').map((s: any) => s[1])).toEqual(['I', 'II', 'III', 'IV']);
    expect(sections.filter((s: any) => s[0] === 'clause').map((s: any) => `${s[1]}@${s[2]}`)).toEqual(['1@1', '2@1', '1@1', '2@1', '3@2', '4@2', '5@2', '6@2']);
    expect(doc.sections.some((s: any) => /^\d+$|Kế hoạch triển khai dịch vụ công trực tuyến năm 2021$/.test(s.text))).toBe(false);
    // a clause broken by the page break (and the page number over it) stays one section
    const clause2 = doc.sections.filter((s: any) => s.kind === 'clause' && s.label === '2')[1];
    expect(clause2.text).toMatch(/công bố danh\smục thủ tục hành chính/);
    // the deadline on the line above its target: 30 % by the end of 2021, 90 % by 2025
    expect(doc.targets.map((t: any) => `${t.value}${t.unit} ${t.deadline}`).sort()).toEqual(['100% 2021-12-31', '30% 2021-12-31', '90% 2025-12-31']);
    const furniture = (Array.isArray(file) ? file[0] : file).messages.filter((m: any) => m.ruleId === 'page-furniture');
    expect(furniture.map((m: any) => m.page)).toEqual([1, 2]);
  }, 60_000);

  it('does the same from a 200-dpi scan of it (OCR line boxes)', async () => {
    const r = await vanban(['extract', '--json', SCAN]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const doc = (Array.isArray(out) ? out[0] : out).documents[0];
    expect(doc.references.map((x: any) => x.number)).toContain('35/TTr-STTTT');
    expect(doc.references.map((x: any) => x.number)).not.toContain('35/TTr');
    expect(doc.targets.map((t: any) => `${t.value}${t.unit} ${t.deadline}`).sort()).toEqual(['100% 2021-12-31', '30% 2021-12-31', '90% 2025-12-31']);
  }, 180_000);

  it('reads a plan set otherwise (sans, block paragraphs, running header, page numbers at the bottom)', async () => {
    const r = await vanban(['extract', '--json', join(ROOT, 'dev/pdf/p02_thainguyen_kh_2022_sans.pdf')]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const file = Array.isArray(out) ? out[0] : out;
    const doc = file.documents[0];
    expect(doc.references.map((x: any) => x.number)).toEqual(expect.arrayContaining(['52-NQ/TW', '749/QĐ-TTg', '1291/QĐ-UBND']));
    expect(doc.references.map((x: any) => x.number)).not.toContain('1291/QĐ');
    const furniture = file.messages.filter((m: any) => m.ruleId === 'page-furniture').map((m: any) => m.reason);
    expect(furniture.some((t: string) => t.includes("page number '- 2 -'"))).toBe(true);
    expect(furniture.filter((t: string) => t.includes('running header')).length).toBe(2);
    expect(doc.sections.some((s: any) => /Kế hoạch chuyển đổi số năm 2022$/.test(s.text) || /^- \d+ -$/.test(s.text))).toBe(false);
  }, 60_000);
});
