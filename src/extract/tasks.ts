/**
 * Tasks: who must do what, by when. Two sources:
 *  - plan tables: one task per data row, columns recognised by their header words
 *    (nội dung / chủ trì / phối hợp / bắt đầu / kết thúc / thời gian / sản phẩm);
 *  - the "Tổ chức thực hiện" part: items under a heading that names an agency (lead = that
 *    agency), and items whose own sentence names the lead ("Giao X …", "X có trách nhiệm …").
 * The text part reads blocks and their numbering directly, so it needs no outline.
 */
import type { Table, Task } from '../../schemas/document.ts';
import { agencyKind, splitAgencies, startsAgency } from './agencies.ts';
import { findDates, parsePeriod } from './dates.ts';
import { clean, fold } from './text.ts';

type Role = 'content' | 'lead' | 'partners' | 'start' | 'end' | 'time' | 'outputs' | 'label' | 'other';

/** What a plan-table column holds, from its header. */
export function columnRole(header: string): Role {
  const h = fold(header).replace(/\s+/g, ' ').trim();
  const role = roleOf(h);
  // OCR of bold capitals often loses the spaces ("ĐƠNVỊTHỰC HIỆN"): the same words without them.
  return role === 'other' ? roleOf(h, true) : role;
}

function roleOf(h: string, spaceless = false): Role {
  if (spaceless) h = h.replace(/ /g, '');
  const sp = spaceless ? '' : ' ';
  const re = (src: string) => new RegExp(src.replace(/ /g, sp));
  if (/^(s?tt|so tt|stt)$/.test(h)) return 'label';
  if (re('san pham|ket qua|du kien|dau ra').test(h)) return 'outputs';
  if (/ph[a-z]{0,2}i? ?hop/.test(h)) return 'partners';
  if (re('chu tri|(don vi|co quan) (thuc hien|thuc hien chinh)|^thuc hien$|trach nhiem').test(h)) return 'lead';
  if (re('bat dau').test(h)) return 'start';
  if (re('ket thuc|hoan thanh|thoi han').test(h)) return 'end';
  if (re('thoi gian|tien do').test(h)) return 'time';
  if (re('noi dung|nhiem vu|hoat dong|cong viec|ten').test(h)) return 'content';
  return 'other';
}

const cellText = (s: string | undefined) => clean(s ?? '');

/**
 * A word repeated across a page-break join ("thủ tục hành chính" + "chính; …" on the next page)
 * is one word: agency names do not reduplicate.
 */
const dedupeJoin = (s: string) => s.replace(/(?<![\p{L}])(\p{L}+)\s+\1(?![\p{L}])/gu, '$1');

/** One task per data row of a plan table; null when the table is not a plan. */
export function tasksFromTable(table: Table): Task[] {
  const roles = table.columns.map(columnRole);
  if (!roles.includes('content') || !(roles.includes('lead') || roles.includes('time') || roles.includes('end'))) return [];
  const out: Task[] = [];
  for (const row of table.rows) {
    if (row.kind !== 'data') continue;
    const get = (role: Role) => {
      const parts: string[] = [];
      row.cells.forEach((c) => {
        const i = table.columns.indexOf(c.column);
        if (i >= 0 && roles[i] === role && c.text.trim()) parts.push(cellText(c.text));
      });
      return parts.join(' ').trim();
    };
    const content = get('content');
    if (!content) continue;
    let start: string | null = null;
    let due: string | null = null;
    let recurrence: string | null = null;
    const time = get('time');
    if (time) ({ start, due, recurrence } = parsePeriod(time));
    const s = get('start');
    const e = get('end');
    if (s) {
      const p = parsePeriod(s);
      start = p.start ?? start;
      recurrence ??= p.recurrence;
    }
    if (e) {
      const p = parsePeriod(e);
      due = p.due ?? due;
      // A period to finish in ("Quý III/2023", "2023 - 2025") is also when the work runs.
      if (!s && !time) start ??= p.start;
      recurrence ??= p.recurrence;
    }
    out.push({
      content,
      lead: splitAgencies(dedupeJoin(get('lead'))),
      partners: splitAgencies(dedupeJoin(get('partners'))),
      start,
      due,
      recurrence,
      outputs: get('outputs') || null,
      group: row.group,
      source: 'table',
      prov: { start: row.start, end: row.end, page: row.page, section: table.section },
    });
  }
  return out;
}

