import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNaming } from '../../src/knowledge/naming.ts';

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vanban-naming-')), 'naming.json');
  writeFileSync(path, text);
  return path;
}

const good = { localities: ['tỉnh'], bodyGroups: ['cơ quan'], unmarkedLocalities: ['tỉnh'], typeQualifiers: ['hành động'], properNouns: ['Chính phủ'], titles: ['chủ tịch'] };

describe('data/codes/naming.json parsed at load', () => {
  it('the project table loads, with the kinds of body and the titles', () => {
    const n = readNaming();
    expect(n.bodyKinds).toContain('ủy ban nhân dân');
    expect(n.localities).toContain('thị xã');
    expect(n.titles).toContain('phó chủ tịch');
  });

  it('reads a good file without its note; the kind words come from body-kinds.tsv', () => {
    const n = readNaming(file(JSON.stringify({ _about: 'x', ...good })));
    expect(n).toMatchObject(good);
    expect(n).not.toHaveProperty('_about');
    expect(n.bodyKinds).toEqual(expect.arrayContaining(['sở', 'ủy ban nhân dân', 'bộ chỉ huy quân sự']));
    // heads that only tell a kind are not capitalised as kind words
    expect(n.bodyKinds).not.toContain('tỉnh ủy');
  });

  it('a bad entry fails naming the file and the path of the key', () => {
    const path = file(JSON.stringify({ ...good, titles: ['chủ tịch', 7] }));
    expect(() => readNaming(path)).toThrow(`${path}: titles.1: `);
  });

  it('an empty entry, a missing list and an unknown key each fail', () => {
    const empty = file(JSON.stringify({ ...good, localities: ['tỉnh', ' '] }));
    expect(() => readNaming(empty)).toThrow(`${empty}: localities.1: empty entry`);
    const { titles, ...rest } = good;
    const missing = file(JSON.stringify(rest));
    expect(() => readNaming(missing)).toThrow(`${missing}: titles: `);
    const extra = file(JSON.stringify({ ...good, bodyKinds: ['sở'] }));
    expect(() => readNaming(extra)).toThrow(`${extra}: `);
  });

  it('a file that is not JSON fails naming the file', () => {
    const path = file('{ "bodyKinds": [ "sở", ]');
    expect(() => readNaming(path)).toThrow(path);
  });
});
