/**
 * Normalise: NFC, one tone-mark placement, punctuation and whitespace.
 * STUB: the normalize owner replaces this with the full module.
 */
import type { VbFile } from '../../schemas/document.ts';

export function normalizeText(s: string): string {
  return s.normalize('NFC').replace(/\r\n?/g, '\n');
}

export function normalizeFile(file: VbFile): VbFile {
  file.text = normalizeText(file.text);
  return file;
}
