/**
 * The commands that print text, not JSON (Markdown, CSV, JSON lines), print the same bytes on
 * a PostgreSQL archive as on the SQLite one: the same files are ingested into both through
 * the CLI, then each command's stdout is compared. One `ingest` per file, in the same order: a
 * PostgreSQL ingest of several files takes them from its queue in no set order, so their ids
 * would differ from SQLite's (which follows the command line), and ids are printed here.
 * Before: `show --format md` and `export` refused a PostgreSQL archive.
 *
 * Both ingests teach the archive's restoration model the clean files they store (`--adapt`, the
 * default): each later file is restored with the model the earlier ones taught, on either
 * engine, so both archives hold the same model and the same files made with it. Then the first
 * file is ingested again with `--force`, and `lm train` adds two files to the model: the
 * outputs below are those of archives that went through all three.
 * Before: a PostgreSQL ingest did not adapt (this test passed --no-adapt), `--force` was
 * refused there, and `lm train` / `lm show` read an SQLite file named like the URL.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase } from '../helpers/postgres.ts';
import { vanban as run } from '../ingest/cli.ts';

const FILES = [
  'fixtures/000_6b0889c3ebd00c42.txt',
  'fixtures/001_3ab4f0c448453941.txt',
  'fixtures/002_014cd450a2b81092.txt',
  'fixtures/003_5da961df0b57dbee.txt',
  'fixtures/004_da93ac0c70dab7a2.txt',
  // A PDF and its text: pages with confidences (doubles), and two copies of one work.
  'fixtures/pdf/s000-text.pdf',
  'fixtures/pdf/s000.txt',
];

/** Ingested again with --force. */
const FORCED = FILES[1]!;
/** Learnt by `lm train` only (not ingested). */
const TRAIN = ['fixtures/pdf/s001.txt', 'fixtures/pdf/s004.txt'];

let dir: string;
let sqlite: string;
let pg: string;
/** stdout of `ingest --force FORCED`, then of `lm train TRAIN`, per archive. */
const forced: Record<string, string> = {};
const trained: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-pgcmd-'));
  sqlite = join(dir, 'a.db');
  pg = await freshDatabase(inject('pgUrl'));
  await Promise.all(
    [sqlite, pg].map(async (db) => {
      for (const f of FILES) {
        const ing = await run(['ingest', f, '--db', db, '--no-progress']);
        expect(ing.code, ing.stderr).toBe(0);
      }
      // Not the last file: SQLite gives a replaced file's rows max(id) + 1, which reuses the id
      // of a last row just deleted, where PostgreSQL's sequences never do. Not the first either:
      // `show 1` below shows its first document.
      const force = await run(['ingest', FORCED, '--force', '--db', db, '--no-progress']);
      expect(force.code, force.stderr).toBe(0);
      forced[db] = force.stdout;
      const train = await run(['lm', 'train', ...TRAIN, '--json', '--db', db]);
      expect(train.code, train.stderr).toBe(0);
      trained[db] = train.stdout;
    }),
  );
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** stdout of the same command on both archives; both must succeed. */
async function both(args: string[]): Promise<[string, string]> {
  const [a, b] = await Promise.all([run([...args, '--db', sqlite]), run([...args, '--db', pg])]);
  expect(a.code, a.stderr).toBe(0);
  expect(b.code, b.stderr).toBe(0);
  return [a.stdout, b.stdout];
}

