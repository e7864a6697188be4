/**
 * Plan tables given as TSV lines with HTML fragments in cells. Rows continued across a page
 * break (first cell empty) are appended to the row above; header rows repeated after a page
 * break are dropped (and their column layout used for the continuation rows under them);
 * group rows ("I", "II.1 Nhóm nhiệm vụ …") become row groups.
 */
import type { Row, Table } from '../../schemas/document.ts';
import { fold } from '../knowledge/fold.ts';
import type { Line } from './lines.ts';
import { editDistance } from '../lib/edit-distance.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Cell HTML to text: list items on their own lines, tags dropped, entities decoded. */
export function cellText(html: string): string {
  return html
    .replace(/<\/li>\s*/gi, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#\d+|[a-z]+);/gi, (m, e: string) =>
      e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? m),
    )
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** "I", "II.1", "<b>III</b>", "II.2. Nhóm nhiệm vụ…" → label (+ the text that follows in the cell). */
export const GROUP_LABEL = /^([IVXLC]{1,5}(?:\.\d{1,2})*)\.?(?:\s+(.*))?$/su;
const ROW_NUMBER = /^(\d{1,3}(?:\.\d{1,3})*)\.?$/;
/** The header of a numbering column: "TT", "STT", "Số TT" (folded). */
const NUMBER_HEADER = /^(?:s\.?\s*)?t\.?\s*t\.?$|^so\s+(?:tt|thu tu)$/;

/** A Markdown table row, as pasted from web pages: "| 1 | Nội dung | Sở Y tế |" (three cells or more). */
const PIPE_ROW = /^\s*\|(?:[^|]*\|){3,}\s*$/;

/** The cells of a table line, TSV or a Markdown pipe row; null when the line is not one. */
export function rowCells(raw: string): string[] | null {
  if (raw.includes('\t')) return raw.split('\t');
  if (PIPE_ROW.test(raw)) return raw.trim().slice(1, -1).split('|').map((c) => c.trim());
  return null;
}
const isRow = (raw: string) => rowCells(raw) !== null;

/** A table block (TSV or pipe rows): table lines, with blank lines and lone group-label lines between them. */
export function findTableBlocks(lines: Line[]): [number, number][] {
  const blocks: [number, number][] = [];
  let i = 0;
  while (i < lines.length) {
    if (!isRow(lines[i].raw)) {
      i++;
      continue;
    }
    const start = i;
    let end = i;
    let k = i + 1;
    while (k < lines.length) {
      const raw = lines[k].raw;
      if (isRow(raw)) {
        end = k;
        k++;
        continue;
      }
      // Look past blanks and one group-label line to see whether the table goes on.
      let j = k;
      while (j < lines.length && !lines[j].text) j++;
      if (j < lines.length && !isRow(lines[j].raw) && GROUP_LABEL.test(lines[j].text) && /^[IVXLC]/.test(lines[j].text)) {
        let n = j + 1;
        while (n < lines.length && !lines[n].text) n++;
        if (n < lines.length && isRow(lines[n].raw)) {
          k = n;
          continue;
        }
      }
      if (j < lines.length && isRow(lines[j].raw) && j - k <= 4) {
        k = j;
        continue;
      }
      break;
    }
    blocks.push([start, end]);
    i = end + 1;
  }
  return blocks;
}

function similar(a: string, b: string): boolean {
  const fa = fold(a).replace(/[^a-z0-9]/g, '');
  const fb = fold(b).replace(/[^a-z0-9]/g, '');
  if (!fa || !fb) return fa === fb;
  if (fa === fb) return true;
  // One typo allowed per ~8 characters ("PHÓI HỢP", "PHÓ HỢP"); lengths tell most pairs apart first.
  const limit = Math.max(1, Math.floor(Math.min(fa.length, fb.length) / 8));
  return Math.abs(fa.length - fb.length) <= limit && editDistance(fa, fb) <= limit;
}

/** Column mapping of a repeated header onto the table's header, or null when the row is not a header. */
function headerMapping(cells: string[], header: string[]): number[] | null {
  const named = cells.map((c, i) => [c, i] as const).filter(([c]) => c);
  // Header cells are short names; a row with a long cell is data.
  const longest = Math.max(...header.map((h) => h.length));
  if (named.some(([c]) => c.length > longest * 2 + 10)) return null;
  if (named.length < Math.min(3, header.filter(Boolean).length)) return null;
  const map: number[] = [];
  let hits = 0;
  let from = 0;
  for (let i = 0; i < cells.length; i++) {
    if (!cells[i]) {
      map[i] = -1;
      continue;
    }
    const j = header.findIndex((h, k) => k >= from && similar(cells[i], h));
    if (j >= 0) {
      hits++;
      map[i] = j;
      from = j + 1;
    } else map[i] = -1;
  }
  return hits >= Math.max(2, named.length * 0.6) ? map : null;
}

