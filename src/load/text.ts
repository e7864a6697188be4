/**
 * Decode text bytes: UTF-8 (with or without BOM), UTF-16 LE/BE, and the legacy Vietnamese
 * 8-bit encodings TCVN3 (ABC) and VNI-Windows, detected by content.
 * STUB: the normalize owner replaces this with the full decoder.
 */
export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

export function decodeText(bytes: Buffer): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { ok: true, text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return { ok: true, text, encoding: 'utf-8' };
}
