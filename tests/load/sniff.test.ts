import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectBom, guessUtf16, looksLikeText, sniffMediaType } from '../../src/load/sniff.ts';
import { loadBytes } from '../../src/load/index.ts';

const seed = readFileSync(new URL('../../fixtures/001_3ab4f0c448453941.txt', import.meta.url));

describe('sniff', () => {
  it('text by content, markdown by extension only', () => {
    expect(sniffMediaType(seed, 'a.txt')).toBe('text/plain');
    expect(sniffMediaType(seed, 'a.md')).toBe('text/markdown');
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n…'), 'a.txt')).toBe('application/pdf');
  });

  it('BOMs and BOM-less UTF-16 by zero pattern', () => {
    expect(detectBom(Buffer.from([0xff, 0xfe, 0x41, 0]))?.encoding).toBe('utf-16le');
    expect(detectBom(Buffer.from([0xff, 0xfe, 0, 0]))?.encoding).toBe('utf-32le');
    expect(detectBom(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))?.encoding).toBe('utf-8');
    const le = Buffer.from('Việt Nam – Độc lập', 'utf16le');
    expect(guessUtf16(le)).toBe('utf-16le');
    expect(guessUtf16(Buffer.from(le).swap16())).toBe('utf-16be');
    expect(guessUtf16(seed)).toBeNull();
  });

  it('a text file with one trailing NUL of padding still loads', () => {
    const file = loadBytes('x.txt', Buffer.concat([seed, Buffer.from([0])]));
    expect(file.messages).toEqual([]);
    expect(file.source.encoding).toBe('utf-8');
  });

  it('binary with NUL or control bytes is not text', () => {
    const bin = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0]);
    expect(looksLikeText(bin)).toBe(false);
    const file = loadBytes('x.bin', bin);
    expect(file.messages[0]?.ruleId).toBe('unsupported-type');
  });
});

describe('a file named as a PDF or an image whose bytes are not one', () => {
  it('fails with the reason instead of being read as text', () => {
    const stub = loadBytes('/in/random.pdf', Buffer.from([0x41, 0x9c, 0x2e, 0x51, 0x20, 0x7a, 0x68]));
    expect(stub.messages).toHaveLength(1);
    expect(stub.messages[0]).toMatchObject({ ruleId: 'type-mismatch', severity: 'error' });
    expect(stub.messages[0].reason).toContain('/in/random.pdf: named .pdf but not a PDF (no %PDF- header)');
    expect(stub.text).toBe('');

    const page = loadBytes('cv.PDF', Buffer.from('<!DOCTYPE html><html><body>404 Not Found</body></html>'));
    expect(page.messages[0].reason).toContain('an HTML or XML page');
    expect(loadBytes('scan.jpg', seed).messages[0]).toMatchObject({ ruleId: 'type-mismatch' });
  });

  it('a document of another type under a wrong name is still read as what it is', () => {
    const pdfAsJpg = loadBytes('scan.jpg', Buffer.from('%PDF-1.7\n%…'));
    expect(pdfAsJpg.source.mediaType).toBe('application/pdf');
    expect(pdfAsJpg.messages).toEqual([]);
    expect(loadBytes('notes.txt', seed).messages).toEqual([]);
  });
});
