/**
 * Agencies: canonical names for government bodies, and their mentions in text.
 * Knowledge (abbreviations, ministries, provinces) comes from data/gazetteer/; the rules here
 * only expand, re-case and complete a name with the province the document is about.
 */
import type { Agency } from '../../schemas/document.ts';
import { findProvince, gazetteer, type CentralBody } from '../knowledge/gazetteer.ts';
import { expandAbbreviations, isAbbreviation } from '../knowledge/abbreviations.ts';
import { isPersonName } from './persons.ts';
import { clean, fold } from './text.ts';
import { detached } from '../lib/strings.ts';

export interface AgencyContext {
  /** Province the document is about ("Vĩnh Long"), used to complete "Sở …", "UBND tỉnh". */
  province?: string | null;
  /** ISO date of the document, for names that changed (2025 mergers). */
  date?: string | null;
}

export interface CanonicalAgency {
  canonical: string;
  province: string | null;
  kind: string | null;
}

type ProperName = { key: string; name: string; alias?: boolean };
let properNames: ProperName[] | null = null;
/** Names whose capitals are part of the name: provinces, central bodies, expansions. */
function proper(): ProperName[] {
  if (properNames) return properNames;
  const names = new Set<string>();
  for (const p of gazetteer().provinces) names.add(p.name);
  for (const c of gazetteer().central) names.add(c.name);
  for (const a of gazetteer().abbreviations) if (a.form === 'body') names.add(a.expansion);
  properNames = [...names].map((name) => ({ key: fold(name), name }));
  // Written forms of central bodies ("Tập đoàn Điện lực EVN") are read whole but keep their own spelling.
  for (const c of gazetteer().central) for (const a of c.abbreviations) if (/\s/.test(a)) properNames.push({ key: fold(a), name: a, alias: true });
  properNames.sort((a, b) => b.key.length - a.key.length);
  return properNames;
}

let properIndex: { byPrefix: Map<string, ProperName[]>; short: ProperName[]; byKey: Map<string, ProperName> } | null = null;
/**
 * The proper names bucketed by their first two letters (longest first within a bucket), and by
 * whole key: mentions are looked up at every head word, and a scan of the whole list there was
 * most of the extraction stage's time.
 */
function properLookup() {
  if (properIndex) return properIndex;
  const byPrefix = new Map<string, ProperName[]>();
  const short: ProperName[] = [];
  const byKey = new Map<string, ProperName>();
  for (const p of proper()) {
    if (!byKey.has(p.key)) byKey.set(p.key, p);
    if (p.key.length < 2) short.push(p);
    else {
      const k = p.key.slice(0, 2);
      const list = byPrefix.get(k);
      if (list) list.push(p);
      else byPrefix.set(k, [p]);
    }
  }
  return (properIndex = { byPrefix, short, byKey });
}

/** The longest known name (folded key) starting at `at` in folded text and ending at a word boundary. */
function properAt(folded: string, at: number, minLength = 0): ProperName | undefined {
  const { byPrefix, short } = properLookup();
  for (const list of [byPrefix.get(folded.slice(at, at + 2)) ?? [], short]) {
    for (const p of list) {
      if (p.key.length > minLength && folded.startsWith(p.key, at) && !/[a-z0-9]/.test(folded[at + p.key.length] ?? ' ')) return p;
    }
  }
  return undefined;
}

/** Length of the longest known body name (folded) starting at `at` in folded text, else 0. */
export function knownNameAt(folded: string, at: number): number {
  return properAt(folded, at, 3)?.key.length ?? 0;
}

/** Words in capitals ("TỈNH KIÊN GIANG" in "Ủy ban nhân dân TỈNH KIÊN GIANG") in normal case. */
function recaseRuns(s: string): string {
  return s.replace(/(?<![\p{L}])\p{Lu}{2,}(?:\s+\p{Lu}+)+(?![\p{L}])/gu, (run, at: number) => {
    if (isAbbreviation(run)) return run;
    const t = recase(run);
    // Inside a name the run starts in lower case ("tỉnh Kiên Giang") unless it opens a proper name.
    const opensName = proper().some((p) => t.startsWith(p.name));
    return at === 0 || opensName ? t : t.charAt(0).toLocaleLowerCase('vi') + t.slice(1);
  });
}

