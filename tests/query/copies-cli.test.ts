/**
 * Copies through the query commands, as analysts run them: the seed texts and the born-digital
 * PDF of seed 000's first pages (the letter 7260/VP-KGVX and the first page of decision
 * 815/QĐ-VPCP, both also in the seed text) — two copies of two documents, no OCR needed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CitesOutput, SearchOutput, ShowOutput, StatsOutput, TasksOutput } from '../../schemas/query.ts';
import { seedFiles } from './gold-db.ts';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/vanban');
const PDF = 'fixtures/pdf/s000-text.pdf';
const SEED0 = 'fixtures/000_6b0889c3ebd00c42.txt';
// As stored and in --json: absolute (the table view shows them relative to the folder, ROOT).
const PDF_STORED = join(ROOT, PDF);
const SEED0_STORED = join(ROOT, SEED0);
let dir: string;
let db: string;

function vanban(args: string[]): { stdout: string; stderr: string; status: number } {
  const r = spawnSync(BIN, [...args, '--db', db], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', VANBAN_DB: '' } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
}

function json(args: string[], shape: { parse(v: unknown): any }): any {
  const r = vanban([...args, '--json']);
  expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return shape.parse(JSON.parse(r.stdout));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-copies-cli-'));
  db = join(dir, 'archive.db');
  // The PDF first: the text copy, stored after it, must still become the primary.
  execFileSync(BIN, ['ingest', PDF, '--db', db, '--quiet'], { cwd: ROOT, stdio: 'pipe' });
  execFileSync(BIN, ['ingest', ...seedFiles().map((f) => join('fixtures', f)), '--db', db, '--quiet'], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a document stored as text and as PDF', () => {
  it('show NUMBER answers with the text copy and lists both copies', () => {
    const s = json(['show', '7260/VP-KGVX'], ShowOutput);
    expect(s.document.file).toBe(SEED0_STORED);
    expect(s.copies.map((c: any) => [c.file, c.kind, c.primary])).toEqual([
      [SEED0_STORED, 'text', true],
      [PDF_STORED, 'textlayer', false],
    ]);
    const table = vanban(['show', '7260/VP-KGVX']).stdout;
    expect(table).toMatch(/Copies \(2\)/);
    expect(table).toContain(`${PDF}#0`);
  });

  it('show ID of the PDF copy shows the same document; with --copies, the copy itself', () => {
    const primary = json(['show', '7260/VP-KGVX'], ShowOutput);
    const copy = primary.copies.find((c: any) => !c.primary);
    const viaCopy = json(['show', String(copy.id)], ShowOutput);
    expect(viaCopy.document.id).toBe(primary.document.id);
    expect(viaCopy.copies).toEqual(primary.copies);
    const itself = json(['show', String(copy.id), '--copies'], ShowOutput);
    expect(itself.document.id).toBe(copy.id);
    expect(itself.document.file).toBe(PDF_STORED);
    expect(itself.document.work).toBe(primary.document.id);
    // The file path names the work too.
    expect(json(['show', `${PDF}#0`], ShowOutput).document.id).toBe(primary.document.id);
  });

  it('cites counts each citing document once; --copies lists the PDF copy too', () => {
    const once = json(['cites', '45/2020/NĐ-CP'], CitesOutput);
    expect(once.count).toBe(3);
    expect(new Set(once.citations.map((c: any) => c.document.file)).has(PDF_STORED)).toBe(false);
    const all = json(['cites', '45/2020/NĐ-CP', '--copies'], CitesOutput);
    expect(all.count).toBe(4);
    expect(all.query.copies).toBe(true);
    const pdfRow = all.citations.find((c: any) => c.document.file === PDF_STORED);
    expect(pdfRow.document.number).toBe('815/QĐ-VPCP');
    expect(pdfRow.document.work).toBe(once.citations.find((c: any) => c.document.number === '815/QĐ-VPCP').document.id);
  });

  it('search finds the letter once; --copies in both files', () => {
    const hits = json(['search', 'Huỳnh Vĩnh Lạc', '-n', '20'], SearchOutput);
    expect(hits.filter((h: any) => h.document.number === '7260/VP-KGVX').map((h: any) => h.document.path)).toEqual([SEED0_STORED]);
    const all = json(['search', 'Huỳnh Vĩnh Lạc', '-n', '20', '--copies'], SearchOutput);
    expect(new Set(all.filter((h: any) => h.document.number === '7260/VP-KGVX').map((h: any) => h.document.path))).toEqual(new Set([SEED0_STORED, PDF_STORED]));
    expect(vanban(['search', 'Huỳnh Vĩnh Lạc']).stdout).toMatch(/^#\d+ Công văn 7260\/VP-KGVX/m);
  });

  it('refs resolves the cited decision to its primary copy; stats counts documents, not copies', () => {
    const refs = vanban(['refs', '7260/VP-KGVX']);
    expect(refs.status).toBe(0);
    const decision = json(['show', '815/QĐ-VPCP'], ShowOutput).document.id;
    expect(refs.stdout).toContain(`#${decision} Quyết định 815/QĐ-VPCP`);
    const s = json(['stats'], StatsOutput);
    expect(s.copies - s.documents).toBe(2); // the PDF's two documents are copies
    expect(json(['stats', '--copies'], StatsOutput).documents).toBe(s.copies);
    // The plan of seed 000 has no copy here: its tasks are listed once either way.
    const tasks = json(['tasks', '--agency', 'Cuc Kiem soat thu tuc hanh chinh'], TasksOutput);
    expect(json(['tasks', '--agency', 'Cuc Kiem soat thu tuc hanh chinh', '--copies'], TasksOutput).count).toBe(tasks.count);
    // v_documents: one row per document, v_document_copies every copy.
    const n = (sql: string) => Number(vanban(['sql', sql, '--csv']).stdout.trim().split('\n')[1]);
    expect(n('SELECT count(*) AS n FROM v_document_copies') - n('SELECT count(*) AS n FROM v_documents')).toBe(2);
  });
});
