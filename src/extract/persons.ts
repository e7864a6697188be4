/**
 * Named persons with their titles ("Chủ tịch Ủy ban nhân dân tỉnh Lâm Minh Thành"), and a
 * fallback reader of the signature block when segmentation found no signer.
 */
import type { Person, Signer } from '../../schemas/document.ts';
import { fold } from './text.ts';
import { isSurname, titlePattern } from '../knowledge/persons.ts';
import { recaseTitle } from '../knowledge/recase.ts';

const TITLES = titlePattern();
const SYL = '[\\p{Lu}][\\p{Ll}]+';
const NAME = `((?:${SYL})(?:\\s+${SYL}){1,3})`;
const PERSON_RE = new RegExp(`(?<![\\p{L}])(${TITLES})((?:\\s+[^\\s,.;:]+){0,8}?)\\s+${NAME}(?![\\p{L}])`, 'gu');

/** A family name as written, then at least one more word: "Lâm Minh Thành". */
function isName(s: string): boolean {
  return isSurname(s.split(/\s+/)[0]!) && s.split(/\s+/).length >= 2;
}

/** "Chủ tịch Ủy ban nhân dân tỉnh Lâm Minh Thành" → Lâm Minh Thành, Chủ tịch Ủy ban nhân dân tỉnh. */
export function findPersons(text: string, base = 0): Person[] {
  const out: Person[] = findNamedPersons(text, base);
  for (const m of text.matchAll(PERSON_RE)) {
    let name = m[3]!;
    let title = (m[1]! + m[2]!).trim();
    // The name starts at the first surname: "tỉnh Lâm Minh Thành" may have swallowed a place word.
    const words = name.split(/\s+/);
    const k = words.findIndex((w) => isSurname(w));
    if (k < 0) continue;
    if (k > 0) {
      title += ' ' + words.slice(0, k).join(' ');
      name = words.slice(k).join(' ');
    }
    if (!isName(name)) continue;
    const start = m.index! + m[0].length - name.length;
    if (out.some((p) => p.prov.start === base + start)) continue;
    out.push({ name, title, prov: { start: base + start, end: base + m.index! + m[0].length, page: null, section: null } });
  }
  return out;
}

const HONORIFIC_RE = new RegExp(`(?<![\\p{L}])(?:[ÔôBb]à|[Ôô]ng|[Đđ]ồng chí|Đ\\/c)\\s+${NAME}(?:\\s*[,–-]\\s*((?:${TITLES})[^,;.()\\n]{0,80}))?`, 'gu');

/** "Ông Nguyễn Văn An, Giám đốc Sở Tư pháp": a name after an honorific, and the title after it. */
export function findNamedPersons(text: string, base = 0): Person[] {
  const out: Person[] = [];
  for (const m of text.matchAll(HONORIFIC_RE)) {
    const name = m[1]!;
    if (!isName(name)) continue;
    const start = m.index! + m[0].indexOf(name);
    // The title ends where the sentence goes on ("…, Phó Giám đốc Sở Tư pháp làm Tổ trưởng").
    const title = m[2]?.split(/\s(?:làm|là|được|có|tham gia|phụ trách|chịu|giữ|kiêm)\s/u)[0]!.trim() ?? null;
    out.push({ name, title, prov: { start: base + start, end: base + start + name.length, page: null, section: null } });
  }
  return out;
}

const AUTH = /^\**\s*(KT|TM|TL|TUQ|Q)\s*\.\s*(.+?)\**\s*$/u;

/** Signature block: optional authority line, title line(s) in capitals, then a name line. */
export function findSigners(text: string): Signer[] {
  const lines = text.split('\n').map((l) => l.replace(/\*/g, '').trim());
  for (let i = lines.length - 1; i > 0; i--) {
    const l = lines[i]!;
    if (!isName(l) || l.split(/\s+/).length > 5) continue;
    let j = i - 1;
    while (j > 0 && !lines[j]) j--;
    const title = lines[j]!;
    if (!title || title !== title.toLocaleUpperCase('vi') || title.length > 60) continue;
    let authority: string | null = null;
    let k = j - 1;
    while (k > 0 && !lines[k]) k--;
    const am = (lines[k] ?? '').match(AUTH) ?? title.match(AUTH);
    let t = title;
    if (am) {
      authority = `${am[1]}. ${recaseTitle(am[2]!)}`;
      if (title.match(AUTH)) t = '';
    }
    if (!t) continue;
    return [{ name: l, title: recaseTitle(t), authority }];
  }
  return [];
}
