/**
 * Dates, periods and recurrences, normalised: "ngày 17 tháng 11 năm 2020", "04/11/2020",
 * "Tháng 11/2020", "Quý II/2021", "Quý III-IV/2021", "năm 2021", "giai đoạn 2020 - 2025",
 * "đến năm 2030", "trước ngày 30/9/2022"; "Thường xuyên", "hằng năm", "Định kỳ 6 tháng/01 lần",
 * "01 kỳ/tháng", "03 lần/tuần". Matching runs on folded text (OCR without diacritics reads the same).
 *
 * Recurrence is written "<count>/<period>": "1/month", "2/month", "1/quarter", "1/6 months",
 * "1/year", "3/week"; "continuous" for "thường xuyên".
 */
import type { DateEntity } from '../../schemas/document.ts';
import { fold, isoDate, lastDayOfMonth, romanToInt } from './text.ts';

const QUARTER = '(?:i{1,3}|iv|[1-4])';

function quarterNum(s: string): number | null {
  const n = /^\d$/.test(s) ? Number(s) : romanToInt(s);
  return n && n >= 1 && n <= 4 ? n : null;
}

const monthStart = (y: number, m: number) => isoDate(y, m, 1);
const monthEnd = (y: number, m: number) => isoDate(y, m, lastDayOfMonth(y, m));

const UNIT: Record<string, string> = { tuan: 'week', thang: 'month', quy: 'quarter', nam: 'year', ngay: 'day' };

function unitOf(w: string): string | null {
  const k = w.replace(/\s+/g, ' ');
  if (/^tu[a-z]?n$/.test(k)) return 'week';
  if (/^th[a-z]{1,2}ng$/.test(k)) return 'month';
  if (/^qu[yi]$/.test(k)) return 'quarter';
  if (/^n[a-z]?m$/.test(k)) return 'year';
  if (/^ng[a-z]?y$/.test(k)) return 'day';
  return UNIT[k] ?? null;
}

interface Rule {
  re: RegExp;
  make: (m: RegExpExecArray) => Omit<DateEntity, 'text' | 'prov'> | null;
}

