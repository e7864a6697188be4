/** `vanban show` lists the repairs the stages made, positioned, beside the restored words. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShowOutput } from '../../schemas/query.ts';
import { BIN, ROOT } from '../ingest/cli.ts';

const TEXT = [
  'UBND TỈNH NGHỆ AN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'SỞ TÀI CHÍNH | Độc lập - Tự do - Hạnh phúc',
  'Số: 25/QDSTC | Nghệ An, ngày 5 tháng 3 năm 2024',
  '',
  'QUYẾT ĐỊNH',
  'Về việc ban hành quy chế làm việc',
  '',
  'Thuc hien Nghi dinh so 45/2020/ND-CP cua Chinh phu ve viec trien khai cac nhiem vu.',
  '',
  'I. MỤC ĐÍCH, YÊU CẦU',
  'c) Nội dung ba',
  'd) Nội dung bốn',
  'd) Nội dung năm',
  'IL. NHIỆM VỤ CỤ THỂ',
  '1. Nhiệm vụ chung',
].join('\n');

let dir: string;
let db: string;
let text: string; // the file's text as stored, which every offset points into
const run = (args: string[]) => spawnSync(BIN, [...args, '--db', db], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', VANBAN_DB: '' } });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-repairs-'));
  db = join(dir, 'archive.db');
  writeFileSync(join(dir, 'plan.txt'), TEXT);
  const r = run(['ingest', join(dir, 'plan.txt'), '--quiet']);
  expect(r.status, r.stderr).toBe(0);
  const stored = new Database(db, { readonly: true });
  text = (stored.prepare('SELECT text FROM files').get() as { text: string }).text;
  stored.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vanban show: repairs', () => {
  it('--json lists each repair with its rule, stage and span in the stored text', () => {
    const r = run(['show', '25/QĐ-STC', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const shown = ShowOutput.parse(JSON.parse(r.stdout));
    const at = (m: { start: number | null; end: number | null }) => text.slice(m.start!, m.end!);
    const repairs = shown.messages.filter((m) => m.start !== null).map((m) => [m.stage, m.rule, at(m), m.reason.split(' (')[0]]);
    expect(repairs).toEqual(
      expect.arrayContaining([
        ['segment', 'code-dj', '25/QDSTC', "'25/QDSTC' read as '25/QĐ-STC'"],
        ['segment', 'number-hyphen', '25/QDSTC', "'25/QDSTC' read as '25/QĐ-STC'"],
        ['restore', 'code-dj', '45/2020/NĐ-CP', "'45/2020/ND-CP' read as '45/2020/NĐ-CP'"],
        ['segment', 'point-dj', 'd', "'d' read as 'đ'"],
        ['segment', 'roman-marker', 'IL', "'IL' read as 'II'"],
      ]),
    );
    const words = shown.messages.find((m) => m.rule === 'word-restored')!;
    expect(words.reason).toContain("'Thuc' → 'Thực'");
    expect(at(words)).toMatch(/^Thực hiện Nghị định/);
    // info messages come in text order
    const starts = shown.messages.filter((m) => m.severity === 'info' && m.start !== null).map((m) => m.start!);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    // the restored words themselves, as read → as restored
    expect(shown.restored).toContainEqual(expect.objectContaining({ original: 'Thuc', restored: 'Thực', page: null }));
    for (const t of shown.restored) expect(at(t)).toBe(t.restored);
  });

  it('the text output lists them with their positions', () => {
    const r = run(['show', '25/QĐ-STC']);
    expect(r.status, r.stderr).toBe(0);
    const roman = text.indexOf('IL.');
    expect(r.stdout).toContain(`info segment/roman-marker @${roman}-${roman + 2}: 'IL' read as 'II'`);
    expect(r.stdout).toMatch(/info restore\/word-restored @\d+-\d+: \d+ word\(s\) restored/);
    expect(r.stdout).toMatch(/Restored words \(\d+\)\n.*'Thuc' → 'Thực'/);
  });
});
