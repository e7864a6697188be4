/**
 * The query commands end to end: the seed fixtures go through the real pipeline
 * (`vanban ingest`) into a temporary archive, then every command runs as an analyst would
 * run it. Expectations come from reading the fixtures (see fixtures/gold/).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CitesOutput, ExportList, RefsOutput, ShowOutput, SqlOutput, StatsOutput, TargetsOutput, TasksOutput } from '../../schemas/query.ts';
import { FIXTURES, seedFiles } from './gold-db.ts';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/vanban');
let dir: string;
let db: string;

function vanban(args: string[], input?: string): { stdout: string; stderr: string; status: number } {
  const r = spawnSync(BIN, [...args, '--db', db], { cwd: ROOT, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1', VANBAN_DB: '' } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
}

/** Run with --json; parse, and check the documented shape (schemas/query.ts) when given. */
function json(args: string[], shape?: { parse(v: unknown): unknown }): any {
  const r = vanban([...args, '--json']);
  expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  const value = JSON.parse(r.stdout);
  shape?.parse(value);
  return value;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-cli-'));
  db = join(dir, 'archive.db');
  // The seed documents only: the rest of fixtures/ holds gold JSON and scanned PDFs of the same
  // seeds (OCR takes minutes), which would duplicate every answer.
  execFileSync(BIN, ['ingest', ...seedFiles().map((f) => join('fixtures', f)), '--db', db, '--quiet'], { cwd: ROOT, stdio: 'pipe' });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('done means', () => {
  it('cites "45/2020/NĐ-CP" lists every fixture document that cites it', () => {
    // Read in the fixtures: 000's Quyết định 815/QĐ-VPCP (Căn cứ line 60), 001's Quyết định
    // 857/QĐ-UBND (Căn cứ line 18) and 001's plan (Thực hiện, line 64). No other seed cites it.
    const out = json(['cites', '45/2020/NĐ-CP'], CitesOutput);
    expect(out.count).toBe(3);
    expect(out.citations.map((c: any) => [c.document.file, c.document.index, c.relation])).toEqual([
      [join(FIXTURES, '000_6b0889c3ebd00c42.txt'), 1, 'căn cứ'],
      [join(FIXTURES, '001_3ab4f0c448453941.txt'), 0, 'căn cứ'],
      [join(FIXTURES, '001_3ab4f0c448453941.txt'), 1, 'thực hiện'],
    ]);
    for (const c of out.citations) expect(c.sentence).toContain('Nghị định số 45/2020/NĐ-CP');
    // The table view names the same documents.
    const table = vanban(['cites', '45/2020/ND-CP']).stdout;
    expect(table).toContain('815/QĐ-VPCP');
    expect(table).toContain('857/QĐ-UBND');
    expect(table).toMatch(/3 citing documents/);
  });

  it('tasks --agency "Cuc Kiem soat thu tuc hanh chinh" lists all the tasks seed 000\'s plan gives that agency', () => {
    // fixtures/gold/000_….tasks.json: 11 plan-table rows with the Cục as lead (row I.1 writes it
    // "Cục kiểm soát"), and 3 of the 4 "Tổ chức thực hiện" items.
    const gold = JSON.parse(readFileSync(join(FIXTURES, 'gold/000_6b0889c3ebd00c42.tasks.json'), 'utf8'));
    const goldPlan = gold.documents[2].tasks as { content: string; lead: string[] }[];
    const expected = goldPlan.filter((t) => t.lead.some((l) => /^cục kiểm soát thủ tục hành chính$/i.test(l)));
    expect(expected).toHaveLength(14);
    const out = json(['tasks', '--agency', 'Cuc Kiem soat thu tuc hanh chinh'], TasksOutput);
    expect(out.count).toBe(14);
    for (const t of out.tasks) {
      expect(t.document.file).toBe(join(FIXTURES, '000_6b0889c3ebd00c42.txt'));
      expect(t.document.index).toBe(2);
      expect(t.matched.map((m: any) => m.role)).toEqual(['lead']);
    }
    // Same tasks, in plan order: each begins as the gold content begins.
    const words = (s: string) => s.replace(/^[-\s]+/, '').split(/\s+/).slice(0, 6).join(' ');
    expect(out.tasks.map((t: any) => words(t.content))).toEqual(expected.map((t) => words(t.content)));
    expect(out.tasks.filter((t: any) => t.due === '2021-12-31')).toHaveLength(11);
  });
});

describe('every command', () => {
  it('prints JSON that parses, in the documented shape', () => {
    const refs = json(['refs', '7260/VP-KGVX'], RefsOutput);
    expect(refs.document.number).toBe('7260/VP-KGVX');
    expect(refs.references.find((r: any) => r.cited.number === '815/QĐ-VPCP')?.resolved?.number).toBe('815/QĐ-VPCP');

    const targets = json(['targets', '--year', '2025'], TargetsOutput);
    expect(targets.query.year).toBe(2025);
    expect(targets.targets.length).toBeGreaterThan(0);
    expect(targets.targets.every((t: any) => t.deadline.startsWith('2025-'))).toBe(true);

    const show = json(['show', '815/QĐ-VPCP'], ShowOutput);
    expect(show.document).toMatchObject({ type: 'Quyết định', number: '815/QĐ-VPCP', issued: '2020-11-04' });
    expect(Array.isArray(show.outline) && Array.isArray(show.references) && Array.isArray(show.tasks)).toBe(true);

    const stats = json(['stats'], StatsOutput);
    // A document with every part (outline, references, tasks, agencies) parses too.
    json(['show', 'fixtures/004_da93ac0c70dab7a2.txt'], ShowOutput);
    json(['show', '7260/VP-KGVX'], ShowOutput);
    expect(stats).toMatchObject({ files: 5, documents: 9 });

    const sql = json(['sql', 'SELECT count(*) AS n FROM v_documents'], SqlOutput);
    expect(sql).toEqual({ columns: ['n'], rows: [{ n: 9 }], count: 1, truncated: false });

    const list = json(['export', '--list'], ExportList);
    expect(list.map((t: any) => t.name)).toEqual(expect.arrayContaining(['v_tasks', 'v_citations', 'v_targets', 'documents']));

    // fixtures/gold/003_….tasks.json: 10 of the Bình Dương tasks fall due in 2021, the rest are recurring.
    const tasks = json(['tasks', '--due-in', '2021', '--province', 'binh duong'], TasksOutput);
    expect(tasks.query).toMatchObject({ dueFrom: '2021-01-01', dueBefore: '2022-01-01', province: 'binh duong', agency: null, type: null });
    expect(tasks.count).toBe(10);
    expect(tasks.tasks.every((t: any) => t.document.province === 'Bình Dương' && t.due.startsWith('2021'))).toBe(true);
  });

  it('search takes the document filters', () => {
    const all = json(['search', 'dich vu cong truc tuyen', '-n', '50']);
    const vl = json(['search', 'dich vu cong truc tuyen', '--province', 'vinh long', '-n', '50']);
    expect(vl.length).toBeGreaterThan(0);
    expect(vl.length).toBeLessThan(all.length);
    expect(new Set(vl.map((h: any) => h.document.path))).toEqual(new Set([join(FIXTURES, '001_3ab4f0c448453941.txt')]));
    const qd = json(['search', 'thu tuc hanh chinh', '--type', 'quyet dinh', '-n', '50']);
    expect(qd.length).toBeGreaterThan(0);
    expect(new Set(qd.map((h: any) => h.document.type))).toEqual(new Set(['Quyết định']));
    const vpcp = json(['search', 'thu tuc hanh chinh', '--issuer', 'VPCP', '--to', '2020', '-n', '50']);
    expect(new Set(vpcp.map((h: any) => h.document.number))).toEqual(new Set(['815/QĐ-VPCP']));
  });

  it('sql reads the query from stdin and binds parameters', () => {
    const r = vanban(['sql', '-', '--param', 'Kế hoạch', '--json'], 'SELECT count(*) AS n FROM v_documents WHERE type = ?');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).rows).toEqual([{ n: 5 }]);
    const csv = vanban(['sql', "SELECT type, count(*) AS n FROM v_documents GROUP BY type ORDER BY type", '--csv']);
    expect(csv.stdout).toBe('type,n\nCông văn,1\nKế hoạch,5\nPhụ lục,1\nQuyết định,2\n');
  });

  it('exports CSV and JSON lines', () => {
    const jsonl = vanban(['export', '--table', 'v_citations', '--format', 'jsonl']);
    expect(jsonl.status).toBe(0);
    const rows = jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.filter((r) => r.cited_number === '45/2020/NĐ-CP')).toHaveLength(3);
    const csv = vanban(['export', '--table', 'v_targets', '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toMatch(/^target_id,document_id,/);
  });

  it('refuses writes and bad input with a message, not a stack trace', () => {
    const del = vanban(['sql', 'DELETE FROM documents']);
    expect(del.status).toBe(1);
    expect(del.stderr).toMatch(/only SELECT/);
    expect(json(['stats']).documents).toBe(9);
    const missing = vanban(['show', '1/QĐ-NOPE']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no stored document matches/);
    expect(vanban(['tasks', '--due-before', '31/12/2021']).status).toBe(2);
    const relation = vanban(['cites', '45/2020/NĐ-CP', '--relation', 'amends']);
    expect(relation.status).toBe(2);
    expect(relation.stderr).toMatch(/--relation must be one of căn cứ, thực hiện/);
    expect(json(['cites', '45/2020/NĐ-CP', '--relation', 'can cu']).count).toBe(2);
    expect(vanban(['export', '--table', 'nope']).stderr).toMatch(/no table or view "nope"/);
  });
});
