/**
 * Targets: quantitative commitments — "Tối thiểu 80% hồ sơ TTHC được xử lý hoàn toàn trực
 * tuyến", "ít nhất 02 tin, bài/tuần", "đạt 90% vào năm 2025 và 95% vào năm 2030".
 *
 * A line is cut into clauses (";", ". "), and each clause into the values it states. Each value
 * takes what stands next to it: the comparator in the words just before it (or the one of the
 * value it is listed with: "tối thiểu 90% cấp huyện và 80% cấp xã"), the date just after or
 * before it, its subject from the words before the first value of the clause plus its own
 * complement after it. A value with no date of its own takes, in order: the next date of its
 * clause, the clause's, the line's list head ("- Đến năm 2025: …"), the line's, the heading it
 * sits under ("a) Mục tiêu đến năm 2025"), and last the plan's horizon from its title ("… ĐẾN
 * NĂM 2010", "… năm 2024"), which the target records as inferred. An interim value in
 * parentheses ("80% (năm 2023: 70%)") is a target of its own with its year.
 */
import type { Table, Target } from '../../schemas/document.ts';
import { unitsOf } from '../knowledge/units.ts';
import { findDates } from './dates.ts';
import { clean, fold } from './text.ts';

const GE = /(?:toi thieu|it nhat|tren|hon|khong duoi|khong it hon|vuot)\s*(?:la\s*|muc\s*)?$/;
const LE = /(?:toi da|khong qua|duoi|khong vuot qua|khong nhieu hon|it hon|xuong(?: con| muc| con muc)?|giam con)\s*(?:la\s*|muc\s*)?$/;

// "không dưới", "không ít hơn": a floor, though "dưới" and "ít hơn" alone are ceilings.
const NOT_BELOW = /\bkhong (?:duoi|it hon|thap hon)\s*(?:la\s*|muc\s*)?$/;

/** "trở lên" / "trở xuống" right after a value (folded). */
const OR_MORE = /^\s*tro (len|xuong)\b/;

export function comparatorBefore(foldedBefore: string): Target['comparator'] {
  const t = foldedBefore.replace(/\s+/g, ' ');
  if (NOT_BELOW.test(t)) return '>=';
  if (LE.test(t)) return '<=';
  if (GE.test(t)) return '>=';
  return '=';
}

/** Whether the words before a value name a comparator or a verb of their own ("đạt", "là"). */
function hasOwnComparator(foldedBefore: string): boolean {
  const t = foldedBefore.replace(/\s+/g, ' ');
  return LE.test(t) || GE.test(t) || /\b(?:dat|la|bang|con)\s*$/.test(t);
}

/** Heading level by its numbering: Roman 1, digits 2, letters 3 (markdown # does not count). */
function headingLevel(line: string): number | null {
  const s = line.replace(/^[#\s*]+/, '');
  if (/^[IVXL]{1,6}\s*[.)]\s+\S/.test(s) || /^Điều\s+\d{1,3}\s*[.:]\s+\S/u.test(s)) return 1;
  if (/^\d{1,2}(?:\.\d{1,2})*\s*[.)]\s+\S/.test(s)) return 2;
  if (/^[a-zđ]\s*\)\s+\S/.test(s)) return 3;
  return null;
}
/**
 * An unnumbered line ending in ":" leads in the items under it, numbered or not ("Mục tiêu cụ
 * thể đến năm 2025:", "… với các chỉ tiêu chủ yếu sau:"): it sits half a level below the
 * numbered heading it is under, so it stays until the next lead-in or the next numbered line at
 * that heading's level or above ("2. Các chỉ tiêu:" / "- Đến năm 2025:" / … / "3. …").
 */
function leadInLevel(stack: readonly { level: number }[]): number {
  for (let i = stack.length - 1; i >= 0; i--) if (Number.isInteger(stack[i]!.level)) return stack[i]!.level + 0.5;
  return 0.5;
}

// The date of a cited document ("Công văn số 12/UBND ngày 03/02/2026") dates that document.
const CITED_BEFORE = /\bso\s*:?\s*\d[^\s,;]*\s*$/;
// The year a value is compared with ("tăng 7,5% so với năm 2019") is its base, not its deadline.
const COMPARED_WITH = /\bso voi\b[^,;.\d]{0,40}$/;

function deadlineOf(text: string): string | null {
  return deadlineIn(text)?.end ?? null;
}

/** deadlineOf, and whether it was stated as one ("trước ngày …", "đến ngày …"). */
function deadlineIn(text: string): { end: string; explicit: boolean } | null {
  const folded = fold(text);
  const ds = findDates(text).filter((d) => {
    const before = folded.slice(0, d.prov.start);
    return d.kind !== 'recurrence' && d.end && !CITED_BEFORE.test(before) && !COMPARED_WITH.test(before.slice(-50));
  }).map((d) =>
    // A term of office is reached when it opens: "Ban Chấp hành nhiệm kỳ 2015 - 2020" is elected in 2015.
    d.kind === 'period' && d.start && /\bnhiem ky\s*$/.test(folded.slice(0, d.prov.start)) ? { ...d, end: `${d.start.slice(0, 4)}-12-31` } : d,
  );
  if (!ds.length) return null;
  // The period the sentence is about: an explicit deadline wins, else the last period named.
  const dl = ds.find((d) => d.kind === 'deadline');
  return { end: (dl ?? ds[ds.length - 1]!).end!, explicit: !!dl };
}

/**
 * The horizon a plan's title names ("… đến năm 2010", "… năm 2024", "giai đoạn 2021-2025"):
 * the deadline of targets that state none. A term of office ("nhiệm kỳ 2021-2026") is not one.
 */
export function horizonOf(title: string | null | undefined): string | null {
  if (!title) return null;
  const folded = fold(title);
  const ds = findDates(title).filter((d) => d.kind !== 'recurrence' && d.end && !/nhiem ky\s*$/.test(folded.slice(0, d.prov.start)));
  // "… đến năm 2025, định hướng (tầm nhìn) đến năm 2030": the plan's targets are for 2025.
  const plan = ds.filter((d) => !/\b(?:dinh huong|tam nhin)\b[^,;]{0,12}$/.test(folded.slice(0, d.prov.start)));
  const use = plan.length ? plan : ds;
  return use.length ? use[use.length - 1]!.end : null;
}