function recase(s: string): string {
  const letters = s.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '');
  if (letters.length < 4 || upper.length / letters.length < 0.8) return s;
  let t = s.toLocaleLowerCase('vi');
  const k = fold(t);
  for (const { key, name } of proper()) {
    let from = 0;
    for (;;) {
      const at = k.indexOf(key, from);
      if (at < 0) break;
      const before = at === 0 ? ' ' : k[at - 1]!;
      const after = k[at + key.length] ?? ' ';
      if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) t = t.slice(0, at) + name + t.slice(at + key.length);
      from = at + key.length;
    }
  }
  return t.charAt(0).toLocaleUpperCase('vi') + t.slice(1);
}

/** Text written without diacritics: put them back on names the gazetteer knows and level words. */
function restoreKnownNames(s: string): string {
  if (/[^\x00-\x7F]/.test(s.replace(/Ủy ban nhân dân|Hội đồng nhân dân|Văn phòng|Sở|Đài|Thông tin và Truyền thông/g, ''))) return s;
  let t = s;
  const k = fold(t);
  const names = [...proper(), { key: 'tinh', name: 'tỉnh' }, { key: 'thanh pho', name: 'thành phố' }, { key: 'huyen', name: 'huyện' }];
  for (const { key, name } of names) {
    let from = 0;
    for (;;) {
      const at = k.indexOf(key, from);
      if (at < 0) break;
      const ok = !/[a-z0-9]/.test(k[at - 1] ?? ' ') && !/[a-z0-9]/.test(k[at + key.length] ?? ' ');
      if (ok && /^[\x00-\x7F]*$/.test(t.slice(at, at + key.length))) t = t.slice(0, at) + name + t.slice(at + key.length);
      from = at + key.length;
    }
  }
  return t;
}

const KIND_HEADS: [RegExp, string][] = [
  [/^(thu tuong|chinh phu)\b/, 'government'],
  [/^(quoc hoi|uy ban thuong vu quoc hoi)\b/, 'assembly'],
  [/^bo phan (mot cua|tiep nhan)/, 'service-centre'],
  [/^bo\b/, 'ministry'],
  [/^bao hiem xa hoi\b/, 'department'],
  [/^so\b/, 'department'],
  [/^(thuong truc )?(hoi dong nhan dan)\b/, 'council'],
  [/^uy ban nhan dan\b/, 'people-committee'],
  [/^(uy ban )?mat tran\b|^(doan|hoi|lien doan)\b/, 'mass'],
  [/^van phong\b/, 'office'],
  [/^(cuc|tong cuc|vu|chi cuc|kho bac|thanh tra)\b/, 'department'],
  [/^(dai|bao|cong thong tin|thong tan xa|tap chi)\b/, 'press'],
  [/^trung tam\b/, 'service-centre'],
  [/^((thuong truc|ban thuong vu) )?(tinh uy|thanh uy|huyen uy)\b|^ban\b/, 'party'],
  [/^cong an\b/, 'police'],
  [/^(tap doan|tong cong ty|vien thong|buu dien|cong ty)\b/, 'enterprise'],
  [/^bo phan (mot cua|tiep nhan)/, 'service-centre'],
];

export function agencyKind(name: string): string | null {
  const k = fold(name).replace(/^cac\s+/, '');
  const centralBody = central().byName.get(k);
  if (centralBody) return centralBody.kind;
  for (const [re, kind] of KIND_HEADS) if (re.test(k)) return kind;
  return null;
}

let provRes: { re: RegExp; name: string }[] | null = null;
function provincePatterns() {
  return (provRes ??= gazetteer().provinces.map((p) => ({
    re: new RegExp(`(^|[^a-z0-9])${fold(p.name).replace(/[-]/g, '\\-')}($|[^a-z0-9])`),
    name: p.name,
  })));
}

