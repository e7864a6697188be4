import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandInputs, parsePathList, readPathList } from '../../src/ingest/expand.ts';

let root: string;
const rel = (files: string[]) => files.map((f) => relative(root, f));
const relative0 = (p: string) => relative(process.cwd(), p);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'vanban-expand-'));
  for (const p of ['a/1.txt', 'a/b/2.pdf', 'a/b/c/3.md', 'a/.hidden/4.txt', 'a/.DS_Store', 'a/noext', 'z.txt']) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), 'x');
  }
  symlinkSync(join(root, 'a'), join(root, 'a/b/loop')); // a folder link back up: must not loop
  symlinkSync(join(root, 'z.txt'), join(root, 'a/link.txt'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('expandInputs', () => {
  it('walks folders recursively in name order, every extension, skipping hidden entries and folder links', async () => {
    const { files, unusable } = await expandInputs([join(root, 'a')]);
    expect(rel(files)).toEqual(['a/1.txt', 'a/b/2.pdf', 'a/b/c/3.md', 'a/link.txt', 'a/noext']);
    expect(unusable).toEqual([]);
    // The link and its target are one file.
    expect(rel((await expandInputs([join(root, 'a'), join(root, 'z.txt')])).files)).not.toContain('z.txt');
  });

  it('expands globs (no links followed), keeps named files (even hidden), and lists each file once', async () => {
    const { files } = await expandInputs([join(root, 'a/**/*.{txt,md}'), join(root, 'a/.DS_Store'), join(root, 'a/1.txt'), join(root, 'a')]);
    expect(rel(files)).toEqual(['a/1.txt', 'a/b/c/3.md', 'a/.DS_Store', 'a/b/2.pdf', 'a/link.txt', 'a/noext']);
    const relative = await expandInputs(['*.txt'].map((p) => join(relative0(root), p)));
    // A relative pattern's matches are stored absolute, like every path (one file, one path).
    expect(relative.files.length).toBeGreaterThan(0);
    expect(relative.files.every((f) => f.startsWith(root))).toBe(true);
  });

  it('reports inputs that name nothing, with a reason', async () => {
    const { files, unusable } = await expandInputs([join(root, 'nope.txt'), join(root, '*.docx')]);
    expect(files).toEqual([]);
    expect(unusable.map((u) => u.rule)).toEqual(['not-found', 'no-match']);
    expect(unusable[0].reason).toContain('nope.txt');
  });
});

describe('path lists', () => {
  it('reads one path per line, ignoring blanks and comments, or NUL-separated lists', () => {
    expect(parsePathList('a.txt\n\n# scans of 2020\n  b c.pdf  \r\nd.md\n')).toEqual(['a.txt', 'b c.pdf', 'd.md']);
    expect(parsePathList('a.txt\0 b.pdf\0')).toEqual(['a.txt', ' b.pdf']);
  });

  it('reads the list from stdin with "-"', async () => {
    expect(await readPathList('-', Readable.from([Buffer.from('x.txt\ny'), Buffer.from('.txt\n')]))).toEqual(['x.txt', 'y.txt']);
  });
});

describe('.vanbanignore', () => {
  it('leaves out what a walked folder lists, and nothing named explicitly', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vanban-ignore-'));
    for (const d of ['gold', 'pdf', 'sub/gold']) mkdirSync(join(root, d), { recursive: true });
    for (const f of ['a.txt', 'NOTES.md', 'gold/a.json', 'pdf/s.pdf', 'pdf/s.txt', 'sub/b.txt', 'sub/gold/c.txt', 'sub/x.md'])
      writeFileSync(join(root, f), 'x');
    writeFileSync(join(root, '.vanbanignore'), '# annotations\ngold/\n*.md\npdf/*.txt\n');
    const { files } = await expandInputs([root]);
    expect(files.map((f) => f.slice(root.length + 1)).sort()).toEqual(['a.txt', 'pdf/s.pdf', 'sub/b.txt']);
    const named = await expandInputs([join(root, 'NOTES.md')]);
    expect(named.files).toHaveLength(1);
  });
});

it('.vanbanignore holds when the folder is typed with a trailing slash', async () => {
  const root = mkdtempSync(join(tmpdir(), 'vanban-ignore-'));
  mkdirSync(join(root, 'gold'));
  writeFileSync(join(root, 'a.txt'), 'x');
  writeFileSync(join(root, 'gold/a.json'), '{}');
  writeFileSync(join(root, '.vanbanignore'), 'gold/\n');
  const { files } = await expandInputs([`${root}/`]);
  expect(files.map((f) => relative(root, f))).toEqual(['a.txt']);
});
