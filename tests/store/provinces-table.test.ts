/** The archive's provinces table is data/gazetteer/provinces.tsv as the gazetteer reads it, row for row. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { gazetteer } from '../../src/knowledge/gazetteer.ts';
import { loadProvinces, readProvinces } from '../../src/store/views.ts';

describe('provinces table', () => {
  it('holds every row of provinces.tsv with its columns', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE provinces (name TEXT PRIMARY KEY, kind TEXT, code TEXT, valid_from TEXT, valid_to TEXT, merged_into TEXT, abbreviations TEXT)');
    loadProvinces(db);
    const rows = db.prepare('SELECT * FROM provinces').all() as Record<string, string | null>[];
    const byName = new Map(rows.map((r) => [r.name, r]));
    for (const p of gazetteer().provinces) {
      expect(byName.get(p.name)).toEqual({
        name: p.name, kind: p.kind, code: p.code, valid_from: p.validFrom, valid_to: p.validTo, merged_into: p.mergedInto,
        abbreviations: p.abbreviations.length ? p.abbreviations.join('|') : null,
      });
    }
    expect(rows.length).toBe(new Set(gazetteer().provinces.map((p) => p.name)).size);
  });

  it('a bad row in the table fails with file and line, not a silent NULL', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vanban-prov-')), 'provinces.tsv');
    writeFileSync(path, 'code\tname\tkind\tvalid_from\tvalid_to\tmerged_into\tabbreviations\n01\tHà Nội\tthành phố\t\t\t\tHN\n02\tHà Giang\tquận\t\t\t\t\n');
    expect(() => readProvinces(path)).toThrow(`${path}:3: kind`);
  });
});