// Units of counted outputs, money and measures (data/codes/units.tsv), written as the unit field
// gives them; matched on folded text, so restored or unaccented text ("it nhat 04 tin, bai/thang")
// reads the same. A measure ("ha", "phút") is a target as a count is: with a comparator or a rate.
const COUNT_UNIT_NAMES = [...unitsOf('count'), ...unitsOf('measure')];
/** Units that count things (not measures): their noun is part of what is counted. */
const COUNT_UNITS = new Set(unitsOf('count'));
const AMOUNT_UNIT_NAMES = unitsOf('amount');
const RATE_NAMES = unitsOf('rate');
const key = (u: string) => fold(u).replace(/,\s*/g, ', ');
const MEASURE_KEYS = new Set(unitsOf('measure').map((u) => key(u)));
const unitByKey = new Map([...COUNT_UNIT_NAMES, ...AMOUNT_UNIT_NAMES].map((u) => [key(u), u]));
const amountKeys = new Set(AMOUNT_UNIT_NAMES.map(key));
const rateByKey = new Map(RATE_NAMES.map((u) => [fold(u), u]));
const RATE_ALT = [...rateByKey.keys()].sort((a, b) => b.length - a.length).join('|');
const COUNT_RE = new RegExp(
  `(khong duoi|khong it hon|toi thieu|it nhat|toi da|khong qua|tren|dat)?\\s*(?<![\\d/.,])(\\d{1,3}(?:\\.\\d{3}){2,}|\\d{1,6}(?:[.,]\\d{1,3})?)\\s+["“]?(?:(trieu|nghin|ngan)\\s+)?(${[...unitByKey.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/, /g, ',?\\s*')).join('|')})(?![a-z])(?:\\s*\\/\\s*(${RATE_ALT})(?![a-z]))?(?:\\s*\\/\\s*(${RATE_ALT})(?![a-z]))?`,
  'g',
);
// "8%/năm": a share per period keeps its period in the unit.
// "14‰": a rate per thousand (infant mortality, births) is a share as a percent is.
const PERCENT_RE = new RegExp(`(\\d{1,3}(?:[.,]\\d{1,2})?)\\s*([%‰])(?:\\s*\\/\\s*(${RATE_NAMES.join('|')})(?![\\p{L}]))?`, 'gu');

export interface TargetOptions {
  /**
   * Keep only sentences that commit to something (a goal heading above, or "phấn đấu",
   * "tối thiểu", "đến năm …"): reports and letters quote results with the same numbers.
   */
  commitmentsOnly?: boolean;
  /** The document's title (trích yếu): its horizon is the deadline of last resort. */
  title?: string | null;
  /** The document's date (ISO): a value it gives in parentheses for its own year or before is a baseline. */
  issued?: string | null;
}

const GOAL_HEADING = /\b(muc tieu|chi tieu|nhiem vu|phuong huong|ke hoach|giai phap|yeu cau|phan dau)\b/;
// Where a plan lists its targets ("Mục tiêu cụ thể", "Các chỉ tiêu chủ yếu"): a bare count there is one.
const TARGET_HEADING = /\b(muc tieu|chi tieu|phuong huong|dinh huong|ke hoach nam \d{4})\b/;
// A part that looks back ("I. TÌNH HÌNH VÀ NGUYÊN NHÂN", "Kết quả thực hiện …") quotes results, not targets.
const REVIEW_HEADING = /\b(tinh hinh|ket qua|danh gia|thuc trang)\b/;
/** Whether a heading looks back: a review word before any goal word ("Đánh giá tình hình thực hiện kế hoạch năm 2024"). */
function looksBack(foldedHeading: string): boolean {
  const review = foldedHeading.search(REVIEW_HEADING);
  const goal = foldedHeading.search(GOAL_HEADING);
  return review >= 0 && (goal < 0 || review < goal);
}
const COMMITMENT = /\b(phan dau|toi thieu|it nhat|toi da|khong qua|bao dam|dam bao|den (?:het )?nam|vao (?:cuoi )?nam|truoc ngay|muc tieu|chi tieu)\b/;
// A result already reached ("đã đạt 95%", "tăng 12% so với cùng kỳ") is not a commitment.
// An estimate of the year's result ("ước đạt 6,9%", "ước vượt kế hoạch") is one too.
// ("còn lại" is what is left to do, not "các huyện còn lại", the other districts)
// (and a forecast: "nhu cầu đi lại dự báo tăng khoảng 15%")
const RESULT = /\bda (?:dat|thuc hien|hoan thanh|giai quyet|tiep nhan)\b|\bdu bao\b|(?<!(?:huyen|xa|phuong|thi tran|tinh|don vi|dia phuong|truong|nam) )\bcon lai\b|\buoc (?:dat|thuc hien|tang|giam|vuot|khoang)\b/;
// Said of results as of targets: "tăng 7,5% so với năm 2019", "chiếm 20% GRDP" are targets where
// a plan lists them, results elsewhere.
const COMPARED = /so voi (?:cung ky|nam truoc|ky truoc|nam 20\d\d)|\bchiem (?:ty le )?(?:khoang )?\d/;
// A policy's rate or cap is no target: "Hỗ trợ 50% kinh phí", "mức vay tối đa 20 triệu đồng/hộ".
// (a line labelled as the policy: "Cơ chế hỗ trợ: …", "Chính sách hỗ trợ: …")
const POLICY_LINE = /^ho tro\s+(?:\d[\d.,]*\s*%|\d[\d.,]*\s+(?:trieu|nghin|ty)\s+dong)|^(?:co che|chinh sach|muc) ho tro\s*:/;
const POLICY = /\b(?:ho tro|vay toi da)(?:\s+(?:toi da|toi thieu|khong qua|len den|den))?\s*$/;
const SHARE_OF_COST = /^\s*(?:menh gia|kinh phi|chi phi|hoc phi|lai suat|gia tri)\b/;
const BUDGET = /\b(?:tong kinh phi|kinh phi thuc hien|kinh phi ho tro|tong von dau tu cong|nguon von thuc hien|tong nhu cau (?:von|kinh phi)|nhu cau kinh phi|tong muc dau tu|kinh phi hoat dong|duoc bo tri von|tong von dau tu\s+(?:cua|thuc hien|du kien|khoang))\b[^;]*$/;
// "Mức hỗ trợ chi phí tư vấn tối đa 3 triệu đồng/vụ việc", "Mức thưởng … là 3 triệu đồng/mô hình",
// "Hội viên nghèo được vay vốn ưu đãi tối đa 100 triệu đồng/hộ": a rate of support, reward or loan
// (with "mức vay", "mức chi", "mức trợ cấp" right before the value, which POLICY read before).
// ("tỷ lệ hộ … được vay vốn đạt 90%" is the share reached, not a rate of the loan.)
const POLICY_RATE = /\b(?:muc\s+(?:ho tro|thuong|khen thuong|chi(?! tieu)|vay|tro cap|phu cap)|duoc vay|cho vay|duoc thuong|lai suat|von doi ung)\b(?:(?!\bdat\b)[^;.]){0,60}$/;
/** "… được hỗ trợ chi phí học nghề tối đa 3 triệu đồng/người": the most a support pays. */
const SUPPORT_CAP = /\bduoc ho tro\b[^;.]{0,60}\b(?:toi da|khong qua|len den)\s*$|\bho tro (?:cho )?moi\b[^;.]{0,60}$/;
/** "… được hỗ trợ một lần 20 triệu đồng/người", "hỗ trợ hộ góp đất 2 triệu đồng/ha": money per head a support pays. */
const SUPPORT_BEFORE = /\bho tro\b[^;.]{0,50}$/;
// …and the cap after the rate: "được hỗ trợ 50% kinh phí xây dựng kho bãi, tối đa 500 triệu đồng".
const POLICY_CAP = /\bho tro\s+\d[\d.,]*\s*%[^;.]{0,80},\s*(?:muc )?(?:toi da|khong qua)\s*$/;

