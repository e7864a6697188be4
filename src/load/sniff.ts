/** File type by content (magic bytes), with the extension only as a tie-breaker for text. */
export function sniffMediaType(bytes: Buffer, path = ''): string {
  const head = bytes.subarray(0, 16);
  const ascii = head.toString('latin1');
  if (ascii.startsWith('%PDF-') || bytes.subarray(0, 1024).includes('%PDF-')) return 'application/pdf';
  if (head[0] === 0x89 && ascii.slice(1, 4) === 'PNG') return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (ascii.startsWith('II*\0') || ascii.startsWith('MM\0*')) return 'image/tiff';
  if (ascii.startsWith('BM')) return 'image/bmp';
  if (ascii.startsWith('PK\x03\x04')) return 'application/zip';
  if (looksLikeText(bytes)) return /\.(md|markdown)$/i.test(path) ? 'text/markdown' : 'text/plain';
  return 'application/octet-stream';
}

/** UTF-16 with BOM, or bytes with (almost) no control characters other than whitespace. */
export function looksLikeText(bytes: Buffer): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  const sample = bytes.subarray(0, 64 * 1024);
  let bad = 0;
  let zeros = 0;
  for (const b of sample) {
    if (b === 0) zeros++;
    else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) bad++;
  }
  // UTF-16 without BOM: every other byte zero for ASCII-heavy text.
  if (zeros > sample.length * 0.3 && zeros < sample.length * 0.7) return true;
  return zeros === 0 && bad <= sample.length * 0.001;
}
