/**
 * Canonical names of government bodies: abbreviations expanded, normal case, completed with the
 * province of the document where the body is provincial and the text leaves it implicit. From
 * the gazetteer tables alone, so segment (a header number's issuer) and extract (mentions,
 * citations) name a body the same way.
 */
import { findProvince, gazetteer, provinceAt, type BodyKind, type CentralBody } from './gazetteer.ts';
import { expandAbbreviations, isAbbreviation } from './abbreviations.ts';
import { fold } from './fold.ts';
import { recaseAgency } from './recase.ts';
import { clean, detached, escapeRegExp } from '../lib/strings.ts';
import { naming } from './naming.ts';

export interface AgencyContext {
  /** Province the document is about ("Vĩnh Long"), used to complete "Sở …", "UBND tỉnh". */
  province?: string | null;
  /** ISO date of the document, for names that changed (2025 mergers). */
  date?: string | null;
  /** The district the document's issuer belongs to ("huyện Bảo Lâm"), to complete "UBND huyện". */
  district?: string | null;
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
export function properAt(folded: string, at: number, minLength = 0): ProperName | undefined {
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

/**
 * Words in capitals ("TỈNH KIÊN GIANG" in "Ủy ban nhân dân TỈNH KIÊN GIANG") in normal case; a
 * hyphen or dash joins a run ("TỈNH BÀ RỊA - VŨNG TÀU" is one name).
 */
function recaseRuns(s: string): string {
  return s.replace(/(?<![\p{L}])\p{Lu}{2,}(?:(?:\s*[-–]\s*|\s+)\p{Lu}+)+(?![\p{L}])/gu, (run, at: number) => {
    if (isAbbreviation(run)) return run;
    const t = recase(run);
    // Inside a name the run starts in lower case ("tỉnh Kiên Giang") unless it opens a proper name.
    const opensName = proper().some((p) => t.startsWith(p.name));
    return at === 0 || opensName ? t : t.charAt(0).toLocaleLowerCase('vi') + t.slice(1);
  });
}

/**
 * Every whole-word occurrence of a known name in `t` (matched folded, names longest first) written
 * as the name is; with `unmarkedOnly`, only where the text carries no marks (so a marked spelling
 * the writer chose is kept).
 */
function respell(t: string, names: readonly { key: string; name: string }[], unmarkedOnly = false): string {
  const k = fold(t);
  for (const { key, name } of names) {
    let from = 0;
    for (;;) {
      const at = k.indexOf(key, from);
      if (at < 0) break;
      const whole = !/[a-z0-9]/.test(k[at - 1] ?? ' ') && !/[a-z0-9]/.test(k[at + key.length] ?? ' ');
      if (whole && (!unmarkedOnly || /^[\x00-\x7F]*$/.test(t.slice(at, at + key.length)))) t = t.slice(0, at) + name + t.slice(at + key.length);
      from = at + key.length;
    }
  }
  return t;
}

/** A name mostly in capitals by the naming rules (the one recaser), then gazetteer names in their own spelling. */
function recase(s: string): string {
  const letters = s.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '');
  if (letters.length < 4 || upper.length / letters.length < 0.8) return s;
  const t = respell(recaseAgency(s.toLocaleUpperCase('vi')), proper());
  return t.charAt(0).toLocaleUpperCase('vi') + t.slice(1);
}

let unmarkedNames: ProperName[] | null = null;
/** What a name written without marks gets back: gazetteer names, then the locality words naming.json lists for it. */
function namesForUnmarked(): ProperName[] {
  return (unmarkedNames ??= [...proper(), ...naming().unmarkedLocalities.map((name) => ({ key: fold(name), name }))]);
}

/** A name written without diacritics: put them back on names the gazetteer knows and on locality words. */
const restoreKnownNames = (s: string) => respell(s, namesForUnmarked(), true);

// Heads of body names (data/gazetteer/body-kinds.tsv) by folded key, longest first.
let heads: BodyKind[] | null = null;
function bodyHeads(): BodyKind[] {
  return (heads ??= [...gazetteer().bodies].sort((a, b) => b.key.length - a.key.length));
}
/** Whether the folded name `k` opens with `head`, as a whole word. */
const opensWith = (k: string, head: string) => k.startsWith(head) && !/[A-Za-z0-9_]/.test(k[head.length] ?? ' ');

export function agencyKind(name: string): string | null {
  const k = fold(name).replace(/^cac\s+/, '');
  const centralBody = central().byName.get(k);
  if (centralBody) return centralBody.kind;
  return bodyHeads().find((h) => h.kind && opensWith(k, h.key))?.kind ?? null;
}

/**
 * An organ named only by its place in the body above it ("Ban Thường vụ", "Thường trực", "Ban
 * Thường trực" under "ỦY BAN MTTQ VIỆT NAM TỈNH X"): the name opens a longer head of
 * body-kinds.tsv and is no head by itself.
 */
export function isOrganName(name: string): boolean {
  const k = fold(name).trim();
  return !bodyHeads().some((h) => h.key === k) && bodyHeads().some((h) => h.key.startsWith(`${k} `));
}

/** The first province named in a folded name, by the gazetteer's one lookup. */
function provinceIn(k: string): string | null {
  for (let i = 0; i < k.length; i++) {
    const hit = provinceAt(k, i);
    if (hit) return hit.province.name;
  }
  return null;
}

/** A body that exists once per province and is named without its province in its documents. */
const provincialHead = (k: string) => bodyHeads().some((h) => h.provincial && opensWith(k, h.key));
// A lower locality word names a district's body, not the province's; "xã hội", "quản lý", "cơ quan" are not localities.
const PLURAL = /^(cac|nhung|moi)\b|\b(cac|cap) (so|huyen|xa|bo|nganh|tinh|co quan|don vi)\b|\b(huyen|(?<!co )quan(?! ly)|xa(?! hoi)|phuong|thi tran|thi xa)\b|, (ban|nganh)\b/;

let agencyStartPattern: RegExp | null = null;
/**
 * What a body's name opens with, folded, from the tables: a head of body-kinds.tsv ("sở", "ủy ban
 * nhân dân"), one or several ("các sở"); a set of bodies ("các cơ quan", "các huyện"); a body's
 * abbreviation ("UBND", "VP.UBND"); a central body ("Chính phủ"); a title standing for its body
 * ("Giám đốc Sở …", "Thủ trưởng các cơ quan"). Folded, because real text gets the marks of these
 * words wrong ("Công Thông tin điện tử" for Cổng): "Sổ tay" reads as "Sở" too.
 */
function agencyStart(): RegExp {
  if (agencyStartPattern) return agencyStartPattern;
  const g = gazetteer();
  const { bodyGroups, localities, titles } = naming();
  const alt = (words: string[]) => [...new Set(words.map((w) => fold(w)))].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  const heads = alt([...g.bodies.map((b) => b.head), ...bodyGroups]);
  const named = alt([...g.abbreviations.filter((a) => a.form === 'body').map((a) => a.abbreviation), ...g.central.map((c) => c.name), ...titles]);
  return (agencyStartPattern = new RegExp(`^(?:(?:cac\\s+)?(?:${heads})|cac\\s+(?:${alt(localities)})|${named})(?![a-z0-9])`));
}

/** Whether `s` opens with a body's name (a capital first, or "các …"): where a list of agencies starts a new item. */
export function startsAgency(s: string): boolean {
  const t = s.trimStart();
  const f = fold(t);
  // In lower case only a set of bodies opens a name ("các cơ quan, đơn vị"; not "các nhiệm vụ").
  if (!/^(?:các\s+)?\p{Lu}/u.test(t) && !naming().bodyGroups.some((w) => f.startsWith(`cac ${fold(w)}`))) return false;
  // "Báo cáo …", "Báo tin …": the verb, not a paper ("Báo Nhân Dân" goes on with its name in capitals).
  if (/^[Bb]áo\s+\p{Ll}/u.test(t)) return false;
  return agencyStart().test(f);
}

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
  // Judged as written: the expansions below bring their own marks ("Sở", "Ủy ban nhân dân").
  const unmarked = /^[\x00-\x7F]*$/.test(s);
  s = expandAbbreviations(s).text;
  s = recase(s);
  s = recaseRuns(s);
  if (unmarked) s = restoreKnownNames(s);
  // A known body written in another case ("Cục kiểm soát thủ tục hành chính") takes its own spelling.
  const key = fold(s).replace(/\s+/g, ' ').trim();
  const same = properLookup().byKey.get(key);
  if (same && !same.alias) s = same.name;
  else if (same) s = central().byAbbr.get(key) ?? s;
  s = s.replace(/\s+/g, ' ').trim();
  const k = fold(s);
  const kind = agencyKind(s);

