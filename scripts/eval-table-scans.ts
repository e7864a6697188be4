/**
 * Task rows recovered from the dev table documents (dev/scans, made by make-table-scans.ts):
 * `bin/vanban extract --json` on each PDF, its tasks matched one to one with the gold rows
 * (dev/scans/gold.json) on lead set + due date, content overlapping (so rows with the same lead
 * and due are told apart). Prints precision, recall and F1 per file and per kind of file.
 *
 *   node --import tsx scripts/eval-table-scans.ts [FILE…] [--json]
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { norm, overlap, prf, type Score } from '../src/eval/index.ts';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const DIR = join(ROOT, 'dev/scans');

interface GoldRow {
  row: string;
  content: string;
  lead: string[];
  due: string | null;
}

/** Agency names compare folded, without parenthetical notes and a leading "các" (as src/eval). */
const agency = (s: string) => norm(s.replace(/\([^)]*\)/g, ''))!.replace(/^cac\s+/, '');
const leadKey = (xs: string[]) => [...new Set(xs.map(agency))].sort().join(' | ');

export function score(gold: GoldRow[], tasks: { content: string; lead: string[]; due: string | null }[]): Score & { missed: string[]; spurious: string[] } {
  const used = new Set<number>();
  const missed: string[] = [];
  let tp = 0;
  for (const g of gold) {
    let best = -1;
    let bestO = 0;
    tasks.forEach((t, i) => {
      if (used.has(i) || leadKey(t.lead) !== leadKey(g.lead) || (t.due ?? null) !== g.due) return;
      const o = overlap(g.content, t.content);
      if (o >= 0.5 && o > bestO) {
        best = i;
        bestO = o;
      }
    });
    if (best >= 0) {
      used.add(best);
      tp++;
    } else missed.push(`${g.row} ${JSON.stringify(g.lead)} ${g.due}`);
  }
  const spurious = tasks.filter((_, i) => !used.has(i)).map((t) => `${JSON.stringify(t.lead)} ${t.due} ${t.content.slice(0, 60)}`);
  return { tp, fp: tasks.length - tp, fn: gold.length - tp, missed, spurious };
}

function main(): void {
  const args = process.argv.slice(2);
  const asJson = args.includes('--json');
  const files = args.filter((a) => !a.startsWith('--'));
  const list = files.length ? files : readdirSync(DIR).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(DIR, f));
  const goldFile = JSON.parse(readFileSync(join(DIR, 'gold.json'), 'utf8'));
  // A document that prints another's table (the landscape appendix a003 prints t003's) has its rows.
  const gold = goldFile.tables as Record<string, GoldRow[]>;
  for (const [copy, of] of Object.entries(goldFile.copies ?? {}) as [string, string][]) gold[copy] = gold[of];
  const byKind = new Map<string, Score>();
  const out: Record<string, unknown>[] = [];
  for (const f of list) {
    const name = basename(f, '.pdf');
    const [table, kind] = name.split('-');
    const rows = gold[table];
    if (!rows) continue;
    const t0 = Date.now();
    const j = JSON.parse(execFileSync(join(ROOT, 'bin/vanban'), ['extract', '--json', f], { encoding: 'utf8', maxBuffer: 1 << 28 }));
    const tasks = (j.documents as any[]).flatMap((d) => d.tasks as any[]);
    const s = score(rows, tasks);
    const k = kind;
    const acc = byKind.get(k) ?? { tp: 0, fp: 0, fn: 0 };
    byKind.set(k, { tp: acc.tp + s.tp, fp: acc.fp + s.fp, fn: acc.fn + s.fn });
    const m = prf(s);
    out.push({ file: name, ...s, ...m, seconds: (Date.now() - t0) / 1000 });
    if (!asJson) {
      console.log(`${name.padEnd(18)} P ${m.precision.toFixed(2)} R ${m.recall.toFixed(2)} F1 ${m.f1.toFixed(2)}  (${s.tp}/${rows.length} rows, ${s.fp} spurious, ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      for (const x of s.missed) console.log(`   missed   ${x}`);
      for (const x of s.spurious) console.log(`   spurious ${x}`);
    }
  }
  const scans = [...byKind].filter(([k]) => k.startsWith('scan')).reduce((a, [, s]) => ({ tp: a.tp + s.tp, fp: a.fp + s.fp, fn: a.fn + s.fn }), { tp: 0, fp: 0, fn: 0 });
  const kinds: [string, unknown][] = [...byKind].map(([k, s]) => [k, { ...s, ...prf(s) }]);
  if (scans.tp + scans.fp + scans.fn) kinds.push(['scans', { ...scans, ...prf(scans) }]);
  const summary = Object.fromEntries(kinds);
  if (asJson) console.log(JSON.stringify({ files: out, summary }, null, 2));
  else for (const [k, s] of Object.entries(summary) as [string, any][]) console.log(`${k.padEnd(10)} F1 ${s.f1.toFixed(2)} (P ${s.precision.toFixed(2)}, R ${s.recall.toFixed(2)}; tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`);
}

// Run as a script, not when a test imports score().
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
