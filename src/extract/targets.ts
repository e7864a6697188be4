/**
 * Targets: quantitative commitments — "Tối thiểu 80% hồ sơ TTHC được xử lý hoàn toàn trực
 * tuyến", "ít nhất 02 tin, bài/tuần". The deadline comes from the sentence or from the heading
 * the sentence sits under ("a) Mục tiêu đến năm 2025"), read from the numbering of the lines
 * above, so it works on any text, segmented or not.
 */
import type { Target } from '../../schemas/document.ts';
import { findDates } from './dates.ts';
import { clean, fold } from './text.ts';

const GE = /(?:toi thieu|it nhat|tren|hon|khong duoi|khong it hon|vuot)\s*(?:la\s*)?$/;
const LE = /(?:toi da|khong qua|duoi|khong vuot qua|khong nhieu hon|it hon)\s*(?:la\s*)?$/;

export function comparatorBefore(foldedBefore: string): Target['comparator'] {
  const t = foldedBefore.replace(/\s+/g, ' ');
  if (LE.test(t)) return '<=';
  if (GE.test(t)) return '>=';
  return '=';
}

/** Heading level by its numbering: Roman 1, digits 2, letters 3 (markdown # does not count). */
function headingLevel(line: string): number | null {
  const s = line.replace(/^[#\s*]+/, '');
  if (/^[IVXL]{1,6}\s*[.)]\s+\S/.test(s)) return 1;
  if (/^\d{1,2}(?:\.\d{1,2})*\s*[.)]\s+\S/.test(s)) return 2;
  if (/^[a-zđ]\s*\)\s+\S/.test(s)) return 3;
  return null;
}

function deadlineOf(text: string): string | null {
  const ds = findDates(text).filter((d) => d.kind !== 'recurrence' && d.end);
  if (!ds.length) return null;
  // The period the sentence is about: an explicit deadline wins, else the last period named.
  const dl = ds.find((d) => d.kind === 'deadline');
  return (dl ?? ds[ds.length - 1]!).end;
}

// Units of counted outputs, written as the unit field gives them; matched on folded text, so
// restored or unaccented text ("it nhat 04 tin, bai/thang") reads the same.
const COUNT_UNIT_NAMES = ['tin, bài', 'tin bài', 'tin', 'bài viết', 'bài', 'phóng sự', 'chuyên mục', 'chuyên trang', 'lượt', 'lớp', 'buổi', 'cuộc', 'hội nghị', 'sản phẩm', 'video', 'clip', 'tờ rơi', 'ấn phẩm', 'số', 'kỳ', 'chương trình', 'người', 'học viên', 'cán bộ', 'đơn vị', 'xã', 'hồ sơ', 'dịch vụ'];
const RATE_NAMES = ['tuần', 'tháng', 'quý', 'năm', 'ngày'];
const unitByKey = new Map(COUNT_UNIT_NAMES.map((u) => [fold(u).replace(/,\s*/g, ', '), u]));
const rateByKey = new Map(RATE_NAMES.map((u) => [fold(u), u]));
const COUNT_RE = new RegExp(
  `(toi thieu|it nhat|toi da|khong qua|tren)?\\s*(\\d{1,6})\\s+(${[...unitByKey.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/, /g, ',?\\s*')).join('|')})(?![a-z])(?:\\s*\\/\\s*(${[...rateByKey.keys()].join('|')})(?![a-z]))?`,
  'g',
);

export interface TargetOptions {
  /**
   * Keep only sentences that commit to something (a goal heading above, or "phấn đấu",
   * "tối thiểu", "đến năm …"): reports and letters quote results with the same numbers.
   */
  commitmentsOnly?: boolean;
}

const GOAL_HEADING = /\b(muc tieu|chi tieu|nhiem vu|phuong huong|ke hoach|giai phap|yeu cau)\b/;
const COMMITMENT = /\b(phan dau|toi thieu|it nhat|toi da|khong qua|bao dam|dam bao|den (?:het )?nam|truoc ngay|muc tieu|chi tieu)\b/;

