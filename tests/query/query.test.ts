/**
 * The query layer on an archive holding the seed fixtures as their gold files describe them
 * (written through the store's writer). Expected answers come from reading the fixtures and
 * fixtures/gold/*.json, not from running the code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/store/db.ts';
import {
  QueryError,
  cites,
  exportTable,
  findDocuments,
  periodEnd,
  periodStart,
  refs,
  resolveDocument,
  runSql,
  sentenceAround,
  show,
  stats,
  targets,
  tasks,
} from '../../src/query/index.ts';
import { buildGoldDb } from './gold-db.ts';

let dir: string;
let dbFile: string;
let db: Db;
const PLAN_000 = 'fixtures/000_6b0889c3ebd00c42.txt#2';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-query-'));
  dbFile = join(dir, 'gold.db');
  buildGoldDb(dbFile);
  db = openDb(dbFile, { readonly: true });
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('documents and dates', () => {
  it('finds documents by id, number (folded), file path and hash prefix', () => {
    const d815 = resolveDocument(db, '815/QĐ-VPCP');
    expect(d815.type).toBe('Quyết định');
    expect(resolveDocument(db, '815/qd-vpcp').id).toBe(d815.id);
    expect(resolveDocument(db, String(d815.id)).number).toBe('815/QĐ-VPCP');
    expect(resolveDocument(db, PLAN_000)).toMatchObject({ type: 'Kế hoạch', number: null, index: 2 });
    expect(resolveDocument(db, '000_6b0889c3ebd00c42.txt#1').id).toBe(d815.id);
    expect(findDocuments(db, 'fixtures/000_6b0889c3ebd00c42.txt')).toHaveLength(3);
    expect(() => resolveDocument(db, 'fixtures/000_6b0889c3ebd00c42.txt')).toThrow(/matches 3 documents/);
    expect(() => resolveDocument(db, '9999/QĐ-XYZ')).toThrow(QueryError);
  });

  it('reads the province of a document from its issuer, none for central bodies', () => {
    expect(resolveDocument(db, '857/QĐ-UBND').province).toBe('Vĩnh Long');
    expect(resolveDocument(db, '7260/VP-KGVX').province).toBe('Kiên Giang');
    expect(resolveDocument(db, '815/QĐ-VPCP').province).toBeNull();
    expect(resolveDocument(db, 'fixtures/004_da93ac0c70dab7a2.txt').province).toBe('An Giang');
  });

  it('turns partial dates into period bounds', () => {
    expect(periodStart('2025')).toBe('2025-01-01');
    expect(periodEnd('2025')).toBe('2025-12-31');
    expect(periodEnd('2024-02')).toBe('2024-02-29');
    expect(periodStart('2021-4-8')).toBe('2021-04-08');
    expect(() => periodStart('8/4/2021')).toThrow(QueryError);
  });
});

describe('cites', () => {
  it('lists every document that cites 45/2020/NĐ-CP, with relation and sentence', () => {
    const rows = cites(db, '45/2020/NĐ-CP');
    // Gold: 815/QĐ-VPCP (Căn cứ line), 857/QĐ-UBND (Căn cứ line), the Vĩnh Long plan (Thực hiện …).
    expect(rows.map((r) => [r.document.number ?? r.document.type, r.relation])).toEqual([
      ['815/QĐ-VPCP', 'căn cứ'],
      ['857/QĐ-UBND', 'căn cứ'],
      ['Kế hoạch', 'thực hiện'],
    ]);
    expect(rows[0]!.sentence).toBe('Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08 tháng 4 năm 2020 của Chính phủ về thực hiện thủ tục hành chính trên môi trường điện tử;');
    expect(rows[2]!.document.file).toBe('fixtures/001_3ab4f0c448453941.txt');
    expect(rows[2]!.sentence).toMatch(/^Thực hiện Nghị định số 45\/2020\/NĐ-CP ngày 08\/4\/2020/);
  });

  it('matches the number without diacritics or case', () => {
    const ids = (n: string) => cites(db, n).map((r) => r.document.id);
    expect(ids('45/2020/ND-CP')).toEqual(ids('45/2020/NĐ-CP'));
    expect(ids('45/2020/nđ-cp')).toEqual(ids('45/2020/NĐ-CP'));
    expect(ids('46/2020/NĐ-CP')).toEqual([]);
  });

  it('filters citing documents by relation, province and date', () => {
    expect(cites(db, '45/2020/NĐ-CP', { relation: 'can cu' })).toHaveLength(2);
    expect(cites(db, '45/2020/NĐ-CP', { province: 'vinh long' }).map((r) => r.document.number ?? r.document.type)).toEqual(['857/QĐ-UBND', 'Kế hoạch']);
    expect(cites(db, '45/2020/NĐ-CP', { from: '2021' }).map((r) => r.document.number)).toEqual(['857/QĐ-UBND']);
    expect(cites(db, '45/2020/NĐ-CP', { type: 'quyet dinh' })).toHaveLength(2);
    expect(cites(db, '45/2020/NĐ-CP', { issuer: 'VPCP' }).map((r) => r.document.number)).toEqual(['815/QĐ-VPCP']);
  });

  it('finds laws cited by name, the law itself before laws that merely contain its name', () => {
    const rows = cites(db, 'Luật tổ chức chính quyền địa phương');
    expect(rows.map((r) => [r.document.number, r.cited.name])).toEqual([['857/QĐ-UBND', 'Luật tổ chức chính quyền địa phương']]);
    expect(cites(db, 'luat giao dich dien tu').map((r) => r.document.file)).toEqual(['fixtures/001_3ab4f0c448453941.txt']);
  });
});

describe('refs', () => {
  it('resolves what a document cites to the stored documents', () => {
    const { document, references } = refs(db, '7260/VP-KGVX');
    expect(document.number).toBe('7260/VP-KGVX');
    expect(references.map((r) => [r.cited.number, r.relation, r.resolved?.number ?? null])).toEqual([
      ['815/QĐ-VPCP', 'thực hiện', '815/QĐ-VPCP'],
      ['68/NQ-CP', 'dẫn chiếu', null],
    ]);
  });

  it('lists the five Căn cứ of 815/QĐ-VPCP in text order', () => {
    const r = refs(db, '815/QĐ-VPCP').references;
    expect(r.map((x) => x.cited.number)).toEqual(['68/NQ-CP', '150/2016/NĐ-CP', '1215/QĐ-VPCP', '45/2020/NĐ-CP', '274/QĐ-TTg']);
    expect(new Set(r.map((x) => x.relation))).toEqual(new Set(['căn cứ']));
  });
});

describe('tasks', () => {
  // Seed 000's plan (fixtures/gold/000_….tasks.json): Cục Kiểm soát thủ tục hành chính leads
  // all 11 table rows (once written "Cục kiểm soát") and 3 of the 4 items of "Tổ chức thực hiện".
  const CUC = 'Cuc Kiem soat thu tuc hanh chinh';

  it('finds the tasks an agency leads, without diacritics', () => {
    const rows = tasks(db, { agency: CUC });
    expect(rows).toHaveLength(14);
    const plan = resolveDocument(db, PLAN_000);
    expect(new Set(rows.map((t) => t.document.id))).toEqual(new Set([plan.id]));
    expect(rows.every((t) => t.matched.length === 1 && t.matched[0]!.role === 'lead')).toBe(true);
    expect(rows[0]!.lead).toEqual(['Cổng Thông tin điện tử Chính phủ', 'Cục kiểm soát thủ tục hành chính']);
    expect(rows[0]!.partners).toEqual(['Các bộ, ngành, địa phương']);
    expect(rows.filter((t) => t.group === 'I')).toHaveLength(4);
  });

  it('matches through abbreviations and in the accented form', () => {
    expect(tasks(db, { agency: 'Cục KSTTHC' })).toHaveLength(14);
    expect(tasks(db, { agency: 'Cục Kiểm soát thủ tục hành chính' })).toHaveLength(14);
    expect(tasks(db, { agency: CUC, role: 'partner' })).toHaveLength(0);
    // Words must be adjacent: "Cục Kiểm tra" is another body.
    expect(tasks(db, { agency: 'Cục Kiểm tra' })).toHaveLength(0);
  });

  it('completes a provincial body with the province of its document', () => {
    // Gold: "Văn phòng UBND tỉnh" (also "Văn phòng Ủy ban nhân dân tỉnh", and with a parenthesis
    // "(Trung tâm Hành chính công tỉnh)") has tasks in 001 (1, Vĩnh Long), 002 (1, Kiên Giang),
    // 003 (18, Bình Dương) and 004 (2, An Giang).
    const count = (agency: string) => {
      const by = new Map<string | null, number>();
      for (const t of tasks(db, { agency })) by.set(t.document.province, (by.get(t.document.province) ?? 0) + 1);
      return Object.fromEntries(by);
    };
    expect(count('Văn phòng UBND tỉnh')).toEqual({ 'Vĩnh Long': 1, 'Kiên Giang': 1, 'Bình Dương': 18, 'An Giang': 2 });
    expect(count('Văn phòng Ủy ban nhân dân tỉnh Bình Dương')).toEqual({ 'Bình Dương': 18 });
    expect(count('van phong ubnd tinh kien giang')).toEqual({ 'Kiên Giang': 1 });
  });

  it('filters by due date and document', () => {
    expect(tasks(db, { agency: CUC, dueBefore: '2021-12-31' })).toHaveLength(0);
    expect(tasks(db, { agency: CUC, dueBefore: '2022' })).toHaveLength(11); // the table rows; section items have no date
    expect(tasks(db, { documents: [PLAN_000] })).toHaveLength(15);
    expect(tasks(db, { documents: ['fixtures/004_da93ac0c70dab7a2.txt'] })).toHaveLength(26);
  });
});

describe('targets', () => {
  it('lists the targets falling due in a year (seed 004: 15 by 2025, 3 by 2030)', () => {
    expect(targets(db, { year: 2025 })).toHaveLength(15);
    const t2030 = targets(db, { year: '2030' });
    expect(t2030.map((t) => t.value).sort()).toEqual([100, 100, 70]);
    expect(t2030.every((t) => t.document.province === 'An Giang')).toBe(true);
  });

  it('filters by subject words, folded, and by province', () => {
    const rows = targets(db, { subject: 'nguoi dan truong thanh su dung DVCTT' });
    expect(rows.map((t) => [t.value, t.deadline])).toEqual([
      [50, '2025-12-31'],
      [70, '2030-12-31'],
    ]);
    expect(targets(db, { province: 'An Giang' })).toHaveLength(18);
    expect(targets(db, { province: 'Vĩnh Long' })).toHaveLength(0);
    expect(() => targets(db, { province: 'Atlantis' })).toThrow(QueryError);
  });
});

describe('show and stats', () => {
  it('shows header, links, outline and entities of one document', () => {
    const s = show(db, '815/QĐ-VPCP');
    expect(s.document.signers[0]).toMatchObject({ name: 'Mai Tiến Dũng' });
    expect(s.outline.map((o) => o.label)).toEqual(['1', '2', '3', '4']);
    expect(s.references).toHaveLength(5);
    expect(s.links.map((l) => [l.direction, l.kind, l.document.type])).toEqual(
      expect.arrayContaining([
        ['out', 'issues', 'Kế hoạch'],
        ['in', 'forwards', 'Công văn'],
      ]),
    );
    expect(s.citedBy.map((c) => [c.document.number, c.relation])).toEqual([['7260/VP-KGVX', 'thực hiện']]);
  });

  it('counts the archive', () => {
    const s = stats(db);
    expect(s.files).toBe(5);
    expect(s.documents).toBe(9);
    expect(s.entities.tasks).toBe(15 + 11 + 9 + 2 + 18 + 26);
    expect(s.entities.targets).toBe(18);
    // 7260/VP-KGVX cites 815/QĐ-VPCP; the Phụ lục of 003 cites its plan by a number the plan's header does not carry.
    expect(s.citations.resolved).toBe(1);
    expect(s.documentsByProvince.find((p) => p.key === 'Vĩnh Long')?.count).toBe(2);
  });
});

describe('views', () => {
  it('v_tasks joins lead and partner agencies in order', () => {
    const r = db.prepare("SELECT lead, partners, document_type, province FROM v_tasks WHERE due = '2021-12-31' ORDER BY task_id LIMIT 1").get();
    expect(r).toEqual({ lead: 'Cổng Thông tin điện tử Chính phủ; Cục kiểm soát thủ tục hành chính', partners: 'Các bộ, ngành, địa phương', document_type: 'Kế hoạch', province: null });
  });

  it('v_citations has one edge per citation, with the resolved target', () => {
    const r = db.prepare("SELECT citing_number, relation, target_number FROM v_citations WHERE cited_number = '815/QĐ-VPCP'").all();
    expect(r).toEqual([{ citing_number: '7260/VP-KGVX', relation: 'thực hiện', target_number: '815/QĐ-VPCP' }]);
  });

  it('v_targets carries the deadline year and province', () => {
    const r = db.prepare('SELECT deadline_year, count(*) AS n FROM v_targets GROUP BY deadline_year ORDER BY deadline_year').all();
    expect(r).toEqual([
      { deadline_year: 2025, n: 15 },
      { deadline_year: 2030, n: 3 },
    ]);
  });
});

describe('sql and export', () => {
  it('runs SELECT and WITH over the views', () => {
    const r = runSql(db, "WITH x AS (SELECT * FROM v_citations) SELECT count(DISTINCT citing_document_id) AS n FROM x WHERE cited_number = '45/2020/NĐ-CP'");
    expect(r.rows).toEqual([{ n: 3 }]);
    expect(runSql(db, 'SELECT ? + 1 AS v -- a comment', [41]).rows).toEqual([{ v: 42 }]);
  });

  it('refuses every statement that would write', () => {
    for (const sql of [
      'DELETE FROM files',
      '-- looks harmless\nDROP TABLE files',
      'WITH x AS (SELECT 1) DELETE FROM files',
      'PRAGMA journal_mode = DELETE',
      'PRAGMA user_version = 7',
      "ATTACH DATABASE ':memory:' AS m",
      'SELECT 1; DELETE FROM files',
      'VACUUM',
    ]) {
      expect(() => runSql(db, sql), sql).toThrow(QueryError);
    }
    expect((db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n).toBe(5);
  });

  it('the read-only connection refuses writes even past the statement check', () => {
    expect(() => db.exec('DELETE FROM files')).toThrow(/readonly/i);
  });

  it('exports a view as RFC 4180 CSV and as JSON lines', async () => {
    const lines = async (table: string, format: 'csv' | 'jsonl') => {
      const out: string[] = [];
      for await (const l of await exportTable(db, table, format)) out.push(l);
      return out;
    };
    const csv = await lines('v_tasks', 'csv');
    expect(csv[0]!.split(',').slice(0, 3)).toEqual(['task_id', 'document_id', 'document_number']);
    expect(csv).toHaveLength(1 + 81);
    // The lead cell of the first task holds a comma-free list, the partners one a comma: quoted.
    expect(csv.some((l) => l.includes('"Các bộ, ngành, địa phương"'))).toBe(true);
    const jsonl = (await lines('v_targets', 'jsonl')).map((l) => JSON.parse(l));
    expect(jsonl).toHaveLength(18);
    expect(jsonl[0]).toHaveProperty('deadline');
    await expect(lines('nope', 'csv')).rejects.toThrow(/no table or view "nope"/);
  });
});

describe('sentenceAround', () => {
  it('cuts at ; and line ends, not inside dates or "TP. Hồ Chí Minh"', () => {
    const text = 'I. CĂN CỨ\nCăn cứ Nghị định số 45/2020/NĐ-CP ngày 08.4.2020 của Chính phủ; Căn cứ Luật X.\nTại TP. Hồ Chí Minh, theo Quyết định số 1/QĐ-UBND. Tiếp theo.';
    const at = text.indexOf('45/2020');
    expect(sentenceAround(text, at, at + 13)).toBe('Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08.4.2020 của Chính phủ;');
    const q = text.indexOf('1/QĐ-UBND');
    expect(sentenceAround(text, q, q + 9)).toBe('Tại TP. Hồ Chí Minh, theo Quyết định số 1/QĐ-UBND.');
  });
});

it('opening a database directly also works for analysts\' own tools (views need no vanban)', () => {
  const raw = new Database(dbFile, { readonly: true });
  expect((raw.prepare('SELECT count(*) AS n FROM v_task_agencies WHERE role = ?').get('lead') as { n: number }).n).toBeGreaterThan(0);
  raw.close();
});

describe('fitTable', () => {
  it('shortens the flexible columns, least important first, to the terminal width', async () => {
    const { fitTable } = await import('../../src/query/run.ts');
    const { displayWidth } = await import('../../src/cli/output.ts');
    const rows = [[1, 'Kế hoạch 40/KH-UBND (2021-03-01)', 'Tuyên truyền, phổ biến các văn bản chỉ đạo, điều hành của Chính phủ về cải cách thủ tục hành chính', 'Sở Thông tin và Truyền thông tỉnh Vĩnh Long']];
    const wide = fitTable(['ID', 'DOCUMENT', 'TASK', 'LEAD'], rows, [2, 1, 3], 0);
    expect(wide).toContain('cải cách thủ tục hành chính');
    const narrow = fitTable(['ID', 'DOCUMENT', 'TASK', 'LEAD'], rows, [1, 2, 3], 100);
    for (const line of narrow.trimEnd().split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(100);
    // LEAD (least important) gave up first, down to 16 columns, then TASK; DOCUMENT stays whole.
    expect(narrow).toContain('Sở Thông tin và…');
    expect(narrow).toContain('Kế hoạch 40/KH-UBND (2021-03-01)');
    expect(narrow).toContain('Tuyên truyền, phổ biến');
    expect(narrow).not.toContain('cải cách thủ tục hành chính');
  });
});
