/**
 * The body hierarchy: Phần/Chương (Roman numerals), Mục, Điều N., khoản "1.", điểm "a)",
 * bullets "-" and "+", markdown headings, preamble (căn cứ) lines, paragraphs and tables.
 * Depth comes from the numbering, not from markdown "#" marks (documents mark levels
 * inconsistently).
 */
import type { Section, SectionKind, Table } from '../../schemas/document.ts';
import type { Repair, RepairRule } from '../lib/repairs.ts';
import { type Line, isUpper } from './lines.ts';
import { ARTICLE, BULLET, CHAPTER, CLAUSE, ENACTMENT, PART, POINT, PREAMBLE, ROMAN, SECTION } from './patterns.ts';
import { findTableBlocks, parseTable, tableText } from './tables.ts';

interface Marker {
  kind: SectionKind;
  label: string | null;
  rest: string;
  rank: number;
  /** The label as the line writes it, when a rule read it as another ("IL" for "II"). */
  written?: string;
}

const ROMAN_VALID = /^(?=[IVXLC])C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

/** A Roman numeral, repairing OCR's I→l/L/1 ("IL." for "II."); null when it is not one. */
export function romanLabel(s: string): string | null {
  if (ROMAN_VALID.test(s)) return s;
  const fixed = s.replace(/[lL1]/g, 'I');
  return /[IVX]/.test(s) && ROMAN_VALID.test(fixed) ? fixed : null;
}

const POINT_LETTERS = 'abcdđeghiklmnopqrstuvxy';

export function marker(t: string, raw: string): Marker | null {
  let m: RegExpExecArray | null;
  if ((m = PART.exec(t))) return { kind: 'part', label: m[1], rest: m[2], rank: 1 };
  if ((m = CHAPTER.exec(t))) return { kind: 'chapter', label: m[1], rest: m[2], rank: 2 };
  if ((m = SECTION.exec(t))) return { kind: 'section', label: m[1], rest: m[2], rank: 3 };
  if ((m = ARTICLE.exec(t))) return { kind: 'article', label: m[1], rest: m[2], rank: 4 };
  if ((m = /^([IVXLC1l]{1,6})((?:\.\d{1,2})*)\s*[.)-]\s*(.*)$/u.exec(t)) && (m[3] || m[2])) {
    const roman = romanLabel(m[1]);
    if (roman && (roman === m[1] || isUpper(m[3]))) {
      return { kind: 'part', label: roman + m[2], rest: m[3], rank: m[2] ? 1.5 : 1, ...(roman !== m[1] ? { written: m[1] + m[2] } : {}) };
    }
  }
  if ((m = CLAUSE.exec(t))) return { kind: 'clause', label: m[1], rest: m[2], rank: 5 };
  if ((m = POINT.exec(t))) return { kind: 'point', label: m[1] === '¢' ? 'c' : m[1], rest: m[2], rank: 6, ...(m[1] === '¢' ? { written: m[1] } : {}) };
  if ((m = BULLET.exec(t))) return { kind: 'subpoint', label: m[1] === '+' ? '+' : '-', rest: m[2], rank: m[1] === '+' ? 8 : 7 };
  if (/^\s{0,3}#{1,6}\s/.test(raw)) return { kind: 'heading', label: null, rest: t, rank: 5 };
  return null;
}

