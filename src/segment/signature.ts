/**
 * The end of a document: Nơi nhận (distribution list) and the signature block
 * (TM./KT./TL./Q./TUQ. authority, title, name). In flattened two-column text the two are
 * interleaved ("Nơi nhận: KT. CHỦ TỊCH"), so each line is split where a signature part starts.
 */
import type { Signer } from '../../schemas/document.ts';
import { type Line, isUpper } from './lines.ts';
import { AUTHORITY, AUTHORITY_PREFIXES, CLOSING_MARK, NOI_NHAN } from './patterns.ts';
import { recaseAgency, recaseName, recaseTitle } from '../knowledge/recase.ts';
import { naming, TITLES_UPPER } from './naming.ts';
import { fold } from '../knowledge/fold.ts';
import { editDistance } from '../lib/edit-distance.ts';
import { canonicalSurname, hasNameShape, isPersonName } from '../knowledge/persons.ts';

const TITLE_RE = new RegExp(
  `^(?:${TITLES_UPPER})(?![\\p{L}\\p{N}])`,
  'u',
);
const TITLE_TAIL_RE = new RegExp(
  `\\s((?:${AUTHORITY_PREFIXES})\\s*\\.\\s*.+|(?:${TITLES_UPPER})(?:\\s*,\\s*[\\p{Lu} ]+)?)$`,
  'u',
);

const TITLE_LETTERS = naming.titles.map((t) => ({ title: t.toUpperCase(), letters: fold(t).replace(/[^a-z]/g, '') }));

/**
 * OCR garbles the all-caps signature lines ("rHO CHU T ICH"); they come from a closed set of
 * titles, so a mostly-capital fragment within a quarter of edits of one is that title.
 */
export function fuzzySignerTitle(fragment: string): string | null {
  const letters = fragment.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '');
  if (letters.length < 4 || upper.length < letters.length / 2) return null;
  const key = fold(letters);
  let best: (typeof TITLE_LETTERS)[number] | null = null;
  let bestD = Infinity;
  for (const t of TITLE_LETTERS) {
    const d = editDistance(key, t.letters);
    if (d < bestD || (d === bestD && best && t.title.length > best.title.length)) [best, bestD] = [t, d];
  }
  return best && bestD <= Math.max(1, Math.floor(best.letters.length / 4)) ? best.title : null;
}

/** "PHÓ CHỦ TỊCH", "BỘ TRƯỞNG, CHỦ NHIỆM", "CHÁNH VĂN PHÒNG". */
export function isSignerTitle(t: string): boolean {
  return isUpper(t) && TITLE_RE.test(t);
}

export interface Tail {
  start: number; // line index where the closing block starts (body ends before it)
  signers: Signer[];
  distribution: string[];
}

