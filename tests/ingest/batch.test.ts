/**
 * The done-means, on the real CLI: seeds plus bad files land as documents and named
 * failures with exit code 1; a second run changes nothing; search finds the seeds.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalDump, openDb } from '../../src/store/index.ts';
import { copySeeds, FIXTURES, jsonLines, randomBytes, rng, SEEDS, vanban } from './cli.ts';

let dir: string;
let folder: string;
let db: string;
const BAD = ['big.txt', 'empty.txt', 'random.pdf', 'random.txt', 'truncated.pdf'];

function dump(): string {
  const d = openDb(db, { readonly: true });
  try {
    return JSON.stringify(canonicalDump(d));
  } finally {
    d.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-batch-'));
  folder = join(dir, 'in');
  db = join(dir, 'archive.db');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  copySeeds(folder);
  const random = rng(20201117);
  writeFileSync(join(folder, 'empty.txt'), '');
  writeFileSync(join(folder, 'random.pdf'), randomBytes(4096, random));
  writeFileSync(join(folder, 'sub/random.txt'), randomBytes(4096, random));
  // A PDF cut off after its first part: header and some objects, no xref, no trailer.
  const pdf = readFileSync(join(FIXTURES, 'pdf/s000-text.pdf'));
  writeFileSync(join(folder, 'truncated.pdf'), pdf.subarray(0, 2000));
  // Over the --max-size limit used below (0.1 MB); the seeds are under it.
  writeFileSync(join(folder, 'sub/big.txt'), 'Điều 1. '.repeat(20_000));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vanban ingest on a folder with bad files', () => {
  let first: ReturnType<typeof jsonLines>;
  let firstDump: string;

  it('stores the good documents, names every bad file with a reason, exits 1', async () => {
    const r = await vanban(['ingest', folder, '--json', '--max-size', '0.1', '--db', db]);
    expect(r.code, r.stderr).toBe(1);
    first = jsonLines(r.stdout);
    const files = first.filter((e) => e.event === 'file');
    const summary = first.find((e) => e.event === 'summary');
    expect(files.filter((f) => f.status === 'ingested').map((f) => f.path.split('/').pop()).sort()).toEqual(SEEDS);
    const failed = files.filter((f) => f.status === 'failed');
    expect(failed.map((f) => f.path.split('/').pop()).sort()).toEqual(BAD);
    for (const f of failed) expect(f.reason, f.path).toMatch(/\w{3,}/);
    expect(summary).toMatchObject({ total: 10, ingested: 5, failed: 5, unchanged: 0 });
    expect(summary.documents).toBeGreaterThanOrEqual(5);

    const d = openDb(db, { readonly: true });
    const errors = d.prepare('SELECT path, stage, rule, reason FROM ingest_errors ORDER BY path').all() as any[];
    expect(errors.map((e) => e.path.split('/').pop()).sort()).toEqual(BAD);
    expect(errors.find((e) => e.path.endsWith('big.txt')).rule).toBe('too-large');
    expect(errors.find((e) => e.path.endsWith('empty.txt')).rule).toBe('empty');
    expect((d.prepare('SELECT count(*) AS n FROM documents').get() as any).n).toBeGreaterThanOrEqual(5);
    expect(d.prepare("SELECT count(DISTINCT pipeline_version) AS n FROM documents").get()).toEqual({ n: 1 });
    d.close();
    firstDump = dump();
  });

  it('changes nothing when the same folder is ingested again', async () => {
    const r = await vanban(['ingest', folder, '--json', '--max-size', '0.1', '--db', db]);
    expect(r.code).toBe(1);
    const summary = jsonLines(r.stdout).find((e) => e.event === 'summary');
    expect(summary).toMatchObject({ ingested: 0, unchanged: 5, failed: 5, documents: 0 });
    expect(dump()).toBe(firstDump);
  });

  it('takes paths from stdin and globs, and exits 0 when nothing failed', async () => {
    const list = join(dir, 'list.txt');
    writeFileSync(list, `# two seeds\n${join(folder, SEEDS[0])}\n\n${join(folder, SEEDS[1])}\n`);
    const r = await vanban(['ingest', '--from', list, join(folder, '00[34]_*.txt'), '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/0 ingested, 0 reprocessed, 4 unchanged, 0 failed/);
    const s = await vanban(['ingest', '--from', '-', '--db', db], {}, `${join(folder, SEEDS[2])}\0${join(folder, 'empty.txt')}\0`);
    expect(s.code).toBe(1);
    expect(s.stdout).toMatch(/0 ingested, 0 reprocessed, 1 unchanged, 1 failed/);
    expect(s.stdout).toContain('empty.txt: empty file');
    expect(dump()).toBe(firstDump);
  });

  it('reprocesses with --force without duplicating documents', async () => {
    const r = await vanban(['ingest', join(folder, SEEDS[0]), '--force', '--json', '--db', db]);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).find((e) => e.event === 'file').status).toBe('replaced');
    expect(dump()).toBe(firstDump);
  });

  it('reprocess reruns only files made by another pipeline version, from the source or the stored text', async () => {
    const d = openDb(db);
    const [a, b] = d.prepare('SELECT hash, path FROM files ORDER BY hash LIMIT 2').all() as { hash: string; path: string }[];
    d.prepare("UPDATE files SET pipeline_version = '0.0.0-old' WHERE hash IN (?, ?)").run(a.hash, b.hash);
    d.prepare("UPDATE documents SET pipeline_version = '0.0.0-old' WHERE file_id IN (SELECT id FROM files WHERE hash IN (?, ?))").run(a.hash, b.hash);
    d.close();
    // One source has moved away: its stored decoded text is used instead.
    const moved = `${b.path}.moved`;
    renameSync(b.path, moved);
    const dry = await vanban(['reprocess', '--dry-run', '--db', db]);
    expect(dry.stdout.trim().split('\n')).toHaveLength(2 + 2);
    const r = await vanban(['reprocess', '--json', '--db', db]);
    renameSync(moved, b.path);
    expect(r.code, r.stderr).toBe(0);
    const events = jsonLines(r.stdout);
    expect(events.filter((e) => e.event === 'file').map((e) => e.status)).toEqual(['replaced', 'replaced']);
    expect(dump()).toBe(firstDump);
    const again = await vanban(['reprocess', '--json', '--db', db]);
    expect(jsonLines(again.stdout).find((e) => e.event === 'summary')).toMatchObject({ total: 0 });
  });

  it('finds "điện tử" by searching "dien tu", ranked, highlighted', async () => {
    const r = await vanban(['search', 'dien tu', '--json', '--limit', '5', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const hits = JSON.parse(r.stdout);
    expect(hits).toHaveLength(5);
    for (const h of hits) {
      expect(h.snippet.toLowerCase()).toContain('«điện tử»');
      expect(h.document.path).toMatch(/\d{3}_[0-9a-f]+\.txt$/);
    }
  });

  it('says what is wrong with usage (exit code 2) and never creates a database to search', async () => {
    expect((await vanban(['ingest', '--db', db])).code).toBe(2);
    expect((await vanban(['ingest', folder, '--jobs', 'many', '--db', db])).code).toBe(2);
    // A missing database is not a usage error: 1, like the other query commands.
    expect((await vanban(['search', 'x', '--db', join(dir, 'missing.db')])).code).toBe(1);
    expect(existsSync(join(dir, 'missing.db'))).toBe(false);
  });
});

describe('vanban extract --json', () => {
  it('prints one entry per document with the header under "document" and writes no database', async () => {
    const out = join(dir, 'never.db');
    copyFileSync(join(FIXTURES, SEEDS[0]), join(dir, 'one.txt'));
    const r = await vanban(['extract', join(dir, 'one.txt'), '--json', '--db', out]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.documents.length).toBeGreaterThanOrEqual(1);
    for (const d of json.documents) {
      expect(Object.keys(d.document)).toEqual(['type', 'number', 'issued', 'place', 'issuer', 'issuerParent', 'province', 'subject', 'signers', 'recipients', 'distribution']);
      for (const k of ['links', 'sections', 'tables', 'references', 'agencies', 'dates', 'targets', 'tasks', 'persons']) expect(Array.isArray(d[k]), k).toBe(true);
    }
    expect(existsSync(out)).toBe(false);
  });
});