/** Bodies that exist once per province and are named without their province in its documents. */
const PROVINCIAL_HEAD = /^(so|dai phat thanh|bao hiem xa hoi|cong an|trung tam phuc vu hanh chinh cong|trung tam hanh chinh cong|van phong (uy ban nhan dan|hoi dong nhan dan|doan dai bieu)|uy ban nhan dan|hoi dong nhan dan|thuong truc (tinh uy|hoi dong nhan dan)|tinh uy|cong thong tin dien tu)\b/;
const PLURAL = /^(cac|nhung|moi)\b|\b(cac|cap) (so|huyen|xa|bo|nganh|tinh|co quan|don vi)\b|\b(huyen|quan|xa|phuong|thi tran|thi xa)\b|, (ban|nganh)\b/;

// Central bodies by folded name and by folded abbreviation, built once (canonicalAgency runs per mention).
let centralIndex: { byName: Map<string, CentralBody>; byAbbr: Map<string, string> } | null = null;
function central() {
  if (centralIndex) return centralIndex;
  const byName = new Map<string, CentralBody>();
  const byAbbr = new Map<string, string>();
  for (const c of gazetteer().central) {
    if (!byName.has(fold(c.name))) byName.set(fold(c.name), c);
    for (const a of c.abbreviations) if (!byAbbr.has(fold(a))) byAbbr.set(fold(a), c.name);
  }
  return (centralIndex = { byName, byAbbr });
}

// The same names come back in every document ("Sở Nội vụ", "UBND tỉnh"): remembered per province.
const canonicalMemo = new Map<string, CanonicalAgency>();

/**
 * Canonical form of an agency name: abbreviations expanded, normal case, completed with the
 * province of the context where the body is provincial and the text leaves it implicit.
 */
export function canonicalAgency(name: string, context: AgencyContext = {}): CanonicalAgency {
  const memoKey = `${context.province ?? ''}\u0000${name}`;
  const hit = canonicalMemo.get(memoKey);
  if (hit) return { ...hit };
  const r = canonicalAgencyUncached(name, context);
  if (canonicalMemo.size >= 5_000) canonicalMemo.clear();
  // Kept as copies: the name is cut from a document, which the memo must not keep alive.
  const kept = { canonical: detached(r.canonical), province: r.province && detached(r.province), kind: r.kind && detached(r.kind) };
  canonicalMemo.set(detached(memoKey), kept);
  return { ...r };
}

function canonicalAgencyUncached(name: string, context: AgencyContext): CanonicalAgency {
  let s = clean(name).replace(/^[\-–+•]\s*/, '').replace(/[\s;,.:]+$/, '');
  s = expandAbbreviations(s).text;
  s = recase(s);
  s = recaseRuns(s);
  s = restoreKnownNames(s);
  // A known body written in another case ("Cục kiểm soát thủ tục hành chính") takes its own spelling.
  const key = fold(s).replace(/\s+/g, ' ').trim();
  const same = properLookup().byKey.get(key);
  if (same && !same.alias) s = same.name;
  else if (same) s = central().byAbbr.get(key) ?? s;
  s = s.replace(/\s+/g, ' ').trim();
  const k = fold(s);
  const kind = agencyKind(s);

  // A province named in the name itself.
  let province: string | null = null;
  for (const { re, name: pname } of provincePatterns()) {
    if (re.test(k)) {
      province = pname;
      break;
    }
  }
  const isCentral = central().byName.has(k);
  if (province || isCentral || PLURAL.test(k) || !context.province) {
    return { canonical: s, province: province ?? (isCentral ? null : PLURAL.test(k) ? context.province ?? null : null), kind };
  }
  const ctxProvince = findProvince(context.province);
  const pname = ctxProvince?.name ?? context.province;
  const level = ctxProvince?.kind ?? 'tỉnh';
  if (!PROVINCIAL_HEAD.test(k)) return { canonical: s, province: null, kind };
  if (/ (tinh|thanh pho)$/.test(k)) return { canonical: `${s} ${pname}`, province: pname, kind };
  if (kind === 'press') return { canonical: `${s} ${pname}`, province: pname, kind };
  if (/\b(tinh|thanh pho)\b/.test(k)) return { canonical: s, province: pname, kind };
  return { canonical: `${s} ${level} ${pname}`, province: pname, kind };
}

