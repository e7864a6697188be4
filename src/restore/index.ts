/**
 * Diacritic restoration / OCR post-correction stage.
 * STUB: the restore owner replaces this. Contract: `restoreFile` replaces file.text with the
 * restored text (same number of lines), leaves file.original alone, and lists every changed
 * token in file.restored with its confidence.
 */
import type { VbFile } from '../../schemas/document.ts';

export interface RestoreOptions {
  /** An archive database whose adapted language model should be used (see `vanban lm train`). */
  db?: string;
  /** Force restoration on every line, skipping the detector. */
  force?: boolean;
  /** Never restore. */
  off?: boolean;
}

export async function restoreFile(file: VbFile, _opts: RestoreOptions = {}): Promise<VbFile> {
  return file;
}