const NONE_LEFT_BOUND = /\bkhong con\s+[^,;:]{1,40}\b(?:duoi|tren|khong qua)\s*$/;
const TIME_LIMIT = /\b(?:trong vong|trong thoi han|trong thoi gian|cham nhat sau|sau)(?:\s+(?:khong qua|toi da))?\s*$/;
const TIME_UNITS = new Set(['giờ', 'phút', 'ngày']);

// A threshold that defines whom something is for is no target: "cho vay đối với hộ có thu nhập
// dưới 1,5 triệu đồng", "đảng bộ có trên 300 đảng viên", "trẻ có cân nặng sơ sinh dưới 2.500 gram".
// (not when the words after "có" reach the value through "đạt": "tỷ lệ hộ có nhu cầu được vay vốn đạt 90%")
const DEFINITION = /\b(?:trong ban kinh|trong pham vi)\s*$|\bgom(?: co)?(?: tu(?:\s+[\d.,]+\s+(?:den|toi))?)?\s*$|\b(?:duoc coi la|duoc xem la)\b[^;:]{0,80}$|(?:\b(?:doi voi|danh cho)\s+[^,;:]{0,40}|\b(?:ho|nguoi|tre|tre em|dang bo|chi bo|doanh nghiep|hoc sinh|benh nhan)\s+)\bco\s+(?:(?!\bdat\b)[^,;:]){0,30}$/;
// A thing defined by a threshold: "Rừng giàu là rừng có trữ lượng trên 200 m³/ha", "bếp ăn tập
// thể là bếp phục vụ từ 30 suất ăn trở lên", "hộ được tính là sử dụng nước sạch khi … từ 60 lít".
const DEFINED_AS = /\bla\s+[^;:,]{1,30}\b(?:co|phuc vu)\s+[^;:,]{0,60}\b(?:tren|duoi|tu|khong qua)\s*$|\b(?:duoc tinh la|duoc coi la|duoc xem la|duoc hieu la)\b[^;:]{0,120}$/;
// …and a threshold after "có" a few words on, where a bound picks out who: "hộ cận nghèo có thu
// nhập bình quân dưới 1,3 triệu đồng", "các thôn có tỷ lệ hộ nghèo trên 25%".
const DEFINITION_BOUND = /\b(?:ho|nguoi|tre|thon|doan vien|hoi vien|dang vien|lao dong|cong nhan|phu nu|nong dan|thanh nien|xa(?! hoi)|ban(?! hanh)|vung|truong(?! thanh)|co so|don vi|dia phuong|doanh nghiep|hop tac xa|chu the|hoc sinh)(?:\s+[^\s,;:]+){0,3}\s+co\s+[^,;:]{0,30}\b(?<!\b(?:dat|xuong|con)\s)(?:duoi|tren|tu|khong qua)\s*$/;

/** A value stated in a line: offsets are local to the line. */
interface Mention {
  at: number;
  end: number;
  value: number;
  unit: string;
  /** Comparator words matched with the value ("ít nhất 02 tin"), counts only. */
  cmpWords?: string;
  /** A count with neither comparator nor rate. */
  bare?: boolean;
  /** The end of a range it stands at ("từ 70% đến 80%": 70 the floor, 80 the ceiling). */
  bound?: '>=' | '<=';
}

/**
 * A spelling's letters (y read as i: "tỉ đồng" is "tỷ đồng") and the marks on them in any order
 * (a tone placed either way: "hoà", "hòa"), so that only other marks make another word.
 */
function spellingKey(s: string): string {
  const chars = [...s.toLowerCase().normalize('NFD')];
  const marks = chars.filter((c) => /\p{M}/u.test(c)).sort().join('');
  return `${chars.filter((c) => !/\p{M}/u.test(c)).join('').replace(/y/g, 'i')}|${marks}`;
}
const sameSpelling = (a: string, b: string) => spellingKey(a) === spellingKey(b);

/** Where a COUNT_RE match's number starts (after its comparator words). */
const numberAtOf = (m: RegExpMatchArray) => m.index! + m[0].indexOf(m[2]!, m[1] ? m[1].length : 0);

function mentionsIn(line: string, folded: string, bareCounts = false): Mention[] {
  const out: Mention[] = [];
  for (const m of line.matchAll(PERCENT_RE)) {
    out.push({ at: m.index!, end: m.index! + m[0].length, value: Number(m[1]!.replace(',', '.')), unit: m[3] ? `${m[2]}/${m[3]}` : m[2]! });
  }
  let lastMultipleEnd = -1;
  for (const m of folded.matchAll(COUNT_RE)) {
    const cmp = m[1];
    const rates = [m[5], m[6]].filter((r): r is string => !!r);
    const k = m[4]!.replace(/,\s*/g, ', ');
    // Units are matched without marks, but a unit written with marks must be that unit: "05 kỹ
    // thuật" is no "kỳ", "60 câu lạc bộ" no "cầu".
    const unitAt = m.index! + m[0].indexOf(m[4]!, numberAtOf(m) - m.index! + m[2]!.length);
    const written = line.slice(unitAt, unitAt + m[4]!.length).toLowerCase().replace(/,\s*/g, ', ');
    if (written !== k && !sameSpelling(written, unitByKey.get(k) ?? k)) continue;
    const amount = amountKeys.has(k);
    // "01 kỳ/tháng" alone is a schedule, not a commitment.
    if (!cmp && /^(ky|so)$/.test(k)) continue;
    // "ít nhất 02 lần trong một năm" is how often; only "tăng (ít nhất) 1,5 lần" is a target's multiple.
    // …and a multiple listed after one ("tăng 1,8 lần vào năm 2015 và 3 lần vào năm 2020").
    if (k === 'lan') {
      const multiple = /\b(?:tang|gap|giam(?! sat))(?:\s+\S+){0,2}\s*$/.test(folded.slice(Math.max(0, m.index! - 30), m.index!));
      const listed = lastMultipleEnd >= 0 && /^[^;.:]{0,40}(?:\bva|,)\s*$/.test(folded.slice(lastMultipleEnd, m.index!));
      if (!multiple && !listed) continue;
      lastMultipleEnd = m.index! + m[0].length;
    }
    // A count with no comparator nor rate ("đón 350.000 lượt khách"; "đạt 02 lớp" reports as
    // often as it commits) is a target only where a plan lists its targets.
    const bare = (!cmp && !rates.length) || (cmp === 'dat' && !amount && !rates.length);
    if (bare && !bareCounts) continue;
    // "Giai đoạn 2021 - 2023 hỗ trợ …", "năm 2025 hộ …": a year, not a count (folded "hỗ" reads "hộ").
    if (/^(?:19|20)\d\d$/.test(m[2]!) && /(?:\bnam|\bdoan|\d\s*[-–])\s*$/.test(folded.slice(Math.max(0, m.index! - 12), numberAtOf(m)))) continue;
    // "giá trị sản xuất trên 1 ha": "trên 1 ha" is per hectare, the denominator of the next value.
    if (cmp === 'tren' && !m[3] && valueOf(m[2]!) === 1 && MEASURE_KEYS.has(k)) continue;
    // "8,5 triệu lượt khách": a count in millions keeps the multiplier in its unit, as written.
    const multiplier = m[3] ? `${m[3] === 'trieu' ? 'triệu' : 'nghìn'} ` : '';
    const unitName = multiplier + (unitByKey.get(k) ?? m[4]!);
    const numberAt = numberAtOf(m);
    out.push({
      at: numberAt,
      end: m.index! + m[0].length,
      value: valueOf(m[2]!),
      unit: [unitName, ...rates.map((r) => rateByKey.get(r) ?? r)].join('/'),
      cmpWords: cmp && cmp !== 'dat' ? cmp : undefined,
      ...(bare ? { bare } : {}),
    });
  }
  return withRanges(out.sort((a, b) => a.at - b.at), folded);
}