// ---- mentions in text ----

const HEAD =
  /(?<![\p{L}])(?:Bộ|Sở|Ủy ban nhân dân|Uỷ ban nhân dân|UBND|HĐND|Hội đồng nhân dân|Văn phòng|VP\.?|Cục|Tổng cục|Đài|Báo|Cổng Thông tin điện tử|Trung tâm|Công an|Bảo hiểm xã hội|Tỉnh ủy|Thành ủy|Thủ tướng Chính phủ|Chính phủ|Quốc hội|Viễn thông|Bưu điện|Kho bạc Nhà nước|Thanh tra|Tập đoàn|Tổng công ty|Bộ phận Một cửa|Bộ phận [Tt]iếp nhận và [Tt]rả kết quả|Ban(?!\s+hành)|STTTT|VPCP)(?![\p{L}])(?!\s+(?:điện tử|số)(?![\p{L}]))/gu;

/** Words that end an agency name: verbs and prepositions that follow it in a sentence. */
const STOP =
  /^(về|theo|để|tại|trong|khi|nhằm|chủ|phối|có|thực|triển|tổ|tham|hướng|ban|đã|sẽ|được|đôn|theo|căn|chịu|biết|là|thì|cho|với|từ|đến|năm|ngày|số|như|gửi|quy|phê|báo|giao|xem|lưu|chỉ|trực|tiếp|đề|hỗ|đăng|cung|xây|giúp|lồng|ưu|phải|nêu|đảm|kiểm|nghiên|rà|cập|các|những|này|đó|của)$/i;

const CONNECT = /^(và|nhân|dân|tỉnh|thành|phố|huyện|quận|thị|xã|phường|cấp|Việt|Nam|-|–|tối|cao|nhà|nước|hành|chính|phủ|điện|tử|thông|tin|truyền|hình|thanh|đào|tạo|đầu|tư|xã|hội|thương|binh|lao|động|du|lịch|thể|thao|văn|hóa|môi|trường|nông|thôn|nghiệp|vận|tải|dựng|y|tế|tài|chính|nội|vụ|pháp|kế|hoạch|công|nghệ|khoa|học|giáo|dục|ngoại|giao|quốc|phòng|an|sát|thủ|tục|kiểm|soát|phục|vụ|giải|quyết|thủ|tục|đạo|ương)$/;

/** Agency mentions in a text: a head word and the name words after it. Offsets are local. */
export function findAgencies(text: string, context: AgencyContext = {}, base = 0): Agency[] {
  const out: Agency[] = [];
  const folded = fold(text);
  let lastEnd = -1;
  for (const m of text.matchAll(HEAD)) {
    const start = m.index!;
    if (start < lastEnd) continue;
    let end = start + m[0].length;
    let nameWords = 0;
    const whole = properAt(folded, start);
    if (whole && start + whole.key.length > end) {
      end = start + whole.key.length;
      nameWords++;
    }
    for (;;) {
      // A known name (expansion, central body, province) continues the mention as a whole.
      let gap = 0; // spaces only: a tab is a table cell boundary
      while (folded[end + gap] === ' ') gap++;
      const known = properAt(folded, end + gap);
      if (gap && known) {
        end += gap + known.key.length;
        nameWords++;
        continue;
      }
      // "UBND các huyện, thị xã, thành phố": a plural level and its list belong to the name.
      const lv = text.slice(end).match(/^(?: +(?:các|cấp))? +(?:huyện|xã|tỉnh|phường|quận|thị xã|thị trấn|thành phố|sở|bộ|ngành)(?:, *(?:ban|ngành|thị xã|thành phố|huyện|xã|phường|thị trấn|quận)(?![\p{L}]))*(?![\p{L}])/u);
      if (lv && /(các|cấp)/u.test(lv[0].split(/ +/)[1] ?? '')) {
        end += lv[0].length;
        nameWords++;
        continue;
      }
      const t = text.slice(end).match(/^ +([^\s,;.:()]+)/);
      if (!t) break;
      const w = t[1]!;
      const capital = /^[\p{Lu}]/u.test(w);
      // After a level word only a place name may follow ("tỉnh Kiên Giang", not "tỉnh thông báo").
      if (!capital && /(?:^|\s)(tỉnh|thành phố|huyện|xã|phường|quận|thị xã)$/u.test(text.slice(start, end))) break;
      if (!capital && (STOP.test(w) || !CONNECT.test(w))) break;
      end += t[0].length;
      nameWords++;
    }
    let raw = text.slice(start, end).replace(/\s+(và|-|–)$/, '');
    // "Chủ tịch Ủy ban nhân dân tỉnh Lâm Minh Thành": what follows the level word is a person, not a place.
    const lvl = raw.match(/^(.*?\s(?:tỉnh|thành phố|huyện))\s+(\S+(?:\s+\S+)*)$/u);
    if (lvl && !findProvince(lvl[2]!) && isPersonName(lvl[2]!)) raw = lvl[1]!;
    if (nameWords === 0 && !/^(UBND|HĐND|Ủy ban nhân dân|Hội đồng nhân dân|Chính phủ|Thủ tướng Chính phủ|Quốc hội|Tỉnh ủy|Thành ủy|STTTT|VPCP)$/.test(raw)) continue;
    end = start + raw.length;
    lastEnd = end;
    const c = canonicalAgency(raw, context);
    out.push({ text: raw, canonical: c.canonical, kind: c.kind, province: c.province, prov: { start: base + start, end: base + end, page: null, section: null } });
  }
  return out;
}