/** The marker line's text is a heading when it is short and standalone, not a sentence that goes on. */
export function headingOf(rest: string, following: Line[]): string | null {
  // a trailing note "(Đính kèm theo Phụ lục …)" is not part of the heading
  let r = rest.replace(/\*+/g, '').replace(/\s*\([^()]*\)\s*$/, '').trim();
  // Hard-wrapped text (OCR, PDF text layers): the line goes on when the next starts in lower case.
  let wrapped = false;
  for (const l of following) {
    if (!l.text || !/^[\p{Ll}(]/u.test(l.text) || marker(l.text, l.raw)) break;
    r = `${r} ${l.text}`;
    wrapped = true;
  }
  if (!r || r.length > 250) return null;
  if (isUpper(r)) return r.replace(/[\s.:;]+$/, '');
  if (/[.;,]$/.test(r) && !/\.\.\.$/.test(r)) return null;
  if (wrapped && (!r.endsWith(':') || r.length > 110)) return null;
  const standalone = !following[0] || !following[0].text;
  if (!standalone && r.length > 110 && !r.endsWith(':')) return null;
  return r.replace(/[\s:]+$/, '');
}

export interface BodyResult {
  sections: Section[];
  tables: Table[];
  /** Marker labels read as other than written (OCR's "IL." as "II.", a second "d)" as "đ)"). */
  repairs: Repair[];
}

/**
 * Sections of lines[from, to). `idPrefix` keeps ids unique in the file ("d1.s4"); `order0`
 * continues the numbering after the header sections.
 */
export function parseBody(lines: Line[], from: number, to: number, idPrefix: string, order0 = 0): BodyResult {
  const sections: Section[] = [];
  const tables: Table[] = [];
  const repairs: Repair[] = [];
  const stack: { id: string; rank: number; depth: number }[] = [];
  let order = order0;
  let enacted = false;
  let sawMarker = false;
  const slice = lines.slice(from, to);
  const blocks = findTableBlocks(slice).map(([a, b]) => [a + from, b + from] as const);
  let para: Section | null = null;
  // Documents whose parts are Roman-numbered ("II. …" in capitals).
  const romanParts = slice.some((l) => {
    const m = /^([IVXLCl]{2,6})\s*[.)]\s+\S/u.exec(l.text);
    return !!m && !!romanLabel(m[1]) && isUpper(l.text);
  });
  const stackParentFor = (rank: number) => {
    for (let k = stack.length - 1; k >= 0; k--) if (stack[k].rank < rank) return stack[k].id;
    return null;
  };

  const push = (s: Omit<Section, 'id' | 'order' | 'page'>): Section => {
    const sec: Section = { ...s, id: `${idPrefix}.s${sections.length}`, order: order++, page: null };
    sections.push(sec);
    return sec;
  };
  const parent = () => stack[stack.length - 1]?.id ?? null;
  const depth = () => (stack[stack.length - 1]?.depth ?? 0) + 1;

  for (let i = from; i < to; i++) {
    const line = lines[i];
    const block = blocks.find(([a]) => a === i);
    if (block) {
      const table = parseTable(lines, block[0], block[1], `${idPrefix}.t${tables.length}`);
      if (table) {
        const sec = push({ parent: parent(), kind: 'table', label: null, heading: null, text: tableText(table), depth: depth(), start: table.start, end: table.end });
        table.section = sec.id;
        tables.push(table);
      }
      para = null;
      i = block[1];
      continue;
    }
    const t = line.text;
    if (!t) {
      // A page break (the form-feed line) inside a sentence does not end its section: the
      // section's last line ends no sentence and the next page goes on in lower case.
      if (para && line.raw === '\f' && !/[.:;!?]["”)]*$/u.test(para.text) && /^\p{Ll}/u.test(lines[i + 1]?.text ?? '')) continue;
      para = null;
      continue;
    }
    if (ENACTMENT.test(t)) {
      enacted = true;
      para = null;
      push({ parent: null, kind: 'paragraph', label: null, heading: t.replace(/:$/, ''), text: t, depth: 1, start: line.start, end: line.end });
      continue;
    }
    if (!sawMarker && !enacted && PREAMBLE.test(t)) {
      para = null;
      push({ parent: null, kind: 'preamble', label: null, heading: null, text: t, depth: 1, start: line.start, end: line.end });
      continue;
    }
    const mk = marker(t, line.raw);
    if (mk && mk.kind === 'clause' && mk.label === '1' && romanParts && isUpper(mk.rest) && mk.rest.split(' ').length >= 2) {
      // OCR reads the Roman "I." of the first part as "1."
      Object.assign(mk, { kind: 'part', label: 'I', rank: 1, written: '1' });
    }
    if (mk && mk.kind === 'point') {
      // "d)" twice in a row: the second lost its stroke (đ), as typed without diacritics or OCR'd
      const parentId = stackParentFor(mk.rank) ?? null;
      let prev: Section | undefined;
      for (let k = sections.length - 1; k >= 0 && !prev; k--) if (sections[k].parent === parentId && sections[k].kind === 'point') prev = sections[k];
      if (prev && prev.label === mk.label && mk.label === 'd') Object.assign(mk, { label: POINT_LETTERS[POINT_LETTERS.indexOf('d') + 1], written: 'd' });
    }
    if (mk?.written !== undefined && mk.label !== null) {
      const rule: RepairRule = mk.kind === 'part' ? 'roman-marker' : mk.written === 'd' ? 'point-dj' : 'point-ocr';
      const at = line.start + Math.max(0, line.raw.indexOf(mk.written));
      repairs.push({ rule, start: at, end: at + mk.written.length, before: mk.written, after: mk.label });
    }
    if (mk) {
      sawMarker = true;
      para = null;
      while (stack.length && stack[stack.length - 1].rank >= mk.rank) stack.pop();
      const sec = push({
        parent: parent(),
        kind: mk.kind,
        label: mk.kind === 'heading' ? null : mk.label,
        heading: mk.kind === 'subpoint' ? null : headingOf(mk.rest, lines.slice(i + 1, Math.min(to, i + 4))),
        text: t,
        depth: depth(),
        start: line.start,
        end: line.end,
      });
      stack.push({ id: sec.id, rank: mk.rank, depth: sec.depth });
      // a bullet's wrapped lines continue it
      if (mk.kind === 'subpoint' || mk.kind === 'point' || mk.kind === 'clause' || mk.kind === 'article') para = sec;
      continue;
    }
    if (para) {
      para.text += `\n${t}`;
      para.end = line.end;
      continue;
    }
    para = push({ parent: parent(), kind: 'paragraph', label: null, heading: null, text: t, depth: depth(), start: line.start, end: line.end });
  }
  return { sections, tables, repairs };
}