/** "từ 70% đến 80%", "từ 3,5% đến 4%/năm", "từ 55.000 đến 58.000 lao động". */
const RANGE_FROM = /\btu\s+(\d{1,3}(?:\.\d{3})+|\d{1,6}(?:[.,]\d{1,3})?)\s*([%‰])?\s+(?:den|toi)\s+$/;

/**
 * A range the value must land in is a floor and a ceiling: two targets in the unit written after
 * the second value (the first number often has none). An age bracket or a fine ("từ 3 đến 5
 * tuổi", "từ 200.000 đồng đến …") has no counted unit after its second number, or one of its own
 * after the first, and stays as it is.
 */
function withRanges(mentions: Mention[], folded: string): Mention[] {
  const out: Mention[] = [];
  for (const b of mentions) {
    const from = Math.max(0, b.at - 40);
    const r = RANGE_FROM.exec(folded.slice(from, b.at));
    // The first value's own sign must be the second's ("từ 3,5% đến 4%/năm"; not "từ 30% đến 5 xã").
    if (!r || !r[2] !== !isShare(b.unit) || (r[2] && !b.unit.startsWith(r[2]))) {
      out.push(b);
      continue;
    }
    const at = from + r.index + r[0].indexOf(r[1]!, 2);
    const end = r[2] ? folded.indexOf(r[2], at + r[1]!.length) + 1 : at + r[1]!.length;
    const prev = out[out.length - 1];
    // (the first value is a mention of its own when it has its sign: "từ 70%")
    if (prev && prev.at === at) out[out.length - 1] = { ...prev, unit: b.unit, bound: '>=', cmpWords: undefined, bare: undefined };
    else out.push({ at, end, value: valueOf(r[1]!), unit: b.unit, bound: '>=' });
    out.push({ ...b, bound: '<=', cmpWords: undefined, bare: undefined });
  }
  return out;
}

const QUOTED_TITLE = /((?<![\p{L}])(?:Đề án|Chương trình|Kế hoạch|Dự án|Nghị quyết|Quyết định|Chỉ thị|Chiến lược)\s*)[“"][^”"]{3,300}[”"]/gu;

/** Parentheses hide definitions and interim values from the clause they sit in. */
function maskParentheses(line: string): { masked: string; groups: { start: number; end: number; inner: string }[] } {
  const groups: { start: number; end: number; inner: string }[] = [];
  const masked = line.replace(/\(([^()]*)\)/g, (all, inner: string, at: number) => {
    groups.push({ start: at, end: at + all.length, inner });
    return ' '.repeat(all.length);
  });
  // A group a line break cut ("… đạt trên 4.100 tỷ đồng (năm 2018: 3.350" / "tỷ đồng)."): masked to
  // the line's end, and from the line's start to its ")".
  // A document's own name in quotes ("Đề án “Đầu tư xây dựng ít nhất 01 triệu căn hộ …”") names
  // it; its figures are that document's title, not this one's targets.
  let out = masked.replace(QUOTED_TITLE, (all, head: string) => head + ' '.repeat(all.length - head.length));
  const open = out.lastIndexOf('(');
  if (open >= 0) out = out.slice(0, open) + ' '.repeat(out.length - open);
  const close = out.indexOf(')');
  if (close >= 0 && !out.slice(0, close).includes('(')) out = ' '.repeat(close + 1) + out.slice(close + 1);
  return { masked: out, groups };
}

// (a number's thousands point is no list marker: "55.000 lượt khách")
const LEADING = /^\s*(?:[-+•*]|\d{1,2}(?:\.\d{1,2})*\s*[.)](?=\s)|[a-zđ]\s*\)|[IVXL]{1,6}\s*[.)])?\s*/u;
const DATE_PHRASE = /\s*(?:(?:vào|đến|trước|trong|chậm nhất|tới)\s+)?(?:hết\s+|cuối\s+)?(?:(?:6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm\s+\d{4}|(?:năm|ngày|tháng|quý|giai đoạn)\s+[\d\/IVX\s\-–.]+(?<![\s\-–.])(?![\p{L}])(?:\s*tháng\s+\d+\s+năm\s+\d{4})?)/giu;

/** The words of a subject without numbering, dates, verbs and comparators at its edges. */
function subjectPart(s: string, side: 'before' | 'after'): string {
  let t = clean(s.replace(DATE_PHRASE, ' ')).replace(/[.,;:]+$/, '').trim();
  if (side === 'before') {
    t = t
      .replace(LEADING, '')
      .replace(/^(?:,|và|trong đó,?|phấn đấu|bảo đảm|đảm bảo|có)(?:\s+|$)/iu, '')
      .replace(/^(?:phấn đấu|bảo đảm|đảm bảo|có)(?:\s+|$)/iu, '')
      .replace(/\s*(?:phấn đấu|bảo đảm|đảm bảo)?\s*(?:đạt|là|bằng|chiếm|còn|xuống|giảm|tại|ở mức|mức)?\s*(?:tối thiểu|ít nhất|tối đa|không quá|không dưới|trên|dưới|xuống|còn|mức)?\s*(?:xuống|còn|dưới)?\s*$/iu, '')
      .replace(/^(?:trong đó,?\s*)/iu, '');
  } else {
    t = t.replace(/^\d{1,2}\b\s*/, '').replace(/^(?:,|và)\s*/u, ''); // a footnote digit glued after "%"
    t = t.replace(/\s*so với(?:\s+cùng kỳ)?$/iu, ''); // its base year cut out above ("… so với năm 2012")
    if (/^(?:đến|tới)$/iu.test(t)) t = ''; // a range's floor: the words before its ceiling ("từ 1.200.000 đến")
  }
  return t.replace(/[.,;:\s]+$/, '').trim();
}

const words = (s: string) => (s ? s.split(/\s+/).length : 0);
/** "47.000" → 47000, "6,5" → 6.5: a point before three digits groups thousands; a comma is decimal. */
const valueOf = (raw: string) => Number(raw.replace(/\.(?=\d{3}(?!\d))/g, '').replace(',', '.'));
/** A percent or per-mille value ("%", "‰", "%/năm"). */
const isShare = (unit: string) => /^[%‰]/.test(unit);

/**
 * Text hard-wrapped at a width (a text layer saved as text, e-mail): a line that runs to the
 * width with no sentence end goes on in the next unless that one opens an item or a heading.
 * The break becomes a space, so every offset stays where it was.
 */
export function joinWrapped(text: string): string {
  const lines = text.split('\n');
  let long = 0;
  let width = 0; // (a loop: a spread of every line's length overflows the stack on long texts)
  for (const l of lines) {
    if (l.length >= 50) long++;
    if (l.length > width) width = l.length;
  }
  if (long < 5 || width > 100) return text; // too little text, or paragraphs are lines: nothing was wrapped
  const opens = /^\s*(?:[-+•–]|\d{1,2}(?:\.\d{1,2})*\s*[.)](?=\s)|[IVXL]{1,6}\s*[.)]|[a-zđ]\s*\)|Điều\s+\d|Căn cứ|Nơi nhận|$)/u;
  let out = lines[0]!;
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const goesOn = prev.trim() && prev.length >= width - 20 && !/[.;:!?]\s*$/.test(prev) && !opens.test(lines[i]!) && !/^[\p{Lu}\s\d,.-]+$/u.test(prev);
    out += (goesOn ? ' ' : '\n') + lines[i];
  }
  return out;
}

