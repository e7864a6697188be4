/**
 * A target whose deadline is the title's horizon is stored as inferred (migration 9), shown with
 * `*` by `targets` and `show`, `deadlineInferred` in JSON and `deadline_inferred` in v_targets;
 * a stated deadline is not marked.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetsOutput } from '../../schemas/query.ts';
import { BIN, ROOT } from '../ingest/cli.ts';

const TEXT = [
  'ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'HUYỆN ĐỨC THỌ | Độc lập - Tự do - Hạnh phúc',
  'Số: 88/KH-UBND | Đức Thọ, ngày 12 tháng 1 năm 2026',
  '',
  'KẾ HOẠCH',
  'Chuyển đổi số trong cơ quan nhà nước huyện giai đoạn 2026 - 2028',
  '',
  'I. CHỈ TIÊU',
  '1. Tỷ lệ văn bản đi được ký số đạt ít nhất 90%.',
  '2. Đến năm 2027, tỷ lệ hồ sơ được số hóa đạt 60%.',
].join('\n');

let dir: string;
let db: string;
const run = (args: string[]) => spawnSync(BIN, [...args, '--db', db], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', VANBAN_DB: '' } });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-inferred-'));
  db = join(dir, 'archive.db');
  writeFileSync(join(dir, 'plan.txt'), TEXT);
  const r = run(['ingest', join(dir, 'plan.txt'), '--quiet']);
  expect(r.status, r.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a deadline read from the title horizon', () => {
  it('is marked in JSON and in v_targets, and a stated one is not', () => {
    const r = run(['targets', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = TargetsOutput.parse(JSON.parse(r.stdout));
    const brief = out.targets.map((t) => `${t.value} ${t.deadline} ${t.deadlineInferred}`).sort();
    expect(brief).toEqual(['60 2027-12-31 false', '90 2028-12-31 true']);
    const stored = new Database(db, { readonly: true });
    try {
      expect(stored.prepare('SELECT value, deadline_inferred FROM v_targets ORDER BY value').raw().all()).toEqual([
        [60, 0],
        [90, 1],
      ]);
    } finally {
      stored.close();
    }
  });

  it('is printed with a star by targets and show', () => {
    const t = run(['targets']);
    expect(t.status, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/2028-12-31\*/);
    expect(t.stdout).toMatch(/2027-12-31(?!\*)/);
    const s = run(['show', '88/KH-UBND']);
    expect(s.status, s.stderr).toBe(0);
    expect(s.stdout).toMatch(/2028-12-31\*/);
  });
});