function cleanEntry(s: string): string {
  return s
    .replace(/^[-–•+]\s*/, '')
    .replace(/[\s;,.\\|]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function authorityOf(t: string): string {
  const m = AUTHORITY.exec(t)!;
  const who = m[2].trim();
  // "KT." with its period; a Party "T/M" as written, without one
  return `${m[1]}${m[1].includes('/') ? '' : '.'} ${isUpper(who) ? (TITLE_RE.test(who) ? recaseTitle(who) : recaseAgency(who)) : who}`;
}

/**
 * A closing-block line as the parts it holds where text layers glued them: a rule between a title
 * and the name ("THỨ TRƯỞNG--------Trần Quang Lộc", "-----Phạm Thị Hiền"), a title run into the
 * name ("PHÓ CHỦ TỊCHTrương Công Hậu"), the signer's column at the right of a list entry, seen
 * by the gap in the line as written ("- Như mục III;        Nguyễn Văn Hòa").
 */
function signatureParts(line: Line): string[] {
  const gap = /^(\s*[-–•+].*?[;.,])\s{3,}(\S.*)$/u.exec(line.raw);
  if (gap && hasNameShape(gap[2]!.trim())) return [gap[1]!.trim(), gap[2]!.trim()];
  // (the gap lost: a known name after the entry's own ';', or the '.' that ends the list)
  const after = /^(\s*[-–•+].*?[;.])\s+(\S.*)$/u.exec(line.text);
  if (after && isPersonName(after[2]!.trim())) return [after[1]!.trim(), after[2]!.trim()];
  const out: string[] = [];
  for (const piece of line.text.split(/\s*[-–—_]{3,}\s*/u)) {
    const glued = /^([\p{Lu}\s.]*\p{Lu})(\p{Lu}\p{Ll}.*)$/u.exec(piece);
    if (glued && isSignerTitle(glued[1]!) && hasNameShape(glued[2]!)) out.push(glued[1]!, glued[2]!);
    else out.push(piece);
  }
  return out.some((p) => p.trim()) ? out.filter((p) => p.trim()) : [line.text];
}

/**
 * A closing block a web page flattened onto one line, back in its parts: "Nơi nhận: - Bộ Y tế
 * (b/c); - TT.TU, …; - Lưu: VT. TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Thị Mỹ Hạnh" →
 * "Nơi nhận:", "- Bộ Y tế (b/c);", …, "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
 * "PHÓ CHỦ TỊCH", "Trần Thị Mỹ Hạnh". A part as lines keep it comes back whole.
 */
const AUTHORITY_AHEAD = new RegExp(String.raw`\s+(?=(?:${AUTHORITY_PREFIXES})\s*\.\s*\p{Lu}{2})`, 'u');

function unflattened(part: string): string[] {
  return part
    .split(/(?<=[;.:])\s+(?=[-–•+]\s)/u)
    .flatMap((p) => p.split(AUTHORITY_AHEAD))
    .flatMap((p) => {
      // a name in normal case after the capitals
      const named = /^(.*\p{Lu}{2,}\S*)\s+((?:\p{Lu}\p{Ll}+\s*){2,5})$/u.exec(p);
      return named && (AUTHORITY.test(named[1]!) || isSignerTitle(named[1]!)) ? [named[1]!, named[2]!.trim()] : [p];
    })
    .flatMap((p) => {
      // "KT. CHỦ TỊCH PHÓ CHỦ TỊCH": the authority, then the signer's own title
      const a = AUTHORITY.exec(p);
      if (!a || !isUpper(a[2]!)) return [p];
      const words = a[2]!.trim().split(/\s+/);
      for (let j = 1; j < words.length; j++) {
        const own = words.slice(j).join(' ');
        if (isSignerTitle(own) && isSignerTitle(words.slice(0, j).join(' '))) return [p.slice(0, p.length - own.length).trim(), own];
      }
      return [p];
    });
}

/**
 * Parse the closing block of a document whose lines are `lines` (already cut to the document).
 * `bodyEnd` is the first line after the body (where Nơi nhận or the signature starts).
 */
export function parseTail(lines: Line[]): Tail {
  // Find where the closing block starts: the last "Nơi nhận", or the first signature part after the last "./.".
  let noiNhan = -1;
  for (let i = lines.length - 1; i >= 0; i--) if (NOI_NHAN.test(lines[i].text)) { noiNhan = i; break; }
  let lastClose = -1;
  for (let i = lines.length - 1; i >= 0; i--) if (CLOSING_MARK.test(lines[i].text)) { lastClose = i; break; }
  let start = noiNhan;
  const from = Math.max(lastClose + 1, 0);
  for (let i = from; i < lines.length; i++) {
    const t = lines[i].text;
    if (AUTHORITY.test(t) || isSignerTitle(t)) {
      if (start === -1 || i < start) start = i;
      break;
    }
  }
  if (start === -1) return { start: lines.length, signers: [], distribution: [] };

  const distribution: string[] = [];
  let authority: string | null = null;
  let garbledAuthority: string | null = null; // "K\\ CHỦ TỊCH": a title after an unreadable KT./TM. prefix
  const titles: string[] = [];
  let name: string | null = null;
  let inList = false;
  const parts = lines.slice(start).flatMap((l) => signatureParts(l)).flatMap(unflattened);
  let lastPart = parts.length - 1;
  while (lastPart > 0 && !parts[lastPart]!.trim()) lastPart--;
  for (let i = 0; i < parts.length; i++) {
    // stray marks before a signature line ("“PHÓ CHỦ TỊCH" in OCR'd text)
    let t = parts[i]!.replace(/^[“”"'‘’`´^~·•]+\s*/u, '');
    if (!t) continue;
    const nn = NOI_NHAN.exec(t);
    if (nn) {
      inList = true;
      t = nn[1].trim();
      if (!t) continue;
    }
    // Split off a signature part glued to the right of a list entry (flattened columns).
    let sig: string | null = null;
    if (!AUTHORITY.test(t) && !isSignerTitle(t)) {
      const m = TITLE_TAIL_RE.exec(t);
      if (m && isUpper(m[1])) {
        sig = m[1].trim();
        t = t.slice(0, m.index).trim();
        // what is left is a short unreadable token: the KT./TM. prefix OCR lost
        if (/^\S{1,3}$/u.test(t) && !/^[-–•+]/.test(t) && !AUTHORITY.test(`${t} X`)) {
          garbledAuthority = recaseTitle(sig);
          sig = null;
          t = '';
        }
      } else {
        // a garbled title glued after a list entry ("…; rHO CHU T ICH") or on its own line
        const cut = t.lastIndexOf(';');
        const fragment = /^[-–•+]/.test(t) ? (cut >= 0 ? t.slice(cut + 1) : '') : t;
        const title = fragment.trim() ? fuzzySignerTitle(fragment) : null;
        if (title) {
          sig = title;
          t = /^[-–•+]/.test(t) ? t.slice(0, cut).trim() : '';
        }
      }
    } else {
      sig = t;
      t = '';
    }
    if (sig) {
      if (AUTHORITY.test(sig)) authority = authorityOf(sig);
      else titles.push(recaseTitle(sig));
    }
    if (!t) continue;
    if (inList && /^[-–•+]/.test(t)) {
      if (!/^[-–•+]\s*Lưu(?![\p{L}\p{N}])/u.test(t)) distribution.push(t);
      else inList = false; // "Lưu: VT, …" closes the list
      continue;
    }
    // A name cut after its middle name ("Nông Thị" / "Hồng Nhung"): no name ends in "Thị" or "Văn".
    if (name && i === lastPart && /\s(?:Thị|Văn)$/u.test(name) && hasNameShape(t) && t.split(' ').length <= 2) {
      name = `${name} ${recaseName(t)}`;
      continue;
    }
    // A name: one with a known family name, or whatever its family name the block's last part.
    if ((isPersonName(t) || (i === lastPart && hasNameShape(t))) && (authority || garbledAuthority || titles.length)) {
      name = canonicalSurname(recaseName(t.replace(/\*/g, '')));
      continue;
    }
    // The end of a name cut onto the last line ("Vàng Seo" / "Chư").
    if (name && i === lastPart && /^\p{Lu}\p{Ll}*$/u.test(t) && name.split(' ').length < 4) {
      name = `${name} ${t}`;
      continue;
    }
    if (inList && distribution.length && !/:/.test(t) && !isUpper(t)) {
      distribution[distribution.length - 1] += ` ${t}`;
    }
  }
  if (garbledAuthority) {
    // A deputy signs for the head: "KT. Chủ tịch / Phó Chủ tịch" (Decree 30, Appendix I).
    if (!authority && titles.some((x) => x === `Phó ${garbledAuthority}`)) authority = `KT. ${garbledAuthority}`;
    else if (!titles.length) titles.push(garbledAuthority);
  }
  const signers: Signer[] = authority || titles.length || name ? [{ name, title: titles.join(', ') || null, authority }] : [];
  return { start, signers, distribution: distribution.map(cleanEntry) };
}