/** A path as the fixtures' list names it. */
const relative = (path: string) => path.replace(/^.*?fixtures\//, 'fixtures/');

/** `lm show --json`, where the archive is and when the model was last written aside. */
const model = (out: string) => {
  const info = JSON.parse(out);
  if (info.archive) info.archive = { ...info.archive, db: '(db)', updated: '(time)' };
  return info;
};

describe('the restoration model on SQLite and PostgreSQL archives of the same files', () => {
  it('the ingests taught both the same model (same id: the same counts, learnt in the same order)', async () => {
    const [a, b] = await both(['lm', 'show', '--json']);
    const m = model(a);
    // Every clean file stored, the garbled one (002) never; then what lm train added.
    const learnt = m.archive.sources.map((s: { path: string }) => relative(s.path));
    expect(learnt).toEqual(expect.arrayContaining([FILES[0], FILES[1], FILES[3], ...TRAIN]));
    expect(learnt).not.toContain(FILES[2]);
    expect(model(b)).toEqual(m);
  });

  it('each file records the model it was restored with, the same on both', async () => {
    const [a, b] = await both(['sql', 'SELECT f.id, f.hash, f.lm_model, f.pipeline_version FROM files f ORDER BY f.id', '--json']);
    const rows = JSON.parse(a).rows;
    // The garbled file was restored, with the model the files before it taught.
    expect(rows.filter((r: { lm_model: string | null }) => r.lm_model).length).toBeGreaterThan(0);
    expect(b).toBe(a);
  });

  it('ingest --force: the file reprocessed and replaced on both, the same summary', () => {
    const counts = (out: string) => out.split('\n')[0]!.replace(/, \d+s \(.*$/, '');
    expect(counts(forced[sqlite]!)).toMatch(/^0 ingested, 1 reprocessed, 0 unchanged, 0 failed — \d+ documents/);
    expect(counts(forced[pg]!)).toBe(counts(forced[sqlite]!));
  });

  it('lm train: the same report on both', () => {
    const [a, b] = [JSON.parse(trained[sqlite]!), JSON.parse(trained[pg]!)];
    expect(a.added.map((s: { path: string }) => relative(s.path))).toEqual(TRAIN);
    expect(b).toEqual(a);
  });

  it('restore --db restores with the archive model, the same on both (not the shipped model alone)', async () => {
    const [a, b] = await both(['restore', FILES[2]!]);
    const shipped = await run(['restore', FILES[2]!, '--db', join(dir, 'none.db')]);
    expect(shipped.code, shipped.stderr).toBe(0);
    expect(a).not.toBe(shipped.stdout);
    expect(b).toBe(a);
  });

  for (const args of [
    ['lm', 'show'],
    // The files restored with an older model than the one lm train made.
    ['reprocess', '--outdated-model', '--dry-run', '--json'],
  ]) {
    it(`vanban ${args.join(' ')}`, async () => {
      const [a, b] = await both(args);
      const aside = (out: string, db: string) => out.split(db.replace(/:[^:@/]*@/, ':***@')).join('(db)').replace(/updated \S+/, 'updated (time)');
      expect(a.trim().length).toBeGreaterThan(0);
      expect(aside(b, pg)).toBe(aside(a, sqlite));
    });
  }
});

describe('text outputs on SQLite and PostgreSQL archives of the same files', () => {
  it('the ids agree (else the outputs below could not)', async () => {
    const [a, b] = await both(['sql', 'SELECT d.id, f.hash, d.idx FROM documents d JOIN files f ON f.id = d.file_id ORDER BY d.id', '--json']);
    expect(JSON.parse(a).rows.length).toBeGreaterThan(5);
    expect(b).toBe(a);
  });

  for (const args of [
    ['show', '1', '--format', 'md'],
    ['show', 'fixtures/000_6b0889c3ebd00c42.txt#2', '--format', 'md'],
    ['show', 'fixtures/pdf/s000-text.pdf#0', '--format', 'md', '--copies'],
    ['export', '--document', '7260/VP-KGVX'],
    ['export', '--document', 'fixtures/pdf/s000.txt#1'],
    ['export', '--list'],
    ['export', '--list', '--json'],
    ['export', '--table', 'tasks', '--format', 'csv'],
    ['export', '--table', 'v_tasks', '--format', 'csv', '--bom'],
    ['export', '--table', 'v_targets', '--format', 'jsonl'],
    ['export', '--table', 'pages', '--format', 'jsonl'],
    ['export', '--table', 'sections', '--format', 'csv'],
    // BYTEA / BLOB cells (base64), and a table without a primary key (ordered by every column).
    ['export', '--table', 'document_sketches', '--format', 'jsonl'],
    ['export', '--table', 'document_bands', '--format', 'csv'],
  ]) {
    it(`vanban ${args.join(' ')}`, async () => {
      const [a, b] = await both(args);
      // Something to compare: a document, or rows (past the header).
      expect(a.trim().split('\n').length).toBeGreaterThan(1);
      expect(b).toBe(a);
    });
  }

  it('export --list names the archive tables and views, not the engine’s own', async () => {
    for (const out of await both(['export', '--list', '--json'])) {
      const names = JSON.parse(out).map((t: { name: string }) => t.name);
      expect(names).toEqual(expect.arrayContaining(['documents', 'tasks', 'schema_version', 'v_tasks', 'v_documents']));
      expect(names.filter((n: string) => /fts|^sqlite_|^pg_|workers/.test(n))).toEqual([]);
    }
  });

  it('export --out from PostgreSQL: the bytes of stdout; an existing file is refused, and the command ends', async () => {
    const [csv] = await both(['export', '--table', 'v_tasks']);
    const out = join(dir, 'tasks.csv');
    const wrote = await run(['export', '--table', 'v_tasks', '--out', out, '--db', pg]);
    expect(wrote.code, wrote.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(csv);
    // Refused after the table is known: the rows' cursor was never opened, so nothing holds the pool.
    const again = await run(['export', '--table', 'v_tasks', '--out', out, '--db', pg]);
    expect([again.code, again.stderr]).toEqual([1, expect.stringMatching(/already exists/)]);
  });

  it('an unknown table: the same message and exit code on both', async () => {
    const [a, b] = await Promise.all([run(['export', '--table', 'nope', '--db', sqlite]), run(['export', '--table', 'nope', '--db', pg])]);
    expect([a.code, b.code]).toEqual([1, 1]);
    expect(a.stderr).toMatch(/no table or view "nope"/);
    expect(b.stderr).toBe(a.stderr);
    expect(b.stdout).toBe('');
  });
});