function append(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return /^[-–•+]\s/.test(b) ? `${a}\n${b}` : `${a} ${b}`;
}

export function parseTable(lines: Line[], first: number, last: number, id: string): Table | null {
  const rowsLines = lines.slice(first, last + 1).filter((l) => l.text);
  if (rowsLines.length < 2) return null;
  const header = rowCells(rowsLines[0].raw)!.map(cellText);
  while (header.length && !header[header.length - 1]) header.pop();
  const columns = header.map((h, i) => h || `col${i + 1}`);
  const rows: Row[] = [];
  let group: string | null = null;
  let localMap: number[] | null = null;
  let lastRow: Row | null = null;
  const numbered = NUMBER_HEADER.test(fold(header[0] ?? '')) || rowsLines.slice(1).some((l) => ROW_NUMBER.test(cellText(rowCells(l.raw)?.[0] ?? '')));

  for (const line of rowsLines.slice(1)) {
    const cells = (rowCells(line.raw) ?? [line.raw]).map(cellText);
    if (cells.every((c) => !c || /^[-–—:]+$/.test(c))) continue;
    const mapping = headerMapping(cells, header);
    if (mapping) {
      localMap = mapping;
      continue;
    }
    const firstCell = cells[0] ?? '';
    const rest = cells.slice(1).filter(Boolean);
    const groupM = GROUP_LABEL.exec(firstCell);
    const isGroup = groupM && /^[IVXLC]/.test(firstCell) && (rest.length <= 1 || !!groupM[2]) && !ROW_NUMBER.test(firstCell);
    if (isGroup) {
      const label = groupM![1];
      const text = [groupM![2] ?? '', ...rest].filter(Boolean).join(' ');
      group = label;
      lastRow = {
        index: rows.length, kind: 'group', label, group: parentGroup(label), cells: [{ column: columns[1] ?? columns[0], text }],
        start: line.start, end: line.end, page: null,
      };
      rows.push(lastRow);
      localMap = null;
      continue;
    }
    // In a numbered table a line without its number goes on the row above; in one without a
    // number column ("Chỉ tiêu | Đơn vị | Năm 2025") each line is a row, unless it goes on in
    // lower case (a cell's wrapped text).
    const continuation = !firstCell || (!ROW_NUMBER.test(firstCell) && lastRow !== null && (numbered || /^\p{Ll}/u.test(firstCell)));
    if (continuation && lastRow) {
      const map = !firstCell ? localMap : null;
      cells.forEach((c, i) => {
        if (!c) return;
        const col = lastRow!.kind === 'group' ? 0 : map && map[i] !== undefined && map[i] >= 0 ? map[i] : i;
        const name = lastRow!.kind === 'group' ? lastRow!.cells[0].column : columns[Math.min(col, columns.length - 1)];
        const cell = lastRow!.cells.find((x) => x.column === name);
        if (cell) cell.text = append(cell.text, c);
        else lastRow!.cells.push({ column: name, text: c });
      });
      lastRow.end = line.end;
      continue;
    }
    localMap = null;
    lastRow = {
      index: rows.length,
      kind: 'data',
      label: ROW_NUMBER.exec(firstCell)?.[1] ?? (firstCell || null),
      group,
      cells: columns.map((column, i) => ({ column, text: cells[i] ?? '' })),
      start: line.start,
      end: line.end,
      page: null,
    };
    // Cells beyond the header's width are kept under the last column.
    for (let i = columns.length; i < cells.length; i++) if (cells[i]) lastRow.cells[columns.length - 1].text = append(lastRow.cells[columns.length - 1].text, cells[i]);
    rows.push(lastRow);
  }
  return { id, section: null, columns, rows, start: rowsLines[0].start, end: rowsLines[rowsLines.length - 1].end, page: null };
}

function parentGroup(label: string): string | null {
  const i = label.lastIndexOf('.');
  return i > 0 ? label.slice(0, i) : null;
}

/** The table as text, for full-text search. */
export function tableText(t: Table): string {
  return [t.columns.join(' | '), ...t.rows.map((r) => [r.label ?? '', ...r.cells.map((c) => c.text)].join(' | '))].join('\n');
}
