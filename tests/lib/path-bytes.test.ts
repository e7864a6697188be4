import { describe, expect, it } from 'vitest';
import { fsPath, pathFromBytes, pathFromString } from '../../src/lib/path-bytes.ts';
import { parsePathList } from '../../src/ingest/expand.ts';
import { randomBytes, rng } from '../ingest/cli.ts';

const bytesOf = (p: string | Buffer) => (typeof p === 'string' ? Buffer.from(p) : p);

describe.skipIf(process.platform === 'win32')('paths as bytes', () => {
  it('valid UTF-8 names are unchanged; other bytes become \\xNN', () => {
    expect(pathFromBytes(Buffer.from('văn bản/Điều 1.txt'))).toBe('văn bản/Điều 1.txt');
    expect(pathFromBytes(Buffer.from([0x61, 0xff, 0xfe, 0x2e, 0x74]))).toBe('a\\xff\\xfe.t');
    // Latin-1 "café", a cut-off sequence, an overlong "/", a UTF-16 surrogate: all escaped.
    expect(pathFromBytes(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBe('caf\\xe9');
    expect(pathFromBytes(Buffer.from([0xe1, 0xbb]))).toBe('\\xe1\\xbb');
    expect(pathFromBytes(Buffer.from([0xc0, 0xaf]))).toBe('\\xc0\\xaf');
    expect(pathFromBytes(Buffer.from([0xed, 0xa0, 0x80]))).toBe('\\xed\\xa0\\x80');
  });

  it('a backslash is doubled only where it would read as an escape', () => {
    expect(pathFromString('a\\b.txt')).toBe('a\\b.txt');
    expect(pathFromString('a\\x41.txt')).toBe('a\\\\x41.txt');
    expect(pathFromString('a\\\\b')).toBe('a\\\\\\b');
    expect(pathFromBytes(Buffer.from([0x5c, 0xff]))).toBe('\\\\\\xff');
  });

  it('fsPath gives back the exact bytes of any name (random bytes, 2,000 names)', () => {
    const random = rng(17);
    for (let i = 0; i < 2000; i++) {
      // Bytes weighted towards backslashes, "x", hex digits and UTF-8 lead bytes, where escapes can go wrong.
      const raw = randomBytes(1 + Math.floor(random() * 12), random).map((b) => [0x5c, 0x78, 0x66, 0x30, 0xe1, 0xbb, b, b][b % 8]);
      const name = pathFromBytes(raw);
      expect(bytesOf(fsPath(name)).equals(raw), name).toBe(true);
      expect(name).not.toContain('\ufffd');
    }
  });

  it('fsPath keeps ordinary paths as strings', () => {
    expect(fsPath('/data/văn bản.txt')).toBe('/data/văn bản.txt');
    expect(fsPath('a\\\\x41')).toBe('a\\x41');
    expect(Buffer.isBuffer(fsPath('a\\xff'))).toBe(true);
  });

  it('path lists are read as bytes: NUL-separated and one a line', () => {
    expect(parsePathList(Buffer.from([0x61, 0xff, 0, 0x62, 0]))).toEqual(['a\\xff', 'b']);
    expect(parsePathList(Buffer.from([0x20, 0x61, 0xff, 0x0d, 0x0a, 0x23, 0xff, 0x0a, 0x62]))).toEqual(['a\\xff', 'b']);
  });
});
