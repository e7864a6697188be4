/**
 * Entity extraction over segmented documents: references, agencies, dates, targets, tasks,
 * persons. Pure: reads the document model (and data/ tables), never the database.
 * STUB: the extract owner replaces this.
 */
import type { VbFile } from '../../schemas/document.ts';

export function extractFile(file: VbFile): VbFile {
  return file;
}