/** Targets in a text; offsets are `base` + local. */
export function findTargets(text: string, base = 0, options: TargetOptions = {}): Target[] {
  const out: Target[] = [];
  const stack: { level: number; deadline: string | null; goal: boolean }[] = [];
  let pos = 0;
  for (const rawLine of text.split('\n')) {
    const lineStart = pos;
    pos += rawLine.length + 1;
    if (!rawLine.trim() || rawLine.includes('\t')) continue; // tables: tasks read their rows
    const line = rawLine;
    const level = headingLevel(line);
    const hasNumber = /\d\s*%|\d+\s+\S/.test(line);
    if (level && !/%/.test(line) && clean(line).length < 160) {
      while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
      stack.push({ level, deadline: deadlineOf(line), goal: GOAL_HEADING.test(fold(line)) });
      continue;
    }
    if (!hasNumber) continue;
    const headingDeadline = [...stack].reverse().find((h) => h.deadline)?.deadline ?? null;
    const folded = fold(line);
    // Per line, not per number in it: on one long line (a text without line breaks) each
    // number re-read the whole line, quadratic in its length.
    let lineDeadline: string | null | undefined;
    const deadlineOfLine = () => (lineDeadline === undefined ? (lineDeadline = deadlineOf(line)) : lineDeadline);
    // What follows a number, folded: a slice of the folded line when folding kept every offset.
    const foldedAfter = (from: number) => (folded.length === line.length ? folded.slice(from) : fold(line.slice(from)));
    if (options.commitmentsOnly && !stack.some((h) => h.goal) && !COMMITMENT.test(folded)) continue;
    const item = clean(line.replace(/^\s*[-+•*]\s*/, ''));
    const itemOffset = line.indexOf(item.slice(0, 10));
    // Percentages.
    for (const m of line.matchAll(/(\d{1,3}(?:[.,]\d{1,2})?)\s*%/g)) {
      const at = m.index!;
      // A result already reached ("đã đạt 95%", "tăng 12% so với cùng kỳ") is not a commitment.
      const around = folded.slice(Math.max(0, at - 60), at + m[0].length + 40);
      if (/\bda (?:dat|thuc hien|hoan thanh|giai quyet|tiep nhan)\b|so voi (?:cung ky|nam truoc|ky truoc|nam 20\d\d)|\bcon lai\b|\bchiem (?:ty le )?\d/.test(around)) continue;
      const value = Number(m[1]!.replace(',', '.'));
      const clauseStart = Math.max(line.lastIndexOf(';', at), line.lastIndexOf('. ', at), folded.lastIndexOf('trong do', at) >= 0 ? folded.lastIndexOf('trong do', at) + 8 : -1, 0);
      const comparator = comparatorBefore(folded.slice(Math.max(clauseStart, at - 30), at));
      let after = line.slice(at + m[0].length);
      const cut = foldedAfter(at + m[0].length).search(/,\s*(?:dong thoi|trong do)\b|;|\.\s|\.$/);
      after = cut >= 0 ? after.slice(0, cut) : after;
      let subject = clean(after).replace(/[.,;:]+$/, '');
      // After the number comes the measured thing, unless it is only a place or a time.
      if (subject.split(/\s+/).length < 2 || /^(trên|trước|tại|trong|vào|đến|so với|mỗi|hằng|hàng)\b/iu.test(subject)) {
        // "… mức độ hài lòng về X đạt tối thiểu 85%": the subject is what comes before.
        const before = line.slice(clauseStart, at);
        subject = clean(before.replace(/^\s*(?:[-+•*]|trong đó|,)\s*/u, ''))
          .replace(/\s*(?:đạt|là|bằng|chiếm)?\s*(?:tối thiểu|ít nhất|tối đa|không quá|trên|dưới)?\s*$/u, '')
          .replace(/^(?:trong đó,?\s*)/u, '')
          .replace(/[.,;:]+$/, '');
      }
      // The deadline is a field of its own: "… bệnh án điện tử đến hết năm 2025" → "… bệnh án điện tử".
      subject = subject.replace(/\s+(?:đến|trước|trong|vào|chậm nhất)\s+(?:hết\s+|cuối\s+)?(?:năm|ngày|tháng|quý|giai đoạn)\s+[\d\/IVX\s\-–]+$/u, '').trim();
      if (!subject) continue;
      const sentenceDeadline = deadlineOf(line.slice(clauseStart, at + m[0].length + after.length));
      out.push({
        value,
        unit: '%',
        comparator,
        subject,
        deadline: sentenceDeadline ?? deadlineOfLine() ?? headingDeadline,
        text: item,
        prov: { start: base + lineStart + Math.max(0, itemOffset), end: base + lineStart + line.length, page: null, section: null },
      });
    }
    // Counts with a comparator or a rate: "ít nhất 02 tin, bài/tuần".
    for (const m of folded.matchAll(COUNT_RE)) {
      const cmp = m[1];
      const rate = m[4];
      if (!cmp && !rate) continue;
      // "01 kỳ/tháng" alone is a schedule, not a commitment.
      if (!cmp && /^(ky|so)$/.test(m[3]!)) continue;
      const at = m.index!;
      const unitName = unitByKey.get(m[3]!.replace(/,\s*/g, ', ')) ?? m[3]!;
      const unit = rate ? `${unitName}/${rateByKey.get(rate) ?? rate}` : unitName;
      const after = line.slice(at + m[0].length);
      const cut = foldedAfter(at + m[0].length).search(/;|\.\s|\.$/);
      // The measured thing is the clause before ("Mỗi cơ quan đăng tải"), else what follows.
      const before = clean(line.slice(Math.max(line.lastIndexOf(';', at), 0), at).replace(/^\s*[-+•*]\s*/, '')).replace(/[.,;:]+$/, '');
      const subject = before || clean(cut >= 0 ? after.slice(0, cut) : after).replace(/[.,;:]+$/, '');
      out.push({
        value: Number(m[2]),
        unit,
        comparator: cmp ? comparatorBefore(cmp) : '=',
        subject,
        deadline: deadlineOfLine() ?? headingDeadline,
        text: item,
        prov: { start: base + lineStart + Math.max(0, itemOffset), end: base + lineStart + line.length, page: null, section: null },
      });
    }
  }
  return out;
}
