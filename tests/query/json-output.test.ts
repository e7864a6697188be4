/**
 * Every query command's `--json` output, on an archive the real `vanban ingest` built from the
 * seed fixtures, conforms to its published JSON Schema (schemas/json/, read as a client outside
 * TypeScript would) and parses with its zod schema (schemas/query.ts, the type src/query
 * returns). The commands below reach every field of every schema, so a command that adds,
 * renames or drops a field fails here until schemas/query.ts says so.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_DIR, QUERY_OUTPUTS } from '../../schemas/export-json-schema.ts';
import { closeDb, openDb } from '../../src/store/db.ts';
import { BIN, ROOT, SEEDS } from '../ingest/cli.ts';
import { checkJson, propertyLocations } from '../schemas/json-schema-check.ts';

type OutputName = keyof typeof QUERY_OUTPUTS;

let dir: string;
let db: string;

function run(args: string[]): unknown {
  const r = spawnSync(BIN, [...args, '--db', db, '--json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', VANBAN_DB: '' } });
  expect(r.status, `vanban ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-json-'));
  db = join(dir, 'archive.db');
  execFileSync(BIN, ['ingest', ...SEEDS.map((f) => join('fixtures', f)), '--db', db, '--quiet'], { cwd: ROOT, stdio: 'pipe' });
  // No stage of the seeds leaves a message positioned in a document, which `show` lists: one
  // such row, as the store writes it, so the shape of show's messages is checked too.
  const store = openDb(db);
  store
    .prepare(
      `INSERT INTO messages (file_id, document_id, ord, stage, rule, severity, reason, char_start, char_end, page)
       SELECT file_id, id, 99, 'extract', 'test-rule', 'info', 'a positioned note', 0, 1, NULL FROM documents ORDER BY id LIMIT 1`,
    )
    .run();
  // The seeds are texts: one OCR'd page and the ocr stage's engine note, so stats' ocrEngines is checked too.
  store.prepare(`INSERT INTO pages (file_id, page, char_start, char_end, method, confidence) SELECT id, 99, 0, 1, 'ocr', 0.9 FROM files ORDER BY id LIMIT 1`).run();
  store
    .prepare(
      `INSERT INTO messages (file_id, document_id, ord, stage, rule, severity, reason, char_start, char_end, page)
       SELECT id, NULL, 98, 'ocr', 'engine-wasm', 'info', '1 page OCR''d with tesseract.js (wasm)', NULL, NULL, NULL FROM files ORDER BY id LIMIT 1`,
    )
    .run();
  closeDb(store);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs per output schema: together they hold a value for every field (checked below). */
function commands(): [OutputName, string[]][] {
  const ids = (run(['sql', 'SELECT document_id FROM v_documents ORDER BY document_id']) as { rows: { document_id: number }[] }).rows.map((r) => String(r.document_id));
  return [
    ['CitesOutput', ['cites', '45/2020/NĐ-CP']],
    ['CitesOutput', ['cites', 'Luật Giao dịch điện tử', '--province', 'vinh long']],
    ['RefsOutput', ['refs', '7260/VP-KGVX']],
    ['TasksOutput', ['tasks']],
    ['TasksOutput', ['tasks', '--agency', 'Cuc Kiem soat thu tuc hanh chinh', '--role', 'lead', '--due-in', '2021']],
    ['TargetsOutput', ['targets']],
    ['TargetsOutput', ['targets', '--year', '2025', '--document', ids[0]!]],
    ...ids.map((id): [OutputName, string[]] => ['ShowOutput', ['show', id]]),
    ['StatsOutput', ['stats']],
    ['SqlOutput', ['sql', 'SELECT * FROM v_documents']],
    ['ExportList', ['export', '--list']],
    ['SearchOutput', ['search', 'dich vu cong truc tuyen', '-n', '50']],
  ];
}

describe('query --json output', () => {
  it('conforms to its JSON Schema and parses with its zod schema, and the runs reach every field', () => {
    const seen = new Map<OutputName, Set<string>>();
    for (const [name, args] of commands()) {
      const out = run(args);
      const schema = JSON.parse(readFileSync(join(JSON_DIR, `${name}.schema.json`), 'utf8'));
      expect(checkJson(schema, out, '$', '#', seen.get(name) ?? seen.set(name, new Set()).get(name)), `vanban ${args.join(' ')} --json against ${name}.schema.json`).toEqual([]);
      const parsed = QUERY_OUTPUTS[name].safeParse(out);
      expect(parsed.success ? [] : parsed.error.issues, `vanban ${args.join(' ')} --json against zod ${name}`).toEqual([]);
    }
    expect(new Set(seen.keys())).toEqual(new Set(Object.keys(QUERY_OUTPUTS)));
    for (const [name, locations] of seen) {
      const schema = JSON.parse(readFileSync(join(JSON_DIR, `${name}.schema.json`), 'utf8'));
      expect(propertyLocations(schema).filter((l) => !locations.has(l)), `${name}: fields no run produced`).toEqual([]);
    }
  });
});

describe('the JSON Schema check', () => {
  // The check above is only as good as checkJson: it must refuse what the schemas refuse.
  const schema = JSON.parse(readFileSync(join(JSON_DIR, 'TargetsOutput.schema.json'), 'utf8'));
  const document = { id: 1, type: 'Kế hoạch', number: null, issued: '2021-03-01', issuer: null, province: null, subject: null, file: 'a.txt', index: 0, work: 1 };
  const target = { id: 1, document, comparator: '>=', value: 80, unit: '%', subject: 'hồ sơ', deadline: '2025-12-31', deadlineInferred: false, text: 't', page: null };
  const good = { query: { year: 2025, subject: null, type: null, issuer: null, from: null, to: null, province: null, documents: null, copies: false }, count: 1, targets: [target] };

  it('accepts a conforming value', () => {
    expect(checkJson(schema, good)).toEqual([]);
  });

  it('refuses an added key, a dropped key, a wrong type, a value outside an enum, a non-integer', () => {
    const { unit: _unit, ...dropped } = target;
    expect(checkJson(schema, { ...good, targets: [{ ...target, extra: 1 }] })).toEqual(['$.targets[0]: key "extra" not in the schema']);
    expect(checkJson(schema, { ...good, targets: [dropped] })).toEqual(['$.targets[0]: key "unit" missing']);
    expect(checkJson(schema, { ...good, targets: [{ ...target, document: { ...document, number: 7 } }] })).toEqual(['$.targets[0].document.number: fits none of 2 alternatives (string, null)']);
    expect(checkJson(schema, { ...good, targets: [{ ...target, comparator: '≥' }] })).toHaveLength(1);
    expect(checkJson(schema, { ...good, count: 1.5 })).toHaveLength(1);
  });

  it('refuses a schema keyword it does not understand', () => {
    expect(() => checkJson({ type: 'string', pattern: '^a' }, 'a')).toThrow(/"pattern" not understood/);
  });
});
