/**
 * Page furniture (after Docling's `furniture`), found by position and repetition (pure):
 * - a lone page number ("2", "- 2 -", "2/5") as the first or last line of a page, in its top or
 *   bottom margin band;
 * - a running header or footer: a line in the same margin band, at the same place, with the
 *   same text (its numbers aside) on most pages (at least two).
 * A Decree-30 header or signature line in body size is never taken: several documents in one
 * file may each open a page with the same issuing body; running heads are set smaller.
 */
import { fold } from '../knowledge/fold.ts';
import type { FurnitureKind } from '../../schemas/ocr.ts';
import { isBlockLine, type Box } from './paragraphs.ts';

export interface FurniturePage {
  page: number;
  width?: number;
  height?: number;
  lines: { text: string; box: Box }[];
}

export interface FurnitureHit {
  page: number;
  /** Index of the line in its page's `lines`. */
  line: number;
  kind: FurnitureKind;
}

/** A margin band: the top or bottom 12 % of the page. */
const BAND = 0.12;
/** Lines a band may hold at each end of a page. */
const EDGE_LINES = 2;
const PAGE_NUMBER = /^(?:[-–—]\s*)?\d{1,4}(?:\s*\/\s*\d{1,4})?(?:\s*[-–—])?$/u;

const height = (b: Box) => b[3] - b[1];
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
}

type Zone = 'top' | 'bottom';

/** The lines at either end of a page that lie in its margin bands. */
function edgeLines(p: FurniturePage): { line: number; zone: Zone }[] {
  if (!p.height) return [];
  const byY = p.lines.map((l, i) => ({ l, i })).sort((a, b) => a.l.box[1] - b.l.box[1]);
  const out: { line: number; zone: Zone }[] = [];
  for (const { l, i } of byY.slice(0, EDGE_LINES)) if (l.box[3] <= p.height * BAND) out.push({ line: i, zone: 'top' });
  for (const { l, i } of byY.slice(-EDGE_LINES)) if (l.box[1] >= p.height * (1 - BAND) && !out.some((o) => o.line === i)) out.push({ line: i, zone: 'bottom' });
  return out;
}

export function findFurniture(pages: readonly FurniturePage[]): FurnitureHit[] {
  const hits: FurnitureHit[] = [];
  const body = median(pages.flatMap((p) => p.lines.map((l) => height(l.box)))) || 1;
  const groups = new Map<string, { page: number; line: number; zone: Zone; x: number }[]>();
  for (const p of pages) {
    for (const { line, zone } of edgeLines(p)) {
      const l = p.lines[line]!;
      const t = l.text.trim();
      if (PAGE_NUMBER.test(t)) {
        hits.push({ page: p.page, line, kind: 'page-number' });
        continue;
      }
      if (isBlockLine(t) && height(l.box) >= 0.85 * body) continue;
      const key = `${zone}|${fold(t).replace(/\d+/g, '#').replace(/\s+/g, ' ')}`;
      const g = groups.get(key) ?? [];
      g.push({ page: p.page, line, zone, x: (l.box[0] + l.box[2]) / 2 });
      groups.set(key, g);
    }
  }
  const width = median(pages.map((p) => p.width ?? 0)) || 600;
  const most = Math.max(2, Math.ceil(0.6 * pages.length));
  for (const g of groups.values()) {
    // The same place: centres within a tenth of the page width of the group's median.
    const x = median(g.map((m) => m.x));
    const placed = g.filter((m) => Math.abs(m.x - x) <= 0.1 * width);
    if (new Set(placed.map((m) => m.page)).size < most) continue;
    for (const m of placed) hits.push({ page: m.page, line: m.line, kind: m.zone === 'top' ? 'page-header' : 'page-footer' });
  }
  return hits.sort((a, b) => a.page - b.page || a.line - b.line);
}
