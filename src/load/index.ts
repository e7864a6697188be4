/**
 * Load: read bytes, hash them, detect the type by content, decode text files.
 * PDFs and images are passed on with empty text; the ocr stage fills them in.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { VbFile } from '../../schemas/document.ts';
import { sniffMediaType } from './sniff.ts';
import { decodeText } from './text.ts';

export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/**
 * Files up to this size are read with one synchronous call, which takes microseconds for a
 * local file. The promise API makes four thread-pool round trips (stat, open, read, close),
 * and in a batch they cost the main thread, which also stores every file, ~1 ms per file.
 * Larger files (scans) are read asynchronously, so the batch goes on meanwhile.
 */
const SYNC_READ_BYTES = 1024 * 1024;

export function emptyFile(path: string): VbFile {
  return {
    source: { path, hash: '', size: 0, mediaType: 'application/octet-stream', encoding: null },
    original: '',
    text: '',
    pages: [],
    restored: [],
    documents: [],
    messages: [],
  };
}

function fail(file: VbFile, ruleId: string, reason: string): VbFile {
  file.messages.push({ stage: 'load', ruleId, reason, severity: 'error', start: null, end: null, page: null });
  return file;
}

export async function loadFile(path: string, maxBytes = MAX_FILE_BYTES): Promise<VbFile> {
  const file = emptyFile(path);
  let bytes: Buffer;
  try {
    const st = statSync(path);
    if (!st.isFile()) return fail(file, 'not-a-file', `${path}: not a regular file`);
    if (st.size > maxBytes) return fail(file, 'too-large', `${path}: ${st.size} bytes is over the ${maxBytes}-byte limit`);
    bytes = st.size <= SYNC_READ_BYTES ? readFileSync(path) : await readFile(path);
  } catch (err: any) {
    return fail(file, 'unreadable', `${path}: ${err?.code ?? ''} ${err?.message ?? err}`.trim());
  }
  return loadBytes(path, bytes);
}

export function loadBytes(path: string, bytes: Buffer): VbFile {
  const file = emptyFile(path);
  file.source.size = bytes.length;
  file.source.hash = createHash('sha256').update(bytes).digest('hex');
  if (bytes.length === 0) return fail(file, 'empty', `${path}: empty file`);
  const mediaType = sniffMediaType(bytes, path);
  file.source.mediaType = mediaType;
  if (mediaType === 'application/pdf' || mediaType.startsWith('image/')) return file;
  if (!mediaType.startsWith('text/')) return fail(file, 'unsupported-type', `${path}: unsupported file type (${mediaType})`);
  const decoded = decodeText(bytes);
  if (!decoded.ok) return fail(file, 'undecodable', `${path}: ${decoded.reason}`);
  file.source.encoding = decoded.encoding;
  file.original = decoded.text;
  file.text = decoded.text;
  return file;
}
