/**
 * Load: read bytes, hash them, detect the type by content, decode text files.
 * PDFs and images are passed on with empty text; the ocr stage fills them in.
 */
import { createHash } from 'node:crypto';
import { readFile as readFileCallback, statSync } from 'node:fs';
import { promisify } from 'node:util';
import type { VbFile } from '../../schemas/document.ts';
import { fsPath } from '../lib/path-bytes.ts';
import { extensionMismatch, sniffMediaType } from './sniff.ts';
import { decodeText } from './text.ts';

// Larger files are refused up front: a 75 MB text ran the process out of memory (redone in the
// main thread, runner.ts, when too big for a pipeline thread) and aborted the whole batch.
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Reads go through the callback API: the promise API's `readFile` (a FileHandle, and an await
 * for each of open, stat, read and close) cost the main thread, which also stores every file,
 * ~40 µs a file against ~25. Reads stay asynchronous: a file not in the page cache (an archive
 * read for the first time) is read in the thread pool while the batch goes on; read
 * synchronously, it held the main thread ~1 ms a file in a 5,000-file batch.
 */
const readFile = promisify(readFileCallback);

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

/** `path` in vanban's string form: a name that is not UTF-8 has `\xNN` escapes (src/lib/path-bytes.ts). */
export async function loadFile(path: string, maxBytes = MAX_FILE_BYTES): Promise<VbFile> {
  const file = emptyFile(path);
  let bytes: Buffer;
  try {
    // Synchronous: a batch statted every path as it expanded its inputs, so the inode is cached
    // and this takes microseconds, where an asynchronous stat cost a round trip through the
    // thread pool (5,000 files: 2-3 % less CPU in all).
    const st = statSync(fsPath(path));
    if (!st.isFile()) return fail(file, 'not-a-file', `${path}: not a regular file`);
    if (st.size > maxBytes) return fail(file, 'too-large', `${path}: ${st.size} bytes is over the ${maxBytes}-byte limit`);
    bytes = await readFile(fsPath(path));
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
  const mismatch = extensionMismatch(bytes, path, mediaType);
  if (mismatch) return fail(file, 'type-mismatch', `${path}: ${mismatch}`);
  if (!mediaType.startsWith('text/')) return fail(file, 'unsupported-type', `${path}: unsupported file type (${mediaType})`);
  const decoded = decodeText(bytes);
  if (!decoded.ok) return fail(file, 'undecodable', `${path}: ${decoded.reason}`);
  file.source.encoding = decoded.encoding;
  file.original = decoded.text;
  file.text = decoded.text;
  // Each stretch in another encoding is named, where its text is, so a reader can check it.
  for (const part of decoded.parts ?? []) {
    file.messages.push({
      stage: 'load',
      ruleId: 'mixed-encoding',
      reason: `${path}: mixed encodings; bytes ${part.bytes[0]}–${part.bytes[1]} decoded as ${part.encoding}`,
      severity: 'warning',
      start: part.text[0],
      end: part.text[1],
      page: null,
    });
  }
  return file;
}