// ---- "Tổ chức thực hiện" ----

interface Block {
  start: number;
  end: number;
  marker: string | null; // "IV", "1", "a", "-", "+"
  level: number | null; // 1 Roman, 2 digits, 3 letters, 4 bullets; null: paragraph
  text: string; // without the marker, whitespace collapsed
  article?: true; // an "Điều N." of the body
}

const MARKER = /^\s*(?:#{1,6}\s*)?(?:\*\*)?\s*(?:(?:Phần|PHẦN|Mục|MỤC|Chương|CHƯƠNG|Điều|ĐIỀU)\s+([IVXL]{1,6}|\d{1,3})\s*[.:)]?|([IVXL]{1,6})\s*[.)]|(\d{1,2}(?:\.\d{1,2})*)\s*[.)]|([a-zđ])\s*\)|([-+•–]))\s*/u;

const ARTICLE_MARKER = /^\s*(?:#{1,6}\s*)?(?:\*\*)?\s*(?:Điều|ĐIỀU)\s+\d/u;

/** A line ending on a conjunction or preposition (folded), or a hyphen: the sentence goes on. */
const OPEN_END = /(?:^|\s)(?:va|voi|cua|cho|cac|nhung|trong|tai|de|theo|ve|hoac|cung|la|duoc|tu|den|thuoc)\s*$|[-–]\s*$/;
const NEXT_CHAR = /\s*(\S)/y; // sticky: matched at an offset, without slicing the rest of the text

/** Blocks: a marker line and the lines that go on from it, or a paragraph. Offsets are local. */
export function blocks(text: string): Block[] {
  const out: Block[] = [];
  let cur: { start: number; end: number; lines: string[]; marker: string | null; level: number | null } | null = null;
  const flush = () => {
    if (!cur) return;
    const raw = cur.lines.join(' ');
    const article = cur.marker !== null && ARTICLE_MARKER.test(cur.lines[0]!);
    out.push({ start: cur.start, end: cur.end, marker: cur.marker, level: cur.level, text: clean(raw.replace(MARKER, '')), ...(article ? { article } : {}) });
    cur = null;
  };
  let pos = 0;
  // The next non-space character after a blank line, and where it is: a run of blank lines
  // (a table blanked out of the prose) looks it up once, not once per line.
  let nextAt = -1;
  let next = '';
  for (const line of text.split('\n')) {
    const ls = pos;
    pos += line.length + 1;
    // A lone "|" (a table flattened one cell per line) is a blank line; so is a rule ("-----").
    if (!line.trim() || /^[\s|]+$/.test(line) || /^\s*(?:[-–—_=*]\s*){3,}$/.test(line)) {
      // A blank line ends a block unless the next text goes on in lower case (a page break).
      if (pos > nextAt) {
        NEXT_CHAR.lastIndex = pos;
        const m = NEXT_CHAR.exec(text);
        nextAt = m ? pos + m[0].length - 1 : Infinity;
        next = m?.[1] ?? '';
      }
      if (!(cur && /\p{Ll}/u.test(next) && !/[.;:]\s*$/.test(cur.lines[cur.lines.length - 1]!))) flush();
      continue;
    }
    if (line.includes('\t')) {
      flush();
      continue;
    }
    const m = line.match(MARKER);
    // A short numbered heading line ("2. UBND các xã, phường") ends before a capitalised line.
    // Not when the line stops on a word that needs more after it, or holds a verb: a sentence
    // hard-wrapped ("… phối hợp với Sở Tài chính và" / "Sở Văn hóa, …") goes on, whatever case comes next.
    const afterHeading =
      cur && cur.marker && cur.lines.length === 1 && cur.lines[0]!.length < 100 && !/[.;,]\s*\**\s*$/.test(cur.lines[0]!) && !OPEN_END.test(fold(cur.lines[0]!)) && firstVerb(` ${cur.lines[0]!.replace(MARKER, '')}`) < 0 && /^\s*\p{Lu}/u.test(line);
    // After a sentence end, a line that assigns work of its own ("Giao Sở Y tế …", "Sở Nội vụ:
    // Đưa …", "Phòng X chủ trì …") or closes the body ("Nơi nhận:", "TM. …") starts a block, even with no blank line before it.
    const opening = cur && /[.;:]\s*$/.test(cur.lines[cur.lines.length - 1]!) ? fold(line).trimStart() : null;
    // (sentenceLead reads "Sở X: …" through colonLead too)
    const own = opening !== null && (ASSIGNING.test(opening) || CLOSING.test(opening) || sentenceLead(line.trim()) !== null);
    // A capitalised line after a dash item's last sentence ("- Đồn Biên phòng …." / "Hồi 10 giờ …")
    // is a paragraph of its own, not more of the item: a wrapped item goes on without its full stop.
    const afterItem = cur !== null && cur.level === 4 && /[.]\s*$/.test(cur.lines[cur.lines.length - 1]!) && /^\s*\p{Lu}/u.test(line);
    if (m || !cur || afterHeading || own || afterItem) {
      flush();
      // A line of its own in capitals or a markdown heading, unnumbered, is a top-level heading.
      const bare = !m && (/^\s*#{1,6}\s/.test(line) || (line.trim().length < 80 && /^[\s*]*[\p{Lu}\d][\p{Lu}\d\s,.*-]+$/u.test(line)));
      const level = m ? (m[1] || m[2] ? 1 : m[3] ? 2 : m[4] ? 3 : 4) : bare ? 1 : null;
      cur = { start: ls, end: ls + line.length, lines: [line], marker: m ? m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]! : bare ? '#' : null, level };
    } else {
      cur.lines.push(line);
      cur.end = ls + line.length;
    }
  }
  flush();
  return out;
}

/** The part that assigns work: "Tổ chức thực hiện", "Trách nhiệm thực hiện", "Phân công nhiệm vụ". */
const TCTH =
  /^(?:(?:to|t6|tb|t\S)\s*ch\S{0,3}c\s+th\S{1,4}c\s+hi\S{1,3}n|tr\S{1,3}ch\s+nhi\S{1,2}m\s+(?:th\S{1,4}c\s+hi\S{1,3}n|c\S{1,2}a\s+c\S{1,2}c\s+(?:co quan|don vi|so|nganh)(?:[\s,]+(?:don vi|dia phuong|ban|nganh|co quan)(?:\s+lien quan)?)*)|phan\s+cong\s+(?:nhiem\s+vu|th\S{1,4}c\s+hi\S{1,3}n|trach\s+nhiem))\.?$/;
/** A heading that opens that part, markdown emphasis aside. */
const isTcthHeading = (heading: string) => TCTH.test(fold(heading).replace(/[*#]/g, '').trim());
const CLOSING = /^(tren day la|trong qua trinh (?:thuc hien|trien khai)|noi nhan|n\S{1,2}i nh\S{1,2}n|yeu cau|kt\.|tm\.|t\/m\s)/;
/** A sentence that names who is to do the work: "Giao X …", "Đề nghị X …". */
const ASSIGNING = /^(?:giao|de nghi)\s+\p{L}/u;
/** Verbs that follow the lead in a task sentence (folded, OCR-tolerant for "có trách nhiệm"). */
const LEAD_VERB =
  /\s(?:\S{1,3}\s+tr[a-z]{1,3}ch\s+nhi[a-z]{1,2}m|chiu trach nhiem|la co quan|la don vi|chu tri|chu dong|phoi hop|tang cuong|van dong|to chuc|thuc hien|trien khai|tham muu|theo doi|huong dan|can cu|xay dung|chi dao|tham dinh|ra soat|kiem tra|don doc|tong hop|tuyen truyen|bo tri|giam sat|de xuat|cap phat|ban hanh|cung cap|lanh dao|kien toan|bao cao|dua tin|thuong xuyen|khan truong|can doi|chuan bi|xac dinh|so ket|tong ket|tham tra|bao dam|dam bao|kiem soat|day manh|tiep tuc|phat dong|cap nhat|gan (?:viec|ket|voi|noi dung)|phan cong|niem yet|dua (?:noi dung|vao)|danh (?:thoi luong|thoi gian|kinh phi)|mo (?:chuyen muc|chuyen trang|lop|rong))\b/;

/** Offset of the first lead verb, in lower case: "Sở Xây dựng chủ trì" is cut at "chủ trì", not "Xây dựng". */
function firstVerb(s: string): number {
  const f = fold(s);
  const re = new RegExp(LEAD_VERB.source, 'g');
  for (let m = re.exec(f); m; m = re.exec(f)) {
    // Not a capitalised name ("Sở Xây dựng"), nor a noun after a plural ("các tổ chức thành viên"),
    // nor a kind of body named by what it does itself ("đơn vị tự bảo đảm chi thường xuyên", where
    // "chi thường xuyên" is the budget's recurrent spending).
    const before = f.slice(0, m.index);
    if (!/\p{Lu}/u.test(s[m.index + 1] ?? '') && !/\b(?:cac|nhung|moi)$/.test(before) && !/(?<![\p{L}])tự$/iu.test(s.slice(0, m.index)) && !(/\bchi$/.test(before) && f.startsWith(' thuong xuyen', m.index))) return m.index;
    re.lastIndex = m.index + 1;
  }
  return -1;
}

/** Verbs by which one body hands work to another ("X giao Y …", "X giao:"). */
const GIVING = 'giao|đề nghị|yêu cầu';
const GIVER_HEADING = new RegExp(`\\s(?:${GIVING})(?:\\s+như sau)?\\s*:\\s*$`, 'iu');
const GIVEN_TO = new RegExp(`\\s(?:${GIVING})\\s+(?=\\p{Lu})`, 'u');

/** The lead a sentence names: "Giao X chủ trì …", "X có trách nhiệm …". */
export function sentenceLead(item: string): string[] | null {
  const f = fold(item);
  let from = 0;
  // "Giao X …" (to a subordinate), "Đề nghị X …" (to a body outside the issuer's authority).
  const lead = f.match(/^(?:giao|de nghi)\s+/);
  if (lead) from = lead[0].length;
  else if (!startsAgency(item)) return null;
  // "Sở Y tế: Chủ trì …": the body, a colon, then its work.
  const colon = colonLead(item);
  if (colon) return splitAgencies(colon);
  const v = firstVerb(item.slice(from));
  if (v <= 0) return null;
  let named = item.slice(from, from + v).trim();
  // "Ban Dân vận Tỉnh ủy giao Phòng X theo dõi …": the body given the work leads, not the giver.
  const given = GIVEN_TO.exec(named);
  if (given && startsAgency(named.slice(given.index + given[0].length))) named = named.slice(given.index + given[0].length);
  if (!named || named.split(/\s+/).length > 25) return null;
  return splitBodies(named);
}

/** The body before the colon of "Sở Tài chính: Tham mưu …" (a name, no verb of its own), else null. */
function colonLead(item: string): string | null {
  // Bodies may be listed with ";" ("Các sở, ban, ngành; Ủy ban nhân dân các huyện: …"): each one a body.
  const m = /^([^:.]{2,120}):\s+\p{L}/u.exec(item);
  if (!m || !m[1]!.split(';').every((p) => startsAgency(p.trim())) || firstVerb(' ' + m[1]!) >= 0 || m[1]!.split(/\s+/).length > 20) return null;
  return m[1]!.trim();
}

const PARTNER_STOP =
  /\s(?:de|trong|day|nang|cung|can doi|bo tri|phan bo|ho tro|nghien cuu|hoan thien|sua doi|bo sung|dieu chinh|van dong|chi dao|thuc|to|trien|tham|tong|xay|theo|nham|ve|tai|dam|bao cao|huong|kiem|tuyen|pho|de|lap|ra|giai|quan ly|cung cap|thong tin|dinh|thiet|khai|tiep|xu|danh|cong bo|cai|chuyen|trinh|nam (?:bat|tinh hinh|chac))(?=[\s,.;:])/;

/** Partners a sentence names: "phối hợp (chặt chẽ) (với) X …" up to the verb that follows. */
export function sentencePartners(item: string): string[] {
  const f = fold(item);
  const m = f.match(/phoi hop(?:\s+chat che)?(?:\s+voi)?\s+/);
  if (!m) return [];
  const from = m.index! + m[0].length;
  const rest = f.slice(from) + ' ';
  const orig = item.slice(from) + ' ';
  // A stop is a lower-case verb or preposition after the first two words of the name.
  let stop = -1;
  const re = new RegExp(PARTNER_STOP.source, 'g');
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    const w = m.index + 1;
    // Not a verb: a capitalised word, the first two words, or a noun after a comma ("cơ quan, tổ chức").
    // (nor the "thông tin" of "Trung tâm Công nghệ thông tin")
    if (/\p{Lu}/u.test(orig[w] ?? '') || rest.slice(0, w).trim().split(/\s+/).length < 2 || /,\s*$/.test(rest.slice(0, w)) || (/\bcong nghe$/.test(rest.slice(0, m.index)) && rest.startsWith(' thong tin', m.index))) {
      re.lastIndex = m.index + 1;
      continue;
    }
    stop = m.index;
    break;
  }
  const punct = rest.search(/[.;:()]/);
  if (punct >= 0 && (stop < 0 || punct < stop)) stop = punct;
  const phrase = item.slice(from, from + (stop < 0 ? rest.length - 1 : stop)).trim().replace(/[,\s]+$/, '');
  if (!phrase) return [];
  return splitBodies(phrase);
}

const COUNCIL_ORGANS = /^Thường trực (?:Hội đồng nhân dân|HĐND)\b[^;:]*,[^;:]*\bvà (?:các )?đại biểu (?:Hội đồng nhân dân|HĐND)\b[^,;:]*$/u;

/** The bodies a phrase names: split on ";" and commas between names, and on "và" before a new body. */
function splitBodies(phrase: string): string[] {
  // "Thường trực Hội đồng nhân dân, các Ban, các Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh":
  // a council's own organs, named together as the one body that supervises (every set reads it so).
  if (COUNCIL_ORGANS.test(phrase.trim())) return [phrase.trim()];
  // "X và các Y": a second body when "và" opens a new noun phrase in lower case.
  return splitAgencies(phrase)
    .flatMap((p) => p.split(/\s+và\s+(?=(?:các|sở|cơ quan|đơn vị)[\s,])/u))
    .flatMap(splitAtAndBody)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * The bodies an agency heading names: "Các bệnh viện tuyến tỉnh và Trung tâm Y tế các huyện" is
 * two, a capitalised body after "và"; "Ủy ban Mặt trận Tổ quốc huyện và các đoàn thể" stays one
 * lead, the set it names together.
 */
function headingBodies(heading: string): string[] {
  return splitAgencies(heading).flatMap((p) => (/\s+và\s+\p{Lu}/u.test(p) ? splitAtAndBody(p) : [p]));
}

/**
 * "Sở Tài chính và Sở Xây dựng" is two bodies; "Sở Khoa học và Công nghệ" is one. A "và" splits
 * where a body's name starts after it: a head of a known kind ("Sở", "Ủy ban nhân dân"), or a head
 * of no kind ("Phòng", "Viện") followed by a capitalised name.
 */
function splitAtAndBody(p: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (const m of p.matchAll(/\s+và\s+/gu)) {
    const rest = p.slice(m.index! + m[0].length);
    const opensBody = startsAgency(rest) && (agencyKind(rest) !== null || /^\p{Lu}\p{Ll}*\s+\p{Lu}/u.test(rest));
    if (!opensBody || p.slice(from, m.index).trim().split(/\s+/).length < 2) continue;
    out.push(p.slice(from, m.index));
    from = m.index! + m[0].length;
  }
  out.push(p.slice(from));
  return out;
}

/** "Đối với Sở Y tế", "Trách nhiệm của Sở Y tế", "Nhiệm vụ của …": the heading names the agency after its lead-in. */
const HEADING_LEAD_IN = /^(?:đối với|trách nhiệm của|nhiệm vụ của|giao|đề nghị)\s+/iu;
const headingAgency = (text: string) => text.replace(HEADING_LEAD_IN, '').replace(/:\s*$/, '');

function isAgencyHeading(b: Block): boolean {
  const text = headingAgency(b.text);
  if (!startsAgency(text)) return false;
  // "Ban Thường vụ Huyện ủy giao:" names who hands the work out; the items name who does it.
  if (GIVER_HEADING.test(b.text)) return false;
  if (/:\s*$/.test(b.text)) return true;
  return text.length < 140 && !/[.]$/.test(text) && firstVerb(' ' + text) < 0 && text.split(/\s+/).length <= 20;
}

/**
 * A task's recurrence: leading ("Hằng năm, tổ chức …") or right after its deadline ("báo cáo
 * trước ngày 15 tháng 12 hằng năm"); a "hằng năm" elsewhere in a sentence qualifies something else.
 */
function taskRecurrence(item: string): string | null {
  const head = item.split(/[,:;]/)[0]!.slice(0, 40);
  const lead = findDates(head).find((x) => x.kind === 'recurrence' && x.recurrence !== 'continuous');
  if (lead) return lead.recurrence ?? null;
  // "Đài Phát thanh - Truyền hình tỉnh thường xuyên đưa tin …": the rhythm right after the lead;
  // "Các sở, ban, ngành: Thường xuyên rà soát …", "Thường xuyên kiểm tra …": the work opens with it.
  const v = firstVerb(item);
  if (v >= 0 && fold(item).startsWith('thuong xuyen', v + 1)) return 'continuous';
  const colon = colonLead(item);
  if (/^thuong xuyen\b/.test(fold(colon ? item.slice(item.indexOf(':') + 1) : item).trimStart())) return 'continuous';
  // A later clause, after a semicolon or a comma, that opens with the rhythm ("…, định kỳ 6 tháng
  // báo cáo …", "…, thường xuyên rà soát …").
  for (const c of item.split(/[;,]/).slice(1)) {
    const head = c.trim().slice(0, 30);
    if (!/^(?:dinh ky|hang (?:nam|quy|thang|tuan)|thuong xuyen)\b/.test(fold(head))) continue;
    const opening = findDates(head).find((x) => x.kind === 'recurrence');
    if (opening) return opening.recurrence ?? null;
  }
  // A clause after a semicolon with the rhythm early on ("…; định kỳ 6 tháng/01 lần tổng hợp, báo
  // cáo …"), or a last one that is only the rhythm ("…; thực hiện thường xuyên.").
  const clauses = item.split(';').slice(1).map((c) => c.trim());
  for (const [i, c] of clauses.entries()) {
    const opening = findDates(c.split(',')[0]!.slice(0, 40)).find((x) => x.kind === 'recurrence' && x.recurrence !== 'continuous');
    if (opening) return opening.recurrence ?? null;
    if (i === clauses.length - 1 && /^(?:thuc hien\s+)?(?:thuong xuyen|hang nam|dinh ky[^,]*)[.\s]*$/.test(fold(c))) {
      const only = findDates(c).find((x) => x.kind === 'recurrence');
      if (only) return only.recurrence ?? null;
    }
  }
  const folded = fold(item);
  // "… báo cáo về Sở Y tế định kỳ hằng quý.": the rhythm that closes the sentence, said as one;
  // "…, báo cáo Ủy ban nhân dân huyện hằng quý.": the rhythm of the report that closes it.
  const closing = /\bdinh ky\s+[^,;.]{2,30}[.;\s]*$|\bbao cao\b[^,;.]{0,80}\s(?=(?:hang|moi)\s+(?:quy|thang|tuan|nam|ngay)[.;\s]*$)/.exec(folded);
  if (closing) {
    const r = findDates(item.slice(closing.index)).find((x) => x.kind === 'recurrence');
    if (r) return r.recurrence ?? null;
  }
  const dates = findDates(item);
  const due = dates.find(
    // (…or after the hour and weekday it falls on: "trước 15 giờ thứ Sáu hằng tuần")
    // (…or that names its own days or hours: "trước ngày 15/6 và 15/12 hằng năm", "trước 07 giờ và 15 giờ hằng ngày")
    (d) => d.kind === 'recurrence' && d.recurrence !== 'continuous' && (/^(?:ngay|th[a-z]{1,2}ng|\d{1,2}\s*(?:gio|h))\s/.test(fold(d.text)) || /(?:\bngay\s+\d{1,2}(?:\s*(?:thang\s+|\/)\d{1,2})?|\bgio(?:\s+\d{1,2})?(?:\s+thu\s+\S+)?|\bthu\s+(?:hai|ba|tu|nam|sau|bay)|\bchu nhat)\s*$/.test(folded.slice(0, d.prov.start))),
  );
  // "định kỳ 6 tháng, trước ngày 20/6 và 20/12 hằng năm": the rhythm stated before the days is the one said.
  const stated = due && dates.find((d) => d.kind === 'recurrence' && d.prov.end <= due.prov.start && /^dinh k/.test(fold(d.text)) && /^[\s,;]*(?:truoc|vao|cham nhat)?\s*$/.test(folded.slice(d.prov.end, due.prov.start)));
  return (stated || due)?.recurrence ?? null;
}

function task(b: Block, lead: string[], base: number): Task {
  // Dates inside a quoted title (“… giai đoạn 2022 - 2025, tầm nhìn đến năm 2030”) are the title's.
  // A task's time is a deadline ("trước ngày 30/6"), a quarter or a month; a bare year mostly
  // qualifies something else ("dự toán ngân sách năm 2022"), an exact day mostly dates a citation.
  // "… trong năm 2023", "hoàn thành trong năm 2008": a year the work is to be done in.
  const masked = b.text.replace(/“[^”]*”|"[^"]*"/g, (q) => ' '.repeat(q.length));
  const folded = fold(masked);
  const dates = findDates(masked).filter(
    // (and a span of days: "trong thời gian từ ngày 15/3/2022 đến ngày 10/5/2022")
    (d) => ['deadline', 'quarter', 'month'].includes(d.kind) || ((d.kind === 'year' || d.kind === 'period') && /\btrong\s*$/.test(folded.slice(0, d.prov.start))) || (d.kind === 'period' && /^tu\s+ngay\b/.test(fold(d.text))),
  );
  const starts = dates.filter((d) => d.kind !== 'deadline' && d.start).map((d) => d.start!);
  const colon = colonLead(b.text);
  return {
    content: colon ? b.text.slice(b.text.indexOf(':') + 1).trim() : b.text,
    lead,
    partners: sentencePartners(b.text),
    start: starts.length ? starts.sort()[0]! : null,
    due: dates.length ? dates.map((d) => d.end!).sort()[dates.length - 1]! : null,
    recurrence: taskRecurrence(b.text),
    outputs: null,
    group: null,
    source: 'section',
    prov: { start: base + b.start, end: base + b.end, page: null, section: null },
  };
}

/**
 * A lead-in that hands out the work listed after it, in a dispatch or a directive with no "Tổ
 * chức thực hiện" part: "Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:", "Ủy ban nhân dân tỉnh yêu cầu
 * các cơ quan, đơn vị thực hiện một số nội dung sau:", "… có ý kiến chỉ đạo như sau:" (folded, at the end of its paragraph). The
 * verb takes the bodies it asks right after it: "các yêu cầu như sau:" lists requirements.
 */
const ASSIGNING_LEAD_IN = new RegExp(
  [
    // "… chỉ thị:", "… yêu cầu:", "… kết luận như sau:", "… thông tri như sau:", "… có ý kiến (chỉ đạo) như sau:"
    '(?<!\\b(?:cac|nhung|mot so) )\\b(?:chi thi|yeu cau|ket luan|thong tri|co y kien(?: chi dao)?|chi dao)(?:\\s+nhu sau)?',
    // "… Thường trực Tỉnh ủy giao:", "… giao nhiệm vụ như sau:"
    '\\b(?:uy|ban|ubnd|nhan dan|chu tich|giam doc)\\s+(?:\\S+\\s+){0,4}giao(?:\\s+nhiem vu)?(?:\\s+nhu sau)?',
    // "… yêu cầu các cơ quan, đơn vị thực hiện một số nội dung sau:"
    '\\b(?:yeu cau|de nghi|chi dao)\\s+(?:cac|so|uy ban|ubnd|thu truong|ban|co quan|don vi|cap uy|chu tich|giam doc)\\b[^.;:]*\\bsau',
    // "Bộ Tài chính hướng dẫn việc quản lý kinh phí … như sau:"
    '\\bhuong dan\\b[^.;:]*\\bnhu sau',
  ]
    .map((a) => `(?:${a})`)
    .join('|') + '\\s*:\\s*$',
);

/**
 * The tasks of the blocks after `bs[i]` that belong to it: below a heading of level `level`, or
 * the list after a lead-in (`level` null: the list ends at the next paragraph or top heading).
 */
function tasksUnder(bs: Block[], i: number, level: number | null, base: number, out: Task[]): number {
  let agency: { level: number; lead: string[] } | null = null;
  // A chapter's part ("Chương II" / "TỔ CHỨC THỰC HIỆN") holds its articles ("Điều 3. Trách
  // nhiệm của Sở X"); the next chapter or part ends it.
  const chapter = !bs[i]!.article;
  let j = i + 1;
  for (; j < bs.length; j++) {
    const b = bs[j]!;
    if (level === null ? b.level === null || b.level <= 1 : b.level !== null && b.level <= level && !(chapter && b.article)) break;
    // A list a lead-in opens ends at a "Tổ chức thực hiện" heading, which is read as its own part.
    if (level === null && b.level !== null && isTcthHeading(b.text)) break;
    if (CLOSING.test(fold(b.text))) break;
    if (agency && b.level !== null && b.level <= agency.level) agency = null;
    if (b.level !== null && b.level <= 3 && isAgencyHeading(b)) {
      agency = { level: b.level, lead: headingBodies(headingAgency(b.text)) };
      continue;
    }
    const own = sentenceLead(b.text);
    if (agency && (!own || b.level === 4 || (b.level ?? 5) > agency.level)) out.push(task(b, agency.lead, base));
    else if (own) out.push(task(b, own, base));
  }
  return j;
}

/** "Điều 1. Phê duyệt Kế hoạch …", "Điều 1. Ban hành kèm theo Quyết định này …" (folded). */
const ISSUING_ARTICLE = /^(?:phe duyet|ban hanh)\b/;

/**
 * A decision's article that gives work: "Điều 2. Giao Vụ X chủ trì, phối hợp với Y rà soát …"
 * is one task; "Điều 1. Giao Tổng cục X chủ trì, phối hợp với Y:" gives each of its clauses to
 * that lead, with those partners where a clause names none. Returns the next block's index.
 */
function articleTasks(bs: Block[], i: number, base: number, out: Task[]): number {
  const a = bs[i]!;
  const lead = sentenceLead(a.text);
  if (!lead) return i + 1;
  if (!/:\s*$/.test(a.text)) {
    out.push(task(a, lead, base));
    return i + 1;
  }
  const partners = sentencePartners(a.text);
  let j = i + 1;
  for (; j < bs.length && (bs[j]!.level ?? 0) > 1 && !bs[j]!.article; j++) {
    // (a clause that hands its work on names its own lead: "Giao Vụ Y …", "Đề nghị Z …")
    const own = ASSIGNING.test(fold(bs[j]!.text)) ? sentenceLead(bs[j]!.text) : null;
    const t = task(bs[j]!, own ?? lead, base);
    out.push(t.partners.length ? t : { ...t, partners });
  }
  return j;
}

/** Tasks of the "Tổ chức thực hiện" part of a text, and of lists an assigning lead-in opens. Offsets are `base` + local. */
export function tasksFromText(text: string, base = 0): Task[] {
  const bs = blocks(text);
  const out: Task[] = [];
  // A decision that approves or issues a plan leaves the work to the plan: its "Giao Sở X triển
  // khai Kế hoạch" article hands the plan over, the plan's own part names the tasks.
  const issuesPlan = bs.some((b) => b.article && ISSUING_ARTICLE.test(fold(b.text)));
  for (let i = 0; i < bs.length; i++) {
    const h = bs[i]!;
    if (h.article && !issuesPlan && ASSIGNING.test(fold(h.text))) {
      i = articleTasks(bs, i, base, out) - 1;
    } else if (h.level && h.level <= 3 && isTcthHeading(h.text)) {
      // A "Trách nhiệm thực hiện" inside "Tổ chức thực hiện" is the same part.
      i = tasksUnder(bs, i, h.level, base, out) - 1;
    } else if (h.level === null && ASSIGNING_LEAD_IN.test(fold(h.text))) {
      i = tasksUnder(bs, i, null, base, out) - 1;
    }
  }
  return out;
}
