import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/knowledge/table.ts';
import { AbbreviationRow, ProvinceRow } from '../../src/knowledge/gazetteer.ts';

function table(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vanban-table-')), name);
  writeFileSync(path, text);
  return path;
}

describe('data tables parsed at load', () => {
  it('reads good rows, skipping notes and blank lines', () => {
    const path = table('a.tsv', '# note\nabbreviation\texpansion\tform\tscope\tkind\n\nUBND\tỦy ban nhân dân\tbody\tlocal\tpeople-committee\n');
    expect(readTable(path, AbbreviationRow)).toEqual([
      { abbreviation: 'UBND', expansion: 'Ủy ban nhân dân', form: 'body', scope: 'local', kind: 'people-committee' },
    ]);
  });

  it('a bad row fails with the file and its line number', () => {
    const path = table('a.tsv', '# note\nabbreviation\texpansion\tform\tscope\tkind\nUBND\tỦy ban nhân dân\tbody\tlocal\tx\nBHXH\tBảo hiểm xã hội\tbody\tcountry\tx\n');
    expect(() => readTable(path, AbbreviationRow)).toThrow(`${path}:4: scope`);
  });

  it('a bad date in the provinces table names file, line and column', () => {
    const path = table(
      'p.tsv',
      'code\tname\tkind\tvalid_from\tvalid_to\tmerged_into\tabbreviations\n01\tHà Nội\tthành phố\t2008-08-01\t\t\tHN\n02\tHà Giang\ttỉnh\t1.7.2025\t\t\t\n',
    );
    expect(() => readTable(path, ProvinceRow)).toThrow(`${path}:3: valid_from: not an ISO date`);
  });

  it('a missing required cell fails', () => {
    const path = table('a.tsv', 'abbreviation\texpansion\tform\tscope\tkind\nUBND\t\tbody\tlocal\tx\n');
    expect(() => readTable(path, AbbreviationRow)).toThrow(`${path}:2: expansion: empty`);
  });
});