// Order matters: longer forms first; a span taken by one rule is not matched again.
const RULES: Rule[] = [
  // "Định kỳ 6 tháng/01 lần", "định kỳ 6 tháng"
  {
    re: /\bdinh k[yi]\s+(\d{1,2})\s+(th[a-z]{1,2}ng|nam|quy)(?:\s*\/\s*0?(\d)\s*l[a-z]{1,2}n)?/g,
    make: (m) => ({ kind: 'recurrence', start: null, end: null, recurrence: `${m[3] ?? 1}/${m[1]} ${unitOf(m[2]!)}s` }),
  },
  // "01 kỳ/tháng", "03 lần/tuần", "01 lần/Quý", "02 kỳ/tháng"
  {
    re: /\b0?(\d{1,2})\s+(?:k[yi]|l[a-z]{1,2}n|buoi|cuoc|so)\s*\/\s*(tu[a-z]?n|th[a-z]{1,2}ng|qu[yi]|n[a-z]?m)\b/g,
    make: (m) => ({ kind: 'recurrence', start: null, end: null, recurrence: `${Number(m[1])}/${unitOf(m[2]!)}` }),
  },
  // "trước 07 giờ và 15 giờ hằng ngày": as many times a day as hours named
  {
    re: /\b\d{1,2}\s*(?:gio|h)(?:\s*(?:,|va)\s*\d{1,2}\s*(?:gio|h))+\s+(?:h[a-z]{1,2}ng|moi)\s+ngay\b/g,
    make: (m) => ({ kind: 'recurrence', start: null, end: null, recurrence: `${m[0].split(/\s*(?:,|\bva\b)\s*/).length}/day` }),
  },
  // "trước ngày 15/6 và 15/12 hằng năm", "vào tháng 6 và tháng 12 hàng năm": as many times a year as days named
  {
    re: /\b(?:ngay\s+\d{1,2}\s*\/\s*\d{1,2}(?:\s*(?:,|va)\s*(?:ngay\s+)?\d{1,2}\s*\/\s*\d{1,2})+|th[a-z]{1,2}ng\s+\d{1,2}(?:\s*(?:,|va)\s*(?:th[a-z]{1,2}ng\s+)?\d{1,2})+)\s+(?:h[a-z]{1,2}ng|moi)\s+n[a-z]?m\b/g,
    make: (m) => ({ kind: 'recurrence', start: null, end: null, recurrence: `${m[0].split(/\s*(?:,|\bva\b)\s*/).length}/year` }),
  },
  // "hằng quý", "hàng năm", "định kỳ hằng tháng", "mỗi tuần"
  {
    re: /\b(?:dinh k[yi]\s+)?(?:h[a-z]{1,2}ng|moi)\s+(tu[a-z]?n|th[a-z]{1,2}ng|qu[yi]|n[a-z]?m|ngay)\b/g,
    make: (m) => ({ kind: 'recurrence', start: null, end: null, recurrence: `1/${unitOf(m[1]!)}` }),
  },
  { re: /\bth[a-z]{1,2}ng xuy[a-z]{1,2}n\b|\bli[a-z]n t[u][a-z]?c\b/g, make: () => ({ kind: 'recurrence', start: null, end: null, recurrence: 'continuous' }) },
  // "từ ngày 01/3/2022 đến ngày 30/6/2022", "từ tháng 3/2022 đến tháng 12/2022"
  {
    re: /\btu\s+(?:ngay\s+(\d{1,2})\s*[/.\-]\s*|th[a-z]{1,2}ng\s+)(\d{1,2})\s*[/.\-]\s*(\d{4})\s*(?:den|[-–])\s*(?:ngay\s+(\d{1,2})\s*[/.\-]\s*|th[a-z]{1,2}ng\s+)(\d{1,2})\s*[/.\-]\s*(\d{4})\b/g,
    make: (m) => {
      const start = m[1] ? isoDate(Number(m[3]), Number(m[2]), Number(m[1])) : monthStart(Number(m[3]), Number(m[2]));
      const end = m[4] ? isoDate(Number(m[6]), Number(m[5]), Number(m[4])) : monthEnd(Number(m[6]), Number(m[5]));
      return start && end && start <= end ? { kind: 'period', start, end, recurrence: null } : null;
    },
  },
  // "trước ngày 30/9/2022", "chậm nhất ngày …", "trước 30/9/2022", "trước 17 giờ ngày 03/11/2017"
  {
    // (also glued to the word before it, where a copied text lost the space: "địa phươngtrước ngày …")
    // "(phấn đấu) đến ngày 31/01/2019 …": by that day (not "tính đến ngày …", as of it)
    re: /(?:\b|(?<=[a-z]))(?:truoc|cham nhat(?: la)?|han chot|(?<!\btinh\s)den(?=\s+(?:ngay|\d{1,2}\s*(?:gio|h)\b)))\s+(?:\d{1,2}\s*(?:gio|h)(?:\s*\d{1,2}(?:\s*phut)?)?,?\s+)?(?:ngay\s+)?(\d{1,2})\s*(?:thang|[/.\-])\s*(\d{1,2})\s*(?:nam|[/.\-])\s*(\d{4})\b/g,
    make: (m) => {
      const d = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
      return d ? { kind: 'deadline', start: null, end: d, recurrence: null } : null;
    },
  },
  // "ngày 17 tháng 11 năm 2020", "ngày 04/11/2020", bare "04/11/2020"
  {
    // (not "tháng 6 - 8 năm 2022": months, read below)
    re: /\b(?<!th[a-z]{1,2}ng\s{1,3})(?:ng[a-z]{1,2}y\s+)?(\d{1,2})\s*(?:th[a-z]{2,4}g\s*|[/.\-])\s*(\d{1,2})\s*(?:n[a-z]{1,2}m\s*|[/.\-])\s*(\d{4})\b/g,
    make: (m) => {
      const d = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
      return d ? { kind: 'date', start: d, end: d, recurrence: null } : null;
    },
  },
  // "6 tháng đầu năm 2024", "sáu tháng cuối năm 2024": a half-year
  {
    re: /\b(?:6|sau)\s+th[a-z]{1,2}ng\s+(dau|cuoi)\s+n[a-z]{1,2}m\s+(\d{4})\b/g,
    make: (m) => {
      const y = Number(m[2]);
      const [from, to] = m[1] === 'dau' ? [1, 6] : [7, 12];
      return { kind: 'month', start: monthStart(y, from), end: monthEnd(y, to), recurrence: null };
    },
  },
  // "Quý III-IV/2021", "quý II năm 2021", "Quý 3/2021"
  {
    // (…and "quý II và quý III năm 2023": the first to the last)
    re: new RegExp(`\\bqu[yi]\\s+(${QUARTER})(?:(?:\\s*[-–,]\\s*|\\s+va\\s+qu[yi]\\s+)(${QUARTER}))?\\s*(?:\\/|nam|,\\s*nam)\\s*(\\d{4})\\b`, 'g'),
    make: (m) => {
      const a = quarterNum(m[1]!);
      const b = m[2] ? quarterNum(m[2]) : a;
      const y = Number(m[3]);
      if (!a || !b) return null;
      return { kind: 'quarter', start: monthStart(y, a * 3 - 2), end: monthEnd(y, b * 3), recurrence: null };
    },
  },
  // "Tháng 11/2020", "tháng 11 năm 2020", "tháng 11-12/2020"
  {
    // "tháng 6 - 8 năm 2022", "tháng 6 và tháng 12 năm 2022": from the first month to the last
    re: /\bth[a-z]{1,2}ng\s+(\d{1,2})(?:(?:\s*[-–]\s*|\s+va\s+th[a-z]{1,2}ng\s+)(\d{1,2}))?\s*(?:\/|nam|,\s*nam)\s*(\d{4})\b/g,
    make: (m) => {
      const a = Number(m[1]);
      const b = m[2] ? Number(m[2]) : a;
      const y = Number(m[3]);
      if (a < 1 || a > 12 || b < a || b > 12) return null;
      return { kind: 'month', start: monthStart(y, a), end: monthEnd(y, b), recurrence: null };
    },
  },
  // "giai đoạn 2020 - 2025", "2021-2025"
  {
    re: /\b(?:giai doan\s+)?((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b/g,
    make: (m) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (b < a || b - a > 30) return null;
      return { kind: 'period', start: isoDate(a, 1, 1), end: isoDate(b, 12, 31), recurrence: null };
    },
  },
  // "giai đoạn 2025": a stage of one year (after its range, "giai đoạn 2023 - 2024")
  {
    re: /\bgiai doan\s+((?:19|20)\d{2})\b(?!\s*[-–]\s*\d)/g,
    make: (m) => ({ kind: 'period', start: isoDate(Number(m[1]), 1, 1), end: isoDate(Number(m[1]), 12, 31), recurrence: null }),
  },
  // "đến năm 2030", "đến 2025", "trước năm 2025"
  {
    re: /\b(?:den|truoc|cho den)\s+(?:het\s+)?(?:nam\s+)?((?:19|20)\d{2})\b/g,
    make: (m) => ({ kind: 'deadline', start: null, end: isoDate(Number(m[1]), 12, 31), recurrence: null }),
  },
  // "năm 2021", "trong năm 2021"
  {
    re: /\bn[a-z]{1,2}m\s+((?:19|20)\d{2})\b/g,
    make: (m) => ({ kind: 'year', start: isoDate(Number(m[1]), 1, 1), end: isoDate(Number(m[1]), 12, 31), recurrence: null }),
  },
];

/** Dates and periods of a text, left to right. Offsets are `base` + local. */
export function findDates(text: string, base = 0): DateEntity[] {
  const folded = fold(text);
  const taken: [number, number][] = [];
  const out: DateEntity[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(folded); m; m = rule.re.exec(folded)) {
      const s = m.index;
      const e = s + m[0].length;
      if (taken.some(([a, b]) => s < b && e > a)) continue;
      const v = rule.make(m);
      if (!v) continue;
      taken.push([s, e]);
      out.push({ ...v, text: text.slice(s, e), prov: { start: base + s, end: base + e, page: null, section: null } });
    }
  }
  return out.sort((a, b) => a.prov.start - b.prov.start);
}

export interface Period {
  start: string | null;
  due: string | null;
  recurrence: string | null;
}

/**
 * The period a schedule cell or task sentence names: first day of the first period, last day
 * of the last; a recurrence when the text says how often. "Trong năm 2021" → 2021-01-01..2021-12-31.
 */
export function parsePeriod(text: string): Period {
  const ds = findDates(text);
  const rec = ds.find((d) => d.kind === 'recurrence');
  const spans = ds.filter((d) => d.kind !== 'recurrence');
  const starts = spans.map((d) => d.start).filter((x): x is string => !!x);
  const ends = spans.map((d) => d.end).filter((x): x is string => !!x);
  return {
    start: starts.length ? starts.sort()[0]! : null,
    due: ends.length ? ends.sort()[ends.length - 1]! : null,
    recurrence: rec?.recurrence ?? null,
  };
}