  // "Ủy ban nhân dân huyện" in a district's document: that district.
  const bareLevel = / (huyen|quan|thi xa|thanh pho)$/.exec(k);
  if (bareLevel && context.district && fold(context.district).startsWith(`${bareLevel[1]} `)) {
    return { canonical: `${s.slice(0, s.length - bareLevel[1]!.length).trimEnd()} ${context.district}`, province: context.province ?? null, kind };
  }
  // A province named in the name itself.
  const province = provinceIn(k);
  const isCentral = central().byName.has(k);
  if (province || isCentral || PLURAL.test(k) || !context.province) {
    return { canonical: s, province: province ?? (isCentral ? null : PLURAL.test(k) ? context.province ?? null : null), kind };
  }
  const ctxProvince = findProvince(context.province);
  const pname = ctxProvince?.name ?? context.province;
  const level = ctxProvince?.kind ?? 'tỉnh';
  // A provincial Party committee ("Tỉnh ủy", "Ban Thường vụ Tỉnh ủy") is named with its province alone.
  if (kind === 'party' && /(?:^|\s)(?:tinh|thanh) uy$/.test(k)) return { canonical: `${s} ${pname}`, province: pname, kind };
  // A name ending in the bare level word ("Ban Chấp hành Đảng bộ tỉnh") means the context's province.
  if (/ (tinh|thanh pho)$/.test(k)) return { canonical: `${s} ${pname}`, province: pname, kind };
  if (!provincialHead(k)) return { canonical: s, province: null, kind };
  if (kind === 'press') return { canonical: `${s} ${pname}`, province: pname, kind };
  if (/\b(tinh|thanh pho)\b/.test(k)) return { canonical: s, province: pname, kind };
  return { canonical: `${s} ${level} ${pname}`, province: pname, kind };
}
