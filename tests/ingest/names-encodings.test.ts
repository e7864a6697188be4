/**
 * Files as archives really hold them, on the real CLI: a text in two encodings (a UTF-8 file
 * with a UTF-16 one appended) and file names that are not UTF-8 (bytes 0xff 0xfe), found by
 * walking a folder and by a NUL-separated list, stored under a readable escaped path that
 * `reprocess` reads again.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/index.ts';
import { FIXTURES, jsonLines, SEEDS, vanban } from './cli.ts';

let dir: string;
let db: string;
const [A, B] = [SEEDS[0], SEEDS[1]].map((s) => readFileSync(join(FIXTURES, s), 'utf8'));
const BAD_NAME = Buffer.from([0x61, 0xff, 0xfe, 0x2e, 0x74, 0x78, 0x74]); // "a", 0xff 0xfe, ".txt"

function rows<T>(sql: string, ...args: unknown[]): T[] {
  const d = openDb(db, { readonly: true });
  try {
    return d.prepare(sql).all(...args) as T[];
  } finally {
    d.close();
  }
}

/** `dir` joined with a name given as bytes. */
function bytePath(...parts: (string | Buffer)[]): Buffer {
  return Buffer.concat(parts.flatMap((p, i) => (i ? [Buffer.from('/'), Buffer.from(p)] : [Buffer.from(p)])));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-names-'));
  db = join(dir, 'archive.db');
  mkdirSync(join(dir, 'mixed'));
  writeFileSync(join(dir, 'mixed/half.txt'), Buffer.concat([Buffer.from(A), Buffer.from(B, 'utf16le')]));
  mkdirSync(join(dir, 'walked'));
  copyFileSync(join(FIXTURES, SEEDS[2]), bytePath(dir, 'walked', BAD_NAME));
  // A PDF: no stored text to fall back on, so reprocess must open the file by its stored path.
  copyFileSync(join(FIXTURES, 'pdf/s000-text.pdf'), bytePath(dir, 'walked', Buffer.from([0x73, 0xff, 0xfe, 0x2e, 0x70, 0x64, 0x66])));
  mkdirSync(join(dir, 'listed'));
  copyFileSync(join(FIXTURES, SEEDS[3]), bytePath(dir, 'listed', BAD_NAME));
  writeFileSync(join(dir, 'list'), Buffer.concat([bytePath(dir, 'listed', BAD_NAME), Buffer.from([0])]));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mixed encodings', () => {
  it('half UTF-8, half UTF-16LE: each half decoded as itself, with a warning naming the bytes', async () => {
    const r = await vanban(['ingest', join(dir, 'mixed'), '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const [file] = rows<{ id: number; text: string; encoding: string }>('SELECT id, original AS text, encoding FROM files');
    expect(file.encoding).toBe('utf-8+utf-16le');
    expect(file.text).toBe(A + B);
    expect(file.text).not.toMatch(/[\u3400-\u9fff\uac00-\ud7af]/); // UTF-8 read as UTF-16 gives CJK
    const warnings = rows<{ reason: string; severity: string }>("SELECT reason, severity FROM messages WHERE file_id = ? AND rule = 'mixed-encoding'", file.id);
    const size = Buffer.byteLength(A) + Buffer.byteLength(B, 'utf16le');
    expect(warnings.map((w) => w.reason.replace(/^.*?: /, ''))).toEqual([
      `mixed encodings; bytes 0–${Buffer.byteLength(A)} decoded as utf-8`,
      `mixed encodings; bytes ${Buffer.byteLength(A)}–${size} decoded as utf-16le`,
    ]);
  });
});

describe('file names that are not UTF-8', () => {
  it('walking a folder: ingested, reported with \\xNN escapes, and reprocess opens them again', async () => {
    const r = await vanban(['ingest', join(dir, 'walked'), '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const lines = jsonLines(r.stdout).filter((l) => l.event === 'file');
    expect(lines.map((l) => [l.path, l.status]).sort()).toEqual([
      [join(dir, 'walked/a\\xff\\xfe.txt'), 'ingested'],
      [join(dir, 'walked/s\\xff\\xfe.pdf'), 'ingested'],
    ]);
    const stored = rows<{ path: string }>("SELECT path FROM files WHERE path LIKE '%walked%' ORDER BY path").map((f) => f.path);
    expect(stored).toEqual([join(dir, 'walked/a\\xff\\xfe.txt'), join(dir, 'walked/s\\xff\\xfe.pdf')]);

    const again = await vanban(['reprocess', '--all', '--db', db, '--json']);
    expect(again.code, again.stderr).toBe(0);
    const redone = jsonLines(again.stdout).filter((l) => l.event === 'file' && l.path.includes('walked'));
    expect(redone.map((l) => [l.path, l.status]).sort()).toEqual([
      [join(dir, 'walked/a\\xff\\xfe.txt'), 'replaced'],
      [join(dir, 'walked/s\\xff\\xfe.pdf'), 'replaced'],
    ]);
  });

  it('a NUL-separated list (find -print0): ingested', async () => {
    const r = await vanban(['ingest', '--from', join(dir, 'list'), '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(jsonLines(r.stdout).filter((l) => l.event === 'file').map((l) => [l.path, l.status])).toEqual([[join(dir, 'listed/a\\xff\\xfe.txt'), 'ingested']]);
  });

  it('on the command line (where Node turns the bytes into U+FFFD): one line naming the path and what works instead', async () => {
    const r = await vanban(['ingest', join(dir, 'listed', 'a\ufffd\ufffd.txt'), '--db', db, '--no-progress']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(`${join(dir, 'listed', 'a\ufffd\ufffd.txt')}: no such file or folder (a name that is not UTF-8 cannot be given on the command line: give the folder that holds it, or a list with --from`);
    const glob = await vanban(['ingest', join(dir, 'listed', '*.txt'), '--db', db, '--no-progress']);
    expect(glob.code).toBe(1);
    expect(glob.stdout + glob.stderr).toContain(`${join(dir, 'listed', 'a\ufffd\ufffd.txt')}: no such file or folder (a name that is not UTF-8 cannot be matched by a pattern: give the folder`);
  });
});
