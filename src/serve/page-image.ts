/**
 * Page images of stored files, asked for by file id and page number only: the path comes from
 * the archive, never from the request, and the bytes found there must still hash to what was
 * stored. PDF pages are rendered with the pdfjs + canvas the OCR stage uses (loaded on the
 * first image asked for); image files are sent as they are. Rendered pages are kept in a small
 * cache, since an analyst clicks through the items of one page.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { StoredPage } from '../query/spans.ts';
import { HttpError } from './params.ts';

/** Rendering resolution: a readable A4 page (~1100 px high); JPEG, 100–200 kB for a scan. */
export const PAGE_DPI = 96;
const CACHE_PAGES = 24;

export interface PageImage {
  type: string;
  body: Buffer;
}

const cache = new Map<string, PageImage>();

/** The stored bytes of a file, from the first of its paths whose bytes still have its hash. */
async function storedBytes(sp: StoredPage, fileId: number): Promise<Buffer> {
  for (const path of sp.paths) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch {
      continue;
    }
    if (createHash('sha256').update(bytes).digest('hex') === sp.hash) return bytes;
  }
  throw new HttpError(404, `file ${fileId}: its bytes are no longer at ${sp.paths.join(' or ')} (moved or changed since it was ingested)`);
}

export async function pageImage(sp: StoredPage, fileId: number): Promise<PageImage> {
  const key = `${sp.hash}:${sp.page}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const bytes = await storedBytes(sp, fileId);
  let image: PageImage;
  if (sp.mediaType.startsWith('image/')) {
    image = { type: sp.mediaType, body: bytes };
  } else if (sp.mediaType === 'application/pdf') {
    const { openPdf, renderPageImage } = await import('../ocr/pdf.ts');
    const doc = await openPdf(bytes, sp.paths[0]!);
    try {
      if (sp.page > doc.numPages) throw new HttpError(404, `file ${fileId} has ${doc.numPages} pages, not ${sp.page}`);
      const page = await doc.getPage(sp.page);
      image = { type: 'image/jpeg', body: (await renderPageImage(doc, page, PAGE_DPI, { type: 'jpeg', quality: 80 })).data };
    } finally {
      await doc.destroy();
    }
  } else {
    throw new HttpError(404, `file ${fileId} is ${sp.mediaType}: it has no page images`);
  }
  cache.set(key, image);
  if (cache.size > CACHE_PAGES) cache.delete(cache.keys().next().value!);
  return image;
}
