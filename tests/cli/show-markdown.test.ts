/**
 * `vanban show DOCUMENT --format md` and `vanban export --document DOCUMENT`, as users run them:
 * the plan of seed 000 (its outline, its activity table, its tasks) as Markdown. Before: no
 * --format option on show, no --document on export (exit 2, nothing printed).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, vanban } from '../ingest/cli.ts';

let dir: string;
let db: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-md-'));
  db = join(dir, 'a.db');
  const r = await vanban(['ingest', join(FIXTURES, '000_6b0889c3ebd00c42.txt'), '--db', db, '--quiet']);
  expect(r.code, r.stderr).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The table rows of a Markdown table that starts with `header`. */
function tableAfter(md: string, header: string): string[][] {
  const lines = md.split('\n');
  const at = lines.findIndex((l) => l.startsWith(header));
  expect(at, header).toBeGreaterThanOrEqual(0);
  expect(lines[at + 1]).toMatch(/^\| --- (\| --- )*\|$/);
  const rows: string[][] = [];
  for (let i = at + 2; lines[i]?.startsWith('| '); i++) rows.push(lines[i]!.slice(2, -2).split(/ (?<!\\)\| /));
  return rows;
}

describe('show --format md', () => {
  it('the header, the outline with its text, the plan table as a Markdown table, the records', async () => {
    const json = JSON.parse((await vanban(['show', join(FIXTURES, '000_6b0889c3ebd00c42.txt#2'), '--db', db, '--json'])).stdout);
    const r = await vanban(['show', join(FIXTURES, '000_6b0889c3ebd00c42.txt#2'), '--format', 'md', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const md = r.stdout;
    expect(md.split('\n')[0]).toBe('# Kế hoạch [000_6b0889c3ebd00c42.txt#2]');
    expect(tableAfter(md, '| Field | Value |')).toContainEqual(['Issuer', 'Văn phòng Chính phủ']);
    // The outline's clauses are headings, each followed by its own text.
    for (const h of ['### 1. Mục tiêu', '### 2. Đối tượng truyền thông', '### 3. Nội dung hoạt động truyền thông', '### 4. Tổ chức thực hiện']) expect(md).toContain(`\n${h}\n`);
    expect(md).toMatch(/### 2\. Đối tượng truyền thông\n\n- Người dân, doanh nghiệp\.\n/);
    // The activity table, where its clause puts it: its columns, three group rows, its data rows.
    const plan = tableAfter(md, '| TT | Nội dung hoạt động | Thời gian bắt đầu |');
    expect(md.indexOf('| TT | Nội dung hoạt động')).toBeGreaterThan(md.indexOf('### 3. Nội dung hoạt động truyền thông'));
    expect(md.indexOf('| TT | Nội dung hoạt động')).toBeLessThan(md.indexOf('### 4. Tổ chức thực hiện'));
    expect(plan.filter((row) => row[0]!.startsWith('**')).map((row) => row[0])).toEqual(['**I**', '**II**', '**III**']);
    expect(plan.every((row) => row.length === 7)).toBe(true);
    expect(plan[1]!.slice(0, 3)).toEqual(['1', expect.stringMatching(/^Kịp thời cung cấp thông tin/), 'Tháng 11/2020']);
    // The records, one row each, as `show --json` has them.
    expect(tableAfter(md, '| Group | Task | Lead | Partners | Due |')).toHaveLength(json.tasks.length);
    expect(md).toContain(`## Tasks (${json.tasks.length})`);
    expect(tableAfter(md, '| Relation | Cited | In archive |')).toEqual([['thực hiện', '68/NQ-CP', '']]);
  }, 60_000);

  it('export --document writes the same Markdown, to stdout or --out', async () => {
    const md = (await vanban(['show', '1', '--format', 'md', '--db', db])).stdout;
    expect(md).toMatch(/^# Công văn 7260\/VP-KGVX/);
    const piped = await vanban(['export', '--document', '1', '--db', db]);
    expect([piped.code, piped.stdout]).toEqual([0, md]);
    const out = join(dir, 'doc.md');
    const written = await vanban(['export', '--document', '1', '--format', 'md', '--out', out, '--db', db]);
    expect(written.code, written.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(md);
    const csv = await vanban(['export', '--document', '1', '--format', 'csv', '--db', db]);
    expect([csv.code, csv.stderr.trim()]).toEqual([2, 'vanban: error: --document exports Markdown: --format md, not "csv"']);
    const none = await vanban(['export', '--document', '999', '--out', join(dir, 'none.md'), '--db', db]);
    expect(none.code).toBe(1);
    expect(existsSync(join(dir, 'none.md'))).toBe(false);
  }, 60_000);

  it('refuses another format, and --json with md (exit 2)', async () => {
    const other = await vanban(['show', '1', '--format', 'html', '--db', db]);
    expect([other.code, other.stderr.trim()]).toEqual([2, 'vanban: error: --format must be text or md, not "html"']);
    const both = await vanban(['show', '1', '--format', 'md', '--json', '--db', db]);
    expect(both.code).toBe(2);
  });
});
