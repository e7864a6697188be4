/**
 * Evaluation against hand-written gold (fixtures/GOLD.md): header fields, signers, references,
 * targets, tasks (and outline, links, recipients, distribution, reported without a threshold).
 * Gold = fixtures/gold/NNN_hash.json merged with NNN_hash.tasks.json (targets and tasks by
 * document index). Matching is one-to-one and greedy; text comparisons are folded.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { VbDocument, VbFile } from '../../schemas/document.ts';
import { OUTLINE_KINDS } from '../../schemas/vocabulary.ts';
import { referenceKey } from '../extract/references.ts';
import { fold } from '../normalize/index.ts';

// ---- gold ----

export interface GoldDocument {
  document: Record<string, any> & { signers?: any[]; recipients?: string[]; distribution?: string[] };
  link: { kind: string; target: number } | null;
  outline: { kind: string; label: string | null; heading: string | null; depth: number }[];
  references: any[];
  targets: any[];
  tasks: any[];
}

export interface GoldFile {
  file: string;
  documents: GoldDocument[];
}

/** Gold files of a fixtures directory, the .tasks.json parts merged in. */
export function loadGold(dir: string): GoldFile[] {
  const gdir = join(dir, 'gold');
  if (!existsSync(gdir)) return [];
  const out: GoldFile[] = [];
  for (const f of readdirSync(gdir).sort()) {
    if (!f.endsWith('.json') || f.endsWith('.tasks.json')) continue;
    const gold = JSON.parse(readFileSync(join(gdir, f), 'utf8')) as GoldFile;
    const tasksPath = join(gdir, f.replace(/\.json$/, '.tasks.json'));
    if (existsSync(tasksPath)) {
      const extra = JSON.parse(readFileSync(tasksPath, 'utf8')) as { documents: { index: number; targets?: any[]; tasks?: any[] }[] };
      for (const d of extra.documents) {
        const doc = gold.documents[d.index];
        if (!doc) continue;
        doc.targets = d.targets ?? doc.targets ?? [];
        doc.tasks = d.tasks ?? doc.tasks ?? [];
      }
    }
    for (const d of gold.documents) {
      d.references ??= [];
      d.targets ??= [];
      d.tasks ??= [];
      d.outline ??= [];
      d.link ??= null;
    }
    out.push(gold);
  }
  return out;
}

// ---- scores ----

export interface Score {
  tp: number;
  fp: number;
  fn: number;
}
export const prf = (s: Score) => {
  const p = s.tp + s.fp ? s.tp / (s.tp + s.fp) : s.fn ? 0 : 1;
  const r = s.tp + s.fn ? s.tp / (s.tp + s.fn) : s.fp ? 0 : 1;
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};

export interface FieldAcc {
  right: number;
  total: number;
}

export interface Miss {
  type: string;
  file: string;
  document: number;
  kind: 'missing' | 'spurious' | 'wrong';
  detail: string;
}

export interface Report {
  types: Record<string, Score>;
  fields: Record<string, FieldAcc>;
  misses: Miss[];
  files: number;
  /** The same counts per fixture file. */
  byFile: Record<string, Record<string, Score>>;
}