/** Targets in a text; offsets are `base` + local. */
export function findTargets(text: string, base = 0, options: TargetOptions = {}): Target[] {
  text = joinWrapped(text);
  const out: Target[] = [];
  const horizon = horizonOf(options.title);
  // Footnote marks glued after a value ("dưới 24%1"): the footnote's own line is a note, not a target.
  const footnotes = new Set([...text.matchAll(/\d\s*%(\d{1,2})(?!\d)/g)].map((m) => m[1]!));
  const stack: { level: number; deadline: string | null; goal: boolean; targets: boolean; review?: boolean }[] = [];
  let pos = 0;
  let carried: string | null = null; // the stage a line that does not end its sentence passes on
  for (const rawLine of text.split('\n')) {
    const lineStart = pos;
    pos += rawLine.length + 1;
    if (!rawLine.trim() || rawLine.includes('\t')) {
      carried = null;
      continue; // tables: tasks read their rows
    }
    const line = rawLine;
    const fn = /^\s*(\d{1,2})\s+\S/.exec(line);
    if (fn && footnotes.has(fn[1]!)) continue;
    const { masked, groups } = maskParentheses(line);
    const folded = fold(masked);
    // Under a heading of targets, counts stated without a comparator are targets too (and the
    // numbered line that states one is an item, not a heading).
    const underTargets = stack.some((h) => h.targets);
    const found = mentionsIn(masked, folded, underTargets);
    // "Hỗ trợ 50% chi phí … (tối đa 100 triệu đồng)": a line that states a subsidy states no target.
    const policyLine = found.length > 0 && POLICY_LINE.test(fold(line.replace(LEADING, '')));
    const mentions = found.filter((m, k) => {
      const around = folded.slice(Math.max(0, m.at - 60), m.end + 40);
      const before = folded.slice(Math.max(0, m.at - 70), m.at);
      if (RESULT.test(around) || (!underTargets && COMPARED.test(around))) return false;
      if (policyLine || DEFINITION.test(before) || DEFINITION_BOUND.test(before) || POLICY.test(before) || POLICY_CAP.test(before) || POLICY_RATE.test(before) || SUPPORT_CAP.test(before)) return false;
      // "hỗ trợ bảo hiểm y tế 100% mệnh giá thẻ": a subsidy's share of a cost.
      if (/\bho tro\b/.test(before) && SHARE_OF_COST.test(folded.slice(m.end, m.end + 24))) return false;
      // "Tổng kinh phí thực hiện … dự kiến 96 tỷ đồng": money to spend, not an outcome.
      // (the whole clause: "Tổng kinh phí … 3,6 tỷ đồng, trong đó ngân sách huyện 1,2 tỷ đồng")
      const clause = folded.slice(Math.max(0, folded.lastIndexOf(';', m.at) + 1, m.at - 300), m.at);
      // (and a rule the plan restates: "thực hiện theo quy định không quá 50 ngày", "hạn mức giao đất … không quá 400 m²/hộ")
      if (BUDGET.test(clause) || DEFINED_AS.test(clause) || /\b(?:theo quy dinh|han muc)\b/.test(clause)) return false;
      if (amountKeys.has(key(m.unit.split('/')[0]!)) && m.unit.includes('/') && SUPPORT_BEFORE.test(before)) return false;
      // "không còn xã dưới 10 tiêu chí": the bound of a count that is to be none; "xử lý trong vòng
      // 48 giờ": the time a thing is to be done in, not a value to reach.
      if (NONE_LEFT_BOUND.test(before) || (TIME_UNITS.has(m.unit) && TIME_LIMIT.test(before))) return false;
      // "học 2 buổi/ngày đạt 100%": a count that the next value is stated of describes the subject.
      const next = found[k + 1];
      return !(next && !m.cmpWords && !isShare(m.unit) && /^\s*(?:dat|chiem|la)\s*$/.test(folded.slice(m.end, next.at)));
    });
    const numbered = headingLevel(line);
    const leadIn = numbered === null && /:\s*$/.test(line) && !mentions.length;
    const level = numbered ?? (leadIn ? leadInLevel(stack) : null);
    // A numbered line closes the headings at its level and below, whatever it holds.
    if (level !== null) while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
    if (level !== null && !mentions.length && (leadIn || clean(line).length < 160)) {
      // A long lead-in ("Thực hiện Quyết định số … ngày …, Ủy ban nhân dân yêu cầu:") dates the
      // documents it cites, not the items under it.
      const short = clean(line).length < 160;
      const f = fold(line);
      const back = looksBack(f);
      const goal = !back && GOAL_HEADING.test(f);
      carried = null;
      stack.push({ level, deadline: short ? deadlineOf(line) : null, goal, targets: goal && TARGET_HEADING.test(f), ...(back && level === 1 ? { review: true } : {}) });
      continue;
    }
    if (!mentions.length || stack.some((h) => h.review)) continue;
    if (options.commitmentsOnly && !stack.some((h) => h.goal) && !COMMITMENT.test(fold(line))) continue;
    const headingDeadline = [...stack].reverse().find((h) => h.deadline)?.deadline ?? null;
    const lineDeadline = deadlineOf(masked);
    // "- Đến năm 2025: tỷ lệ … dưới 24%; …": the head before the colon dates the whole line.
    const head = /^[^:%]{0,60}:/.exec(masked);
    // A line that goes on from the one before (no sentence end there, no item opened here:
    // "… khách quốc tế đạt" / "55.000 lượt khách; …") keeps that line's stage.
    const goesOn: boolean = !!carried && /^\s*[\p{Ll}\d]/u.test(line) && !/^\s*\d{1,2}(?:\.\d{1,2})*\s*[.)]\s/.test(line);
    const headDeadline: string | null = (head ? deadlineOf(head[0]) : null) ?? (goesOn ? carried : null);
    // (a ";" goes on with the same head: "- Đến năm 2013: … 18.000 ha;" / "thành lập mới 06 tổ hợp tác; …")
    carried = /[.!?]\s*$/.test(line) ? null : headDeadline;
    const itemStart = head && headDeadline ? head[0].length : 0;
    const item = clean(line.slice(itemStart).replace(LEADING, ''));
    const itemOffset = Math.max(0, line.indexOf(item.slice(0, 10)));
    const prov = { start: base + lineStart + itemOffset, end: base + lineStart + line.length, page: null, section: null };

    // Clauses: values in one clause share its subject, comparator and dates.
    const bounds: number[] = [itemStart];
    for (const m of masked.matchAll(/;|\.(?:\s|$)/g)) if (m.index! >= itemStart) bounds.push(m.index! + 1);
    bounds.push(masked.length + 1);
    // Each clause, each mention and each group is visited a bounded number of times: a text
    // without line breaks is one line of megabytes, so nothing here may rescan the line per value.
    const sorted = [...mentions].sort((a, b) => a.at - b.at);
    let next0 = 0;
    // The subject of the clause before, when a ";" joins them: "… 70% trường mầm non đạt chuẩn
    // quốc gia; đến năm 2025 đạt 85%" states the second share of the same subject.
    let clauseBefore: string | null = null;
    for (let c = 0; c + 1 < bounds.length; c++) {
      const cs = bounds[c]!;
      const ce = Math.min(bounds[c + 1]!, masked.length);
      while (next0 < sorted.length && sorted[next0]!.at < cs) next0++;
      const inClause: Mention[] = [];
      for (let k = next0; k < sorted.length && sorted[k]!.at < ce; k++) if (sorted[k]!.end <= ce) inClause.push(sorted[k]!);
      if (!inClause.length) continue;
      const clauseDeadline = deadlineOf(masked.slice(cs, ce));
      // Split the words between two values: the first's complement, then the next one's lead.
      const parts = inClause.map((m, i) => {
        const prevEnd = i ? inClause[i - 1]!.end : cs;
        const nextAt = i + 1 < inClause.length ? inClause[i + 1]!.at : ce;
        return { m, beforeFrom: prevEnd, afterTo: nextAt };
      });
      for (let i = 1; i < parts.length; i++) {
        const between = masked.slice(parts[i - 1]!.m.end, parts[i]!.m.at);
        // "10 điểm giới thiệu và bán sản phẩm vào năm 2023 và 15 điểm …": the first value's words
        // run to its date; the cut is the first "," or "và" after it.
        const dated = /\b(?:nam|ngay|thang|quy)\s+[\dIVX]/i.exec(fold(between));
        const from = dated ? dated.index : 0;
        const rel = between.slice(from).search(/,|\svà\s/);
        // (A date with no cut after it opens the next value: "… và đến năm 2026 đạt 100%".)
        const sep = rel >= 0 ? from + rel : between.search(/,|\svà\s/);
        const cut = sep < 0 ? between.length : sep;
        parts[i - 1]!.afterTo = parts[i - 1]!.m.end + cut;
        parts[i]!.beforeFrom = parts[i - 1]!.m.end + cut;
      }
      const own = parts.map((p) => {
        const after = deadlineIn(masked.slice(p.m.end, p.afterTo));
        const before = deadlineIn(masked.slice(p.beforeFrom, p.m.at));
        // "đến ngày 31/01/2019 giải ngân 90% kế hoạch vốn năm 2018": the day stated as the deadline, not the year naming the plan.
        return (before?.explicit && !after?.explicit ? before.end : null) ?? after?.end ?? before?.end ?? null;
      });
      // The nearest own date at or after each value.
      const ownOrNext: (string | null)[] = new Array(own.length).fill(null);
      // (not from a "trong đó" part: "85 km …, trong đó giai đoạn 2012 - 2013 hoàn thành 40 km" dates the 40 km only)
      const partOf = parts.map((p) => /^[,\s]*trong đó(?![\p{L}])/iu.test(masked.slice(p.beforeFrom, p.m.at)));
      for (let i = own.length - 1; i >= 0; i--) ownOrNext[i] = own[i] ?? (i + 1 < own.length && !partOf[i + 1] ? ownOrNext[i + 1]! : null);
      // The whole is not dated by the stage its part opens with ("trong đó giai đoạn 2012 - 2013 hoàn
      // thành 40 km"); a date after the part's value still closes the sentence for both.
      // (Blanked in the clause only, and the line read again only when a value falls back to it:
      // a text without line breaks is one line, which must not be rescanned per clause.)
      let clauseWhole: string | null = null;
      parts.forEach((p, i) => {
        if (!partOf[i]) return;
        const c = clauseWhole ?? masked.slice(cs, ce);
        clauseWhole = c.slice(0, p.beforeFrom - cs) + ' '.repeat(p.m.at - p.beforeFrom) + c.slice(p.m.at - cs);
      });
      const wholeDeadline = clauseWhole === null ? clauseDeadline : deadlineOf(clauseWhole);
      let lineWhole: string | null | undefined;
      const lineWholeDeadline = (): string | null => {
        if (clauseWhole === null) return lineDeadline;
        if (lineWhole === undefined) lineWhole = deadlineOf(masked.slice(0, cs) + clauseWhole + masked.slice(ce));
        return lineWhole;
      };
      // (read once per clause, and only when a value falls back to the line)
      let upTo: string | null | undefined;
      const upToClause = (): string | null => {
        if (upTo !== undefined) return upTo;
        const laterOwn = c + 2 < bounds.length && masked.length < 20_000 && sorted[sorted.length - 1]!.at >= ce && deadlineOf(masked.slice(ce)) !== null;
        return (upTo = laterOwn ? (deadlineOf(masked.slice(0, ce)) ?? '') : null);
      };
      const inherited = clauseBefore;
      clauseBefore = null;
      let base0: string | null = null;
      let floorOf: Mention | null = null;
      let firstSubject: string | null = null;
      let prevCmp: Target['comparator'] | null = null;
      parts.forEach((p, i) => {
        const m = p.m;
        const beforeText = masked.slice(p.beforeFrom, m.at);
        const foldedBefore = fold(beforeText).slice(-40);
        // "đạt 8,5% trở lên", "(từ) 10% trở lên": a floor written after the value; "trở xuống" a ceiling.
        const orMore = OR_MORE.exec(fold(masked.slice(m.end, m.end + 16)));
        const comparator =
          m.bound ??
          (orMore
            ? orMore[1] === 'len' ? '>=' : '<='
            : m.cmpWords
              ? comparatorBefore(m.cmpWords)
              : // "ít nhất 70 xã …, trong đó 12 xã …": the part of a whole is stated as it is.
                i && prevCmp && !hasOwnComparator(foldedBefore) && !/\S/.test(fold(subjectPart(beforeText, 'before'))) && !/(?:^|[^a-z])trong do\s*$/.test(foldedBefore)
                ? prevCmp
                : comparatorBefore(foldedBefore));
        prevCmp = comparator;
        const lead = subjectPart(orMore || m.bound === '>=' ? beforeText.replace(/\s+từ\s*$/u, ' ') : beforeText, 'before');
        const complement = subjectPart(masked.slice(orMore ? m.end + orMore[0].length : m.end, i + 1 < parts.length ? p.afterTo : cutAfter(masked, m.end, ce)), 'after');
        if (!i && words(lead) >= 2) base0 = lead;
        let subject: string;
        if (words(lead) >= 2) subject = /^trong đó(?![\p{L}\p{N}])/iu.test(clean(beforeText).replace(/^[,\s]+/, '')) && base0 && i ? `${base0} ${lead}` : lead;
        else subject = i ? (base0 ?? firstSubject ?? '') : '';
        if (complement && !/^(?:trên|trước|tại|trong|vào|đến|so với|mỗi|hằng|hàng)\b/iu.test(complement)) {
          // "1.100 hộ nghèo", "05 vùng chăn nuôi …": words that go on naming what is counted keep its noun.
          const named = COUNT_UNITS.has(m.unit) && /^\s+\p{Ll}/u.test(masked.slice(m.end, m.end + 3)) && complement.startsWith(clean(masked.slice(m.end, m.end + complement.length + 8)).slice(0, 3));
          const counted = named ? `${m.unit} ${complement}` : complement;
          subject = subject ? `${subject} ${counted}` : counted;
        }
        else if (!subject) subject = complement;
        // "Đạt 31 giường bệnh/vạn dân", "Có 18 đô thị": the unit names what is counted.
        subject = subject.trim() || (!isShare(m.unit) ? m.unit : '');
        if (!subject && !i && isShare(m.unit) && masked[cs - 1] === ';') subject = inherited ?? '';
        // "Kéo giảm từ 5% đến 10% số vụ …": a range's floor, with no words before its ceiling,
        // is stated of what the ceiling is (added with it, below).
        if (!subject && m.bound === '>=' && parts[i + 1]?.m.bound === '<=') floorOf = m;
        if (!subject) return;
        // "Có 80% tổ hợp tác … vào năm 2022 và 90% vào năm 2025": the first value's subject is the next ones'.
        if (!i) firstSubject = subject;
        const next = ownOrNext[i];
        const ofClause = partOf[i] ? clauseDeadline : wholeDeadline;
        const nearer = own[i] ?? next ?? ofClause ?? headDeadline;
        // The line's date is read only when nothing nearer dates the value.
        // (A date in a later clause that has values of its own is that clause's: "Tỷ lệ hộ dùng
        // nước hợp vệ sinh đạt 85%; 100% xóm có tổ thu gom rác trước ngày 30/9/2012" dates the
        // 100% only. Read up to this clause's end, on lines short enough to read again.)
        const prefix = nearer || partOf[i] ? null : upToClause(); // '' when the line up to here names none
        const ofLine = nearer ? null : partOf[i] ? lineDeadline : prefix === null ? lineWholeDeadline() : prefix || null;
        const deadline = nearer ?? ofLine ?? headingDeadline ?? horizon;
        const inferred = !nearer && !ofLine && !headingDeadline && !!horizon;
        // "năm 2021 toàn tỉnh đạt 29,8 giường bệnh/vạn dân" in a plan of 2022: a value dated before
        // the document's own year is a result it starts from.
        if (deadline && options.issued && deadline.slice(0, 4) < options.issued.slice(0, 4)) return;
        // "Bình quân mỗi năm kết nạp 2.000 đảng viên": a count per period says so in its unit.
        const per = !isShare(m.unit) && !m.unit.includes('/') ? /\b(?:moi|hang)\s+(nam|thang|quy|tuan)\b/.exec(fold(masked.slice(cs, m.at))) : null;
        const unit = per ? `${m.unit}/${rateByKey.get(per[1]!) ?? per[1]}` : m.unit;
        if (floorOf && m.bound === '<=' && parts[i - 1]?.m === floorOf) out.push({ value: floorOf.value, unit, comparator: '>=', subject, deadline, ...(inferred ? { deadlineInferred: true } : {}), text: item, prov });
        floorOf = null;
        out.push({ value: m.value, unit, comparator, subject, deadline, ...(inferred ? { deadlineInferred: true } : {}), text: item, prov });
        clauseBefore = subject;
        // An interim value right after this one: "80% (năm 2023: 70%)".
        for (let k = firstGroupFrom(groups, m.end); k < groups.length; k++) {
          const g = groups[k]!;
          // A group follows through blanks (earlier groups are masked), or through the value's own
          // words and year up to its clause's end: "chiếm tối thiểu 10% tổng nguồn vốn (năm 2023:
          // 7%)", "đạt 95% vào năm 2015 (năm 2013: 88%)".
          if (!blankBetween(masked, m.end, g.start) && !(g.start <= (p.afterTo ?? ce) && ownWordsOnly(masked.slice(m.end, g.start)))) break;
          // (in the value's own unit: "trên 1.500 tỷ đồng (năm 2018: 1.000 tỷ đồng)")
          const interim = /^\s*(?:năm|đến năm|đến hết năm)\s+(\d{4})\s*[:,]\s*(\d{1,3}(?:\.\d{3})+|\d{1,6}(?:,\d{1,3})?)\s*(\S.*?)\s*$/iu.exec(g.inner);
          if (!interim || key(interim[3]!) !== key(m.unit)) continue;
          // "80% (năm 2022: 65%)" in a plan of 2022 says where it starts from, not where it goes.
          if (options.issued && Number(interim[1]) <= Number(options.issued.slice(0, 4))) continue;
          out.push({ value: valueOf(interim[2]!), unit, comparator: '=', subject, deadline: `${interim[1]}-12-31`, text: item, prov });
        }
      });
    }
  }
  return out;
}