/**
 * Split a cell or heading that lists agencies: on ";" and bullets always, on "," only where the
 * next part starts a new body ("Sở Nội vụ, Sở Tài chính"; not "Sở Văn hóa, Thể thao và Du lịch").
 */
export function splitAgencies(s: string): string[] {
  // Bullets split only where a new body follows: "Đài Phát thanh - Truyền hình An Giang" is one.
  const parts = s
    .split(/\s*;\s*|\s*\n\s*/)
    .flatMap((p) => p.split(/(?:^|\s)[-–•+]\s+(?=\S)/).reduce<string[]>((acc, piece, i) => {
      if (i === 0 || !acc.length || startsAgency(piece) || /^(các|những)\s/u.test(piece)) acc.push(piece);
      else acc[acc.length - 1] += ' - ' + piece;
      return acc;
    }, []))
    .map((p) => p.trim())
    .filter(Boolean);
  const out: string[] = [];
  for (const p of parts) {
    let cur = '';
    let depth = 0;
    let i = 0;
    const pieces: string[] = [];
    for (; i < p.length; i++) {
      const ch = p[i]!;
      if (ch === '(') depth++;
      if (ch === ')') depth = Math.max(0, depth - 1);
      if (ch === ',' && depth === 0) {
        const next = p.slice(i + 1).trimStart();
        if (startsAgency(next)) {
          pieces.push(cur);
          cur = '';
          continue;
        }
      }
      cur += ch;
    }
    pieces.push(cur);
    for (const x of pieces) {
      const t = x.replace(/^[\s\-–•+]+/, '').replace(/[\s;,.:]+$/, '').trim();
      if (t) out.push(t);
    }
  }
  return out;
}

const AGENCY_START =
  /^(bo|so|uy ban|ubnd|hdnd|hoi dong|van phong|vp|cuc|tong cuc|dai|bao|cong thong tin|cong ttdt|trung tam|cong an|bao hiem|tinh uy|thanh uy|chinh phu|thu tuong|quoc hoi|vien thong|buu dien|kho bac|thanh tra|tap doan|tong cong ty|doan|hoi|lien doan|mat tran|ban|cac co quan|cac don vi|cac so|cac bo|cac (?:huyen|xa|phuong|quan|dia phuong|nganh|tinh|thanh pho)|chu tich|giam doc|thu truong|chanh van phong|stttt|vpcp|co quan)\b/;

export function startsAgency(s: string): boolean {
  const t = s.trimStart();
  if (!/^[\p{Lu}]/u.test(t) && !/^các\s+[\p{Lu}]/u.test(t) && !/^(các cơ quan|các đơn vị)/.test(t)) return false;
  return AGENCY_START.test(fold(t));
}
