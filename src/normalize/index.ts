/**
 * Normalise: NFC, one tone-mark placement, legacy-font mojibake, spaces and invisible characters.
 *
 * Works line by line and never adds or removes a line, so positions can be mapped back
 * (page spans and page lines from the ocr stage are re-mapped here). `file.original` is left as decoded.
 */
import type { Message, VbFile } from '../../schemas/document.ts';
import { offsetMap, remapFile, type Edit } from '../lib/offsets.ts';
import { composeMarks, fixTonePlacement } from './tone.ts';
import { fixChars, fixSpaces, splitLines, type CharFixCounts } from './whitespace.ts';
import { repairMojibakeLine } from './mojibake.ts';

export { fold, foldChar } from '../knowledge/fold.ts';
export { composeMarks, fixTonePlacement } from './tone.ts';

export interface NormalizeStats {
  composed: number; // combining marks folded into precomposed letters
  toneMoved: number; // syllables whose tone mark moved to the traditional vowel
  eth: number; // Ð/ð → Đ/đ
  invisible: number; // zero-width/soft-hyphen/control characters removed
  mojibakeLines: number; // lines re-decoded from TCVN3/VNI/UTF-8 text shown as Windows-1252
  mojibakeEncodings: string[]; // which source encodings those lines were in
}

export interface NormalizeResult {
  text: string;
  stats: NormalizeStats;
  /** For each input line: its start in the input and in the output, and both lengths. */
  lineMap: { oldStart: number; oldLength: number; newStart: number; newLength: number }[];
}

export function normalizeLines(input: string): NormalizeResult {
  const stats: NormalizeStats = { composed: 0, toneMoved: 0, eth: 0, invisible: 0, mojibakeLines: 0, mojibakeEncodings: [] };
  const counts: CharFixCounts = { eth: 0, invisible: 0 };
  const { lines, breaks } = splitLines(input);
  const out: string[] = [];
  const lineMap: NormalizeResult['lineMap'] = [];
  let oldPos = 0;
  let newPos = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    let s = raw;
    if (!isPlainAscii(s)) {
      const c = composeMarks(s);
      s = c.text;
      stats.composed += c.composed;
      const m = repairMojibakeLine(s);
      if (m) {
        s = m.text;
        stats.mojibakeLines++;
        if (!stats.mojibakeEncodings.includes(m.encoding)) stats.mojibakeEncodings.push(m.encoding);
      }
      s = fixChars(s, counts);
      const t = fixTonePlacement(s);
      s = t.text;
      stats.toneMoved += t.moved;
    }
    s = fixSpaces(s);
    out.push(s);
    lineMap.push({ oldStart: oldPos, oldLength: raw.length, newStart: newPos, newLength: s.length });
    oldPos += raw.length + breaks[i].length;
    newPos += s.length + (i < lines.length - 1 ? 1 : 0);
  }
  stats.eth = counts.eth;
  stats.invisible = counts.invisible;
  return { text: out.join('\n'), stats, lineMap };
}

function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7e || (c < 0x20 && c !== 0x09)) return false;
  }
  return true;
}

/** A string in canonical form: NFC with the traditional tone placement ("hoà" → "hòa"). */
export function nfc(s: string): string {
  return fixTonePlacement(composeMarks(s).text).text;
}

/** The normalised text only. */
export function normalizeText(s: string): string {
  return normalizeLines(s).text;
}

/** The line map as an edit list: each input line became an output line. */
export function lineEdits(lineMap: NormalizeResult['lineMap']): Edit[] {
  return lineMap.map((l) => ({ oldStart: l.oldStart, oldEnd: l.oldStart + l.oldLength, newStart: l.newStart, newEnd: l.newStart + l.newLength }));
}

/**
 * Map an offset in the input to the output: exact at line starts and ends, clamped inside a
 * line whose length changed.
 */
export function mapOffset(lineMap: NormalizeResult['lineMap'], offset: number): number {
  return offsetMap(lineEdits(lineMap), Infinity)(offset);
}

/**
 * The line map as edits narrowed to what changed in each line (common start and end left out),
 * so offsets inside a long line stay exact around a change: the layout stage joins a
 * paragraph's printed lines into one line, and each printed line's span must keep its place.
 */
export function changedEdits(before: string, after: string, lineMap: NormalizeResult['lineMap']): Edit[] {
  const out: Edit[] = [];
  for (const l of lineMap) {
    // Each line's start is an anchor: line breaks may have changed length (CRLF → LF).
    out.push({ oldStart: l.oldStart, oldEnd: l.oldStart, newStart: l.newStart, newEnd: l.newStart });
    const a = before.slice(l.oldStart, l.oldStart + l.oldLength);
    const b = after.slice(l.newStart, l.newStart + l.newLength);
    if (a === b) continue;
    let p = 0;
    while (p < a.length && p < b.length && a[p] === b[p]) p++;
    let q = 0;
    while (q < a.length - p && q < b.length - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
    out.push({ oldStart: l.oldStart + p, oldEnd: l.oldStart + l.oldLength - q, newStart: l.newStart + p, newEnd: l.newStart + l.newLength - q });
  }
  return out;
}

export function normalizeFile(file: VbFile): VbFile {
  const { text, stats, lineMap } = normalizeLines(file.text);
  if (text !== file.text) remapFile(file, text, changedEdits(file.text, text, lineMap));
  const info = (ruleId: string, reason: string): Message => ({ stage: 'normalize', ruleId, reason, severity: 'info', start: null, end: null, page: null });
  const enc = file.source.encoding;
  if (enc && /tcvn3|vni|1258/i.test(enc)) {
    file.messages.push(info('legacy-encoding', `decoded from the legacy Vietnamese encoding ${enc}`));
  }
  if (stats.mojibakeLines > 0) {
    file.messages.push(info('legacy-font-mojibake', `${stats.mojibakeLines} line(s) of ${stats.mojibakeEncodings.join('/')} text shown as Windows-1252 re-decoded`));
  }
  if (stats.composed > 0) {
    file.messages.push(info('unicode-composed', `${stats.composed} combining mark(s) composed into precomposed letters (NFC)`));
  }
  if (stats.toneMoved > 0) {
    file.messages.push(info('tone-placement', `${stats.toneMoved} syllable(s) had the tone mark moved to the traditional position (hoà → hòa)`));
  }
  if (stats.eth > 0) {
    file.messages.push(info('eth-to-dyet', `${stats.eth} Icelandic Ð/ð replaced by Đ/đ`));
  }
  if (stats.invisible > 0) {
    file.messages.push(info('invisible-removed', `${stats.invisible} zero-width, soft-hyphen or control character(s) removed`));
  }
  return file;
}