/** Where the words after a clause's last value end: ", đồng thời", ", trong đó", the clause end. */
/** Whether s[from, to) is all white space; stops at the first other character. */
/** Words with no value of their own, a year aside ("tổng nguồn vốn tín dụng", "vào năm 2015"). */
function ownWordsOnly(gap: string): boolean {
  return gap.length < 100 && !/[\d;:.%]/.test(gap.replace(/(?<![\p{L}])(?:vào|đến|trong)?\s*năm\s+\d{4}(?!\d)/giu, ' '));
}

function blankBetween(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!/\s/.test(s[i]!)) return false;
  return true;
}

/** Index of the first group starting at or after `at` (groups are in line order). */
function firstGroupFrom(groups: { start: number }[], at: number): number {
  let lo = 0;
  let hi = groups.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (groups[mid]!.start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function cutAfter(masked: string, from: number, clauseEnd: number): number {
  const rest = fold(masked.slice(from, clauseEnd));
  const cut = rest.search(/,\s*(?:dong thoi|trong do)\b|;|\.\s|\.$/);
  return cut >= 0 ? from + cut : clauseEnd;
}

// A table of targets: "Chỉ tiêu | Đơn vị (tính) | Năm 2028 | Năm 2030", one target a cell.
const SUBJECT_COLUMN = /^(?:ten\s+)?(?:chi tieu|noi dung(?:\s+chi tieu)?|muc tieu)\b/;
const UNIT_COLUMN = /^(?:don vi(?:\s+tinh)?|dvt)$/;
// Columns that report ("Thực hiện năm 2025", "Ước đạt", "Năm 2020 (cơ sở)"), not commit.
const REPORT_COLUMN = /\b(?:thuc hien|uoc|ket qua|hien trang|co so|so sanh|nam truoc|da dat)\b/;
const CELL_VALUE = /^(.*?)(\d{1,3}(?:\.\d{3})+|\d{1,9}(?:,\d{1,3})?)\s*(%?)\s*$/u;

/**
 * Targets of a table that lists them by column of year: each number under a year the plan looks
 * ahead to (its own year or later) is a target, with the row's subject, the unit column's unit
 * and the column's deadline; a comparator written in the cell ("≥ 80", "tối thiểu 80") is kept.
 */
export function targetsFromTable(table: Table, options: TargetOptions = {}): Target[] {
  const cols = table.columns.map((c) => fold(c).replace(/[.:()]/g, ' ').replace(/\s+/g, ' ').trim());
  const subjectCol = cols.findIndex((c) => SUBJECT_COLUMN.test(c));
  if (subjectCol < 0) return targetsByPlace(table, cols, options);
  const unitCol = cols.findIndex((c) => UNIT_COLUMN.test(c));
  const issuedYear = options.issued ? Number(options.issued.slice(0, 4)) : null;
  const yearCols = table.columns
    .map((c, i) => ({ i, deadline: i === subjectCol || i === unitCol || REPORT_COLUMN.test(cols[i]!) ? null : deadlineOf(c) }))
    .filter((y): y is { i: number; deadline: string } => !!y.deadline && (issuedYear === null || Number(y.deadline.slice(0, 4)) >= issuedYear));
  const out: Target[] = [];
  for (const row of table.rows) {
    if (row.kind !== 'data') continue;
    const { cell, text, prov } = rowView(table, row);
    const subject = cell(subjectCol);
    if (!subject) continue;
    const unitText = unitCol >= 0 ? cell(unitCol) : '';
    for (const y of yearCols) {
      const m = CELL_VALUE.exec(cell(y.i).replace(/\s+/g, ' '));
      if (!m) continue;
      const before = m[1]!.trim();
      const worded = comparatorBefore(fold(before));
      // Only a comparator may stand before the number: "Năm 2025: 80" or a note is not a value.
      if (before && !/^(?:[≥≤<>]=?|=)$/.test(before) && worded === '=' && !/^(?:dat|khoang)$/.test(fold(before))) continue;
      const comparator = /^(?:≥|>=?)$/.test(before) ? '>=' : /^(?:≤|<=?)$/.test(before) ? '<=' : worded;
      const unit = m[3] ? '%' : (unitByKey.get(key(unitText)) ?? unitText.toLowerCase());
      if (!unit) continue;
      out.push({
        value: valueOf(m[2]!),
        unit,
        comparator,
        subject,
        deadline: y.deadline,
        text,
        prov,
      });
    }
  }
  return out;
}

/** A data row as target rules read it: a cell by column index, the row's text, its provenance. */
function rowView(table: Table, row: Table['rows'][number]) {
  return {
    cell: (i: number) => clean(row.cells.find((c) => c.column === table.columns[i])?.text ?? ''),
    text: row.cells.map((c) => clean(c.text)).filter(Boolean).join(' | '),
    prov: { start: row.start, end: row.end, page: row.page ?? null, section: null, ...(row.box ? { box: row.box } : {}) },
  };
}

// A table of quotas by place: "TT | Đơn vị | Số hộ nghèo cuối năm 2014 | Số hộ thoát nghèo năm 2015 |
// Tỷ lệ hộ nghèo cuối năm 2015 (%)", a row a district. The place column ("Đơn vị" here names the
// place, not a unit of measure) and columns that each name an indicator and its year.
const PLACE_COLUMN = /^(?:ten\s+)?(?:don vi|dia phuong|dia ban|huyen|xa|quan|tinh|co quan)\b/;
/** "(%)" or "(hộ)" at the end of a column's name: the unit of its cells. */
const HEADER_UNIT = /\(\s*([^()]{1,20}?)\s*\)\s*$/u;

/**
 * Targets of a table by place: each number under a column whose name has a year the plan looks
 * ahead to is a target for the row's place, the column's indicator as subject ("số hộ thoát
 * nghèo năm 2015 huyện Cư Jút"). When some column looks past the plan's own year, a column of that
 * year is where it starts from (a decision of late 2014 giving 2015's quotas beside 2014's figures).
 * The unit is the column's "(…)", else the counted noun of "Số hộ …" when it is a known unit.
 */
function targetsByPlace(table: Table, cols: string[], options: TargetOptions): Target[] {
  const placeCol = cols.findIndex((c) => PLACE_COLUMN.test(c));
  if (placeCol < 0) return [];
  const issuedYear = options.issued ? Number(options.issued.slice(0, 4)) : null;
  const valueCols = table.columns
    .map((name, i) => {
      if (i === placeCol || REPORT_COLUMN.test(cols[i]!)) return null;
      const deadline = deadlineOf(name);
      if (!deadline) return null;
      const unitWritten = HEADER_UNIT.exec(name)?.[1];
      const counted = /^so\s+(\S+(?:\s+\S+)?)/.exec(cols[i]!);
      const unit = unitWritten ? (unitByKey.get(key(unitWritten)) ?? unitWritten) : counted ? (unitByKey.get(counted[1]!) ?? unitByKey.get(counted[1]!.split(' ')[0]!) ?? null) : null;
      if (!unit) return null;
      const indicator = clean(name.replace(HEADER_UNIT, ''));
      return { i, deadline, unit, indicator: indicator.charAt(0).toLowerCase() + indicator.slice(1) };
    })
    .filter((c) => c !== null);
  const year = (c: { deadline: string }) => Number(c.deadline.slice(0, 4));
  const ahead = valueCols.some((c) => issuedYear !== null && year(c) > issuedYear);
  const targetCols = valueCols.filter((c) => issuedYear === null || (ahead ? year(c) > issuedYear : year(c) >= issuedYear));
  const out: Target[] = [];
  for (const row of table.rows) {
    if (row.kind !== 'data') continue;
    const { cell, text, prov } = rowView(table, row);
    const place = cell(placeCol);
    if (!place || !/\p{L}/u.test(place)) continue;
    for (const c of targetCols) {
      const m = CELL_VALUE.exec(cell(c.i).replace(/\s+/g, ' '));
      if (!m || m[1]!.trim()) continue;
      out.push({
        value: valueOf(m[2]!),
        unit: m[3] ? '%' : c.unit,
        comparator: '=',
        subject: `${c.indicator} ${place.charAt(0).toLowerCase()}${place.slice(1)}`,
        deadline: c.deadline,
        text,
        prov,
      });
    }
  }
  return out;
}