/** Comparable text: folded, spaces and markdown collapsed, trailing punctuation dropped. */
export const norm = (s: string | null | undefined) =>
  s == null ? null : fold(String(s)).replace(/[*_“”"]/g, '').replace(/\s+/g, ' ').replace(/[\s.;,:]+$/, '').trim();

/** Agency names compare without parenthetical notes and leading "các". */
const normAgency = (s: string) => norm(s.replace(/\([^)]*\)/g, ''))!.replace(/^cac\s+/, '');

const tokens = (s: string | null | undefined) => new Set((norm(s) ?? '').split(/[^a-z0-9%]+/).filter((w) => w.length > 0));

/** Overlap coefficient of word sets: |A ∩ B| / min(|A|, |B|). */
export function overlap(a: string | null | undefined, b: string | null | undefined): number {
  const A = tokens(a);
  const B = tokens(b);
  if (!A.size || !B.size) return 0;
  let n = 0;
  for (const w of A) if (B.has(w)) n++;
  return n / Math.min(A.size, B.size);
}

/** Jaccard of word sets. */
export function jaccard(a: string | null | undefined, b: string | null | undefined): number {
  const A = tokens(a);
  const B = tokens(b);
  if (!A.size && !B.size) return 1;
  let n = 0;
  for (const w of A) if (B.has(w)) n++;
  return n / (A.size + B.size - n);
}

function greedyMatch<G, P>(gold: G[], pred: P[], score: (g: G, p: P) => number, min: number): [number, number][] {
  const pairs: { g: number; p: number; s: number }[] = [];
  gold.forEach((g, i) => pred.forEach((p, j) => {
    const s = score(g, p);
    if (s >= min) pairs.push({ g: i, p: j, s });
  }));
  pairs.sort((a, b) => b.s - a.s);
  const ug = new Set<number>();
  const up = new Set<number>();
  const out: [number, number][] = [];
  for (const x of pairs) {
    if (ug.has(x.g) || up.has(x.p)) continue;
    ug.add(x.g);
    up.add(x.p);
    out.push([x.g, x.p]);
  }
  return out;
}

const HEADER_FIELDS = ['type', 'number', 'issued', 'place', 'issuer', 'issuerParent', 'subject'] as const;

function add(r: Report, type: string, d: Partial<Score>) {
  const s = (r.types[type] ??= { tp: 0, fp: 0, fn: 0 });
  s.tp += d.tp ?? 0;
  s.fp += d.fp ?? 0;
  s.fn += d.fn ?? 0;
}
function field(r: Report, name: string, ok: boolean) {
  const f = (r.fields[name] ??= { right: 0, total: 0 });
  f.total++;
  if (ok) f.right++;
}

const sameSet = (a: string[], b: string[], n: (s: string) => string) => {
  const A = [...new Set(a.map(n))].sort();
  const B = [...new Set(b.map(n))].sort();
  return A.length === B.length && A.every((x, i) => x === B[i]);
};

/** Lists (recipients, distribution, signers) scored as sets of normalised strings. */
function scoreList(r: Report, type: string, gold: string[], pred: string[], where: { file: string; document: number }) {
  const g = gold.map((x) => norm(x)!);
  const p = pred.map((x) => norm(x)!);
  const used = new Set<number>();
  for (const [i, x] of g.entries()) {
    const j = p.findIndex((y, k) => !used.has(k) && y === x);
    if (j >= 0) {
      used.add(j);
      add(r, type, { tp: 1 });
    } else {
      add(r, type, { fn: 1 });
      r.misses.push({ type, ...where, kind: 'missing', detail: gold[i]! });
    }
  }
  p.forEach((_, k) => {
    if (!used.has(k)) {
      add(r, type, { fp: 1 });
      r.misses.push({ type, ...where, kind: 'spurious', detail: pred[k]! });
    }
  });
}

export function scoreDocument(r: Report, gold: GoldDocument | undefined, doc: VbDocument | undefined, file: string, index: number) {
  const where = { file, document: index };
  // Header: each non-null field is an item; a wrong value is both a miss and a false alarm.
  for (const f of HEADER_FIELDS) {
    const g = gold ? norm(gold.document[f]) : null;
    const p = doc ? norm((doc.header as any)[f]) : null;
    if (g && p && g === p) add(r, 'header', { tp: 1 });
    else {
      if (g) add(r, 'header', { fn: 1 });
      if (p) add(r, 'header', { fp: 1 });
      if (g || p) r.misses.push({ type: 'header', ...where, kind: g && p ? 'wrong' : g ? 'missing' : 'spurious', detail: `${f}: gold ${JSON.stringify(gold?.document[f] ?? null)} / got ${JSON.stringify((doc?.header as any)?.[f] ?? null)}` });
    }
    if (g || p) field(r, `header.${f}`, !!g && g === p);
  }
  // Signers: by name; title and authority as fields.
  const gs = (gold?.document.signers ?? []) as any[];
  const ps = doc?.header.signers ?? [];
  scoreList(r, 'signers', gs.map((s) => s.name ?? ''), ps.map((s) => s.name ?? ''), where);
  for (const g of gs) {
    const p = ps.find((x) => norm(x.name) === norm(g.name));
    if (!p) continue;
    field(r, 'signers.title', norm(p.title) === norm(g.title));
    field(r, 'signers.authority', norm(p.authority) === norm(g.authority));
  }
  scoreList(r, 'recipients', gold?.document.recipients ?? [], doc?.header.recipients ?? [], where);
  scoreList(r, 'distribution', gold?.document.distribution ?? [], doc?.header.distribution ?? [], where);
  // Link.
  const gl = gold?.link ?? null;
  const pl = doc?.links[0] ?? null;
  if (gl || pl) {
    const ok = !!gl && !!pl && gl.kind === pl.kind && gl.target === pl.target;
    add(r, 'links', ok ? { tp: 1 } : { ...(gl ? { fn: 1 } : {}), ...(pl ? { fp: 1 } : {}) });
  }
  // Outline: kind + label + depth in order-insensitive one-to-one matching.
  const go = gold?.outline ?? [];
  const po = (doc?.sections ?? []).filter((s) => (OUTLINE_KINDS as readonly string[]).includes(s.kind));
  const om = greedyMatch(go, po, (g, p) => (g.kind === p.kind && norm(g.label) === norm(p.label) && g.depth === p.depth ? 1 + jaccard(g.heading, p.heading) : 0), 1);
  add(r, 'outline', { tp: om.length, fn: go.length - om.length, fp: po.length - om.length });

  // References: keyed by number (laws: type + name).
  const gr = gold?.references ?? [];
  const pr = doc?.references ?? [];
  const key = (x: any) => norm(referenceKey(x));
  const rm = greedyMatch(gr, pr, (g, p) => (key(g) === key(p) ? 1 : 0), 1);
  add(r, 'references', { tp: rm.length, fn: gr.length - rm.length, fp: pr.length - rm.length });
  const rmG = new Set(rm.map(([g]) => g));
  const rmP = new Set(rm.map(([, p]) => p));
  gr.forEach((g, i) => !rmG.has(i) && r.misses.push({ type: 'references', ...where, kind: 'missing', detail: g.number ?? g.name }));
  pr.forEach((p, i) => !rmP.has(i) && r.misses.push({ type: 'references', ...where, kind: 'spurious', detail: `${p.number ?? p.name} (${p.text})` }));
  for (const [gi, pi] of rm) {
    const g = gr[gi]!;
    const p = pr[pi]!;
    for (const f of ['type', 'issued', 'issuer', 'relation'] as const) {
      const ok = norm(g[f]) === norm(p[f]);
      field(r, `references.${f}`, ok);
      if (!ok) r.misses.push({ type: `references.${f}`, ...where, kind: 'wrong', detail: `${g.number ?? g.name}: gold ${JSON.stringify(g[f])} / got ${JSON.stringify(p[f])}` });
    }
  }

  // Targets: value + unit + comparator + deadline equal, subject overlapping.
  const gt = gold?.targets ?? [];
  const pt = doc?.targets ?? [];
  const tm = greedyMatch(
    gt,
    pt,
    (g, p) => {
      if (g.value !== p.value || norm(g.unit) !== norm(p.unit) || g.comparator !== p.comparator || (g.deadline ?? null) !== (p.deadline ?? null)) return 0;
      const o = overlap(g.subject, p.subject);
      return o >= 0.5 ? 1 + o : 0;
    },
    1,
  );
  add(r, 'targets', { tp: tm.length, fn: gt.length - tm.length, fp: pt.length - tm.length });
  const tmG = new Set(tm.map(([g]) => g));
  const tmP = new Set(tm.map(([, p]) => p));
  gt.forEach((g, i) => !tmG.has(i) && r.misses.push({ type: 'targets', ...where, kind: 'missing', detail: `${g.comparator}${g.value}${g.unit} ${g.deadline} ${g.subject}` }));
  pt.forEach((p, i) => !tmP.has(i) && r.misses.push({ type: 'targets', ...where, kind: 'spurious', detail: `${p.comparator}${p.value}${p.unit} ${p.deadline} ${p.subject}` }));

  // Tasks: content overlap + lead set; partners, dates, recurrence as field accuracy.
  const gk = gold?.tasks ?? [];
  const pk = doc?.tasks ?? [];
  const km = greedyMatch(
    gk,
    pk,
    (g, p) => {
      const o = jaccard(g.content, p.content);
      if (o < 0.5 || !sameSet(g.lead ?? [], p.lead, normAgency)) return 0;
      return 1 + o;
    },
    1,
  );
  add(r, 'tasks', { tp: km.length, fn: gk.length - km.length, fp: pk.length - km.length });
  const kmG = new Set(km.map(([g]) => g));
  const kmP = new Set(km.map(([, p]) => p));
  gk.forEach((g, i) => !kmG.has(i) && r.misses.push({ type: 'tasks', ...where, kind: 'missing', detail: `${JSON.stringify(g.lead)} ${String(g.content).slice(0, 80)}` }));
  pk.forEach((p, i) => !kmP.has(i) && r.misses.push({ type: 'tasks', ...where, kind: 'spurious', detail: `${JSON.stringify(p.lead)} ${p.content.slice(0, 80)}` }));
  for (const [gi, pi] of km) {
    const g = gk[gi]!;
    const p = pk[pi]!;
    field(r, 'tasks.partners', sameSet(g.partners ?? [], p.partners, normAgency));
    for (const f of ['start', 'due', 'recurrence', 'group'] as const) {
      const ok = (g[f] ?? null) === (p[f] ?? null);
      field(r, `tasks.${f}`, ok);
      if (!ok) r.misses.push({ type: `tasks.${f}`, ...where, kind: 'wrong', detail: `gold ${JSON.stringify(g[f])} / got ${JSON.stringify(p[f])}: ${String(g.content).slice(0, 50)}` });
    }
    field(r, 'tasks.outputs', (g.outputs == null) === (p.outputs == null) && (g.outputs == null || overlap(g.outputs, p.outputs) >= 0.8));
  }
}

/**
 * Pair gold and extracted documents: by index when segmentation found as many documents as the
 * gold has, else by header likeness (type, number, subject), so one missed split does not shift
 * every later document. Unpaired documents are scored against nothing.
 */
export function alignDocuments(gold: GoldDocument[], docs: VbDocument[]): [number | null, number | null][] {
  if (gold.length === docs.length) return gold.map((_, i) => [i, i]);
  const pairs = greedyMatch(
    gold,
    docs,
    (g, d) => {
      const h = d.header;
      let s = 0;
      if (norm(g.document.type) === norm(h.type)) s += 1;
      if (g.document.number && norm(g.document.number) === norm(h.number)) s += 2;
      s += jaccard(g.document.subject, h.subject);
      return s;
    },
    1,
  );
  const out: [number | null, number | null][] = pairs.map(([a, b]) => [a, b]);
  gold.forEach((_, i) => !pairs.some(([a]) => a === i) && out.push([i, null]));
  docs.forEach((_, j) => !pairs.some(([, b]) => b === j) && out.push([null, j]));
  return out.sort((x, y) => (x[0] ?? x[1] ?? 0) - (y[0] ?? y[1] ?? 0));
}

/** Score extracted files against gold; files are matched by name. */
export function evaluate(gold: GoldFile[], files: VbFile[]): Report {
  const r: Report = { types: {}, fields: {}, misses: [], files: 0, byFile: {} };
  for (const g of gold) {
    const f = files.find((x) => basename(x.source.path) === g.file);
    r.files++;
    const docs = f?.documents ?? [];
    const one: Report = { types: {}, fields: {}, misses: [], files: 1, byFile: {} };
    for (const [gi, pi] of alignDocuments(g.documents, docs)) scoreDocument(one, gi === null ? undefined : g.documents[gi], pi === null ? undefined : docs[pi], g.file, gi ?? pi ?? 0);
    r.byFile[g.file] = one.types;
    for (const [t, sc] of Object.entries(one.types)) add(r, t, sc);
    for (const [k, fa] of Object.entries(one.fields)) {
      const tot = (r.fields[k] ??= { right: 0, total: 0 });
      tot.right += fa.right;
      tot.total += fa.total;
    }
    r.misses.push(...one.misses);
  }
  return r;
}

// ---- thresholds ----

export interface EvalConfig {
  /** Minimum F1 per type. */
  thresholds: Record<string, number>;
}

export function loadConfig(path: string): EvalConfig {
  if (!existsSync(path)) return { thresholds: {} };
  return JSON.parse(readFileSync(path, 'utf8')) as EvalConfig;
}

export function failures(report: Report, config: EvalConfig): { type: string; f1: number; min: number }[] {
  const out: { type: string; f1: number; min: number }[] = [];
  for (const [type, min] of Object.entries(config.thresholds)) {
    const s = report.types[type] ?? { tp: 0, fp: 0, fn: 0 };
    const { f1 } = prf(s);
    if (f1 + 1e-9 < min) out.push({ type, f1, min });
  }
  return out;
}

/** F1 per type (columns) for each file (rows). */
export function formatByFile(report: Report, config: EvalConfig): string {
  const types = Object.keys(config.thresholds).length ? Object.keys(config.thresholds) : Object.keys(report.types);
  const lines = [`${'file'.padEnd(28)} ${types.map((t) => t.slice(0, 10).padStart(10)).join(' ')}`];
  for (const [file, ts] of Object.entries(report.byFile)) {
    lines.push(`${file.padEnd(28)} ${types.map((t) => (ts[t] ? (100 * prf(ts[t]!).f1).toFixed(1) : '-').padStart(10)).join(' ')}`);
  }
  return lines.join('\n');
}

export function formatReport(report: Report, config: EvalConfig): string {
  const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
  const lines = [`${'type'.padEnd(14)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   tp   fp   fn  min`];
  for (const [type, s] of Object.entries(report.types)) {
    const { precision, recall, f1 } = prf(s);
    const min = config.thresholds[type];
    const flag = min != null && f1 + 1e-9 < min ? '  ✗' : '';
    lines.push(
      `${type.padEnd(14)} ${pct(precision)} ${pct(recall)} ${pct(f1)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}  ${min != null ? min.toFixed(2) : '   -'}${flag}`,
    );
  }
  lines.push('', `${'field'.padEnd(22)} accuracy`);
  for (const [name, f] of Object.entries(report.fields)) lines.push(`${name.padEnd(22)} ${pct(f.total ? f.right / f.total : 1)}  (${f.right}/${f.total})`);
  return lines.join('\n');
}
