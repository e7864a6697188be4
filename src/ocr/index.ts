/**
 * OCR stage: fills `text` and `pages` for PDFs (text layer when usable, else OCR) and images.
 * Text files pass through untouched.
 * STUB: the ocr owner replaces this.
 */
import type { VbFile } from '../../schemas/document.ts';

export async function ocrFile(file: VbFile): Promise<VbFile> {
  const t = file.source.mediaType;
  if (t === 'application/pdf' || t.startsWith('image/')) {
    file.messages.push({ stage: 'ocr', ruleId: 'not-implemented', reason: `${file.source.path}: PDF/image input is not supported yet`, severity: 'error', start: null, end: null, page: null });
  }
  return file;
}
