/**
 * How far extraction from the PDFs and scans of fixtures/pdf is from extraction from the same
 * documents as text (fixtures/pdf/sNNN.txt): the text's records are taken as the gold and the
 * PDF's are scored against them with the eval's matching (src/eval). Paragraphs must not lose
 * what text has (issue 19).
 *
 *   node --import tsx scripts/pdf-vs-text.ts [DIR…] [--cache DIR] [--by-file] [--misses]
 *
 * DIRs default to fixtures/pdf and dev/pdf.
 *
 * `--cache DIR` keeps each PDF's OCR output as JSON, so later runs time only the later stages.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { VbFile } from '../schemas/document.ts';
import { OUTLINE_KINDS } from '../schemas/vocabulary.ts';
import { evaluate, prf, type GoldFile, type Report } from '../src/eval/index.ts';
import { loadFile } from '../src/load/index.ts';
import { closeOcr } from '../src/ocr/index.ts';
import { failed, steps } from '../src/pipeline.ts';
import { ROOT } from '../src/lib/root.ts';

const args = process.argv.slice(2);
const cacheAt = args.indexOf('--cache');
const cache = cacheAt >= 0 ? args[cacheAt + 1] : null;
const dirs = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--cache');
if (!dirs.length) dirs.push(join(ROOT, 'fixtures/pdf'), join(ROOT, 'dev/pdf'));

async function processed(path: string): Promise<VbFile> {
  let file = await loadFile(path);
  for (const [name, step] of steps()) {
    if (failed(file)) break;
    if (name === 'ocr' && cache && !file.source.mediaType.startsWith('text/')) {
      const at = join(cache, basename(path) + '.json');
      if (existsSync(at)) {
        file = JSON.parse(readFileSync(at, 'utf8'));
        continue;
      }
      file = await step(file);
      mkdirSync(cache, { recursive: true });
      writeFileSync(at, JSON.stringify(file));
      continue;
    }
    file = await step(file);
  }
  return file;
}

/** The text version's extraction as gold for the PDF of the same seed. */
function asGold(file: VbFile, name: string): GoldFile {
  return {
    file: name,
    documents: file.documents.map((d) => ({
      document: { ...d.header },
      link: d.links[0] ?? null,
      outline: d.sections.filter((s) => (OUTLINE_KINDS as readonly string[]).includes(s.kind)).map((s) => ({ kind: s.kind, label: s.label, heading: s.heading, depth: s.depth })),
      references: d.references,
      targets: d.targets,
      tasks: d.tasks,
    })),
  };
}

const total: Report = { types: {}, fields: {}, misses: [], files: 0, byFile: {} };
const rows: string[] = [];
const types = ['header', 'references', 'targets', 'tasks', 'outline'];
for (const dir of dirs) {
const texts = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
for (const txt of texts) {
  const stem = txt.replace(/\.txt$/, '');
  const text = await processed(join(dir, txt));
  // s000.txt is the text of s000-text.pdf, s000-scan300.pdf …; s000-table.txt of s000-table.pdf.
  const mine = (f: string) => (f.startsWith(stem + '.') || f.startsWith(stem + '-')) && !texts.some((t) => t !== txt && t.length > txt.length && f.startsWith(t.replace(/\.txt$/, '')));
  for (const pdf of readdirSync(dir).filter((f) => /\.(pdf|jpg)$/.test(f) && mine(f)).sort()) {
    const file = await processed(join(dir, pdf));
    const gold = asGold(text, pdf);
    const r = evaluate([gold], [file]);
    const one = r.byFile[pdf] ?? {};
    rows.push(`${pdf.padEnd(20)} ${types.map((t) => (one[t] ? (100 * prf(one[t]!).f1).toFixed(1) : '-').padStart(9)).join(' ')}`);
    for (const [t, s] of Object.entries(r.types)) {
      const a = (total.types[t] ??= { tp: 0, fp: 0, fn: 0 });
      a.tp += s.tp;
      a.fp += s.fp;
      a.fn += s.fn;
    }
    if (args.includes('--misses')) for (const m of r.misses.filter((m) => ['references', 'targets', 'tasks', 'header'].includes(m.type))) console.log(`${pdf} ${m.type} ${m.kind}: ${m.detail}`);
  }
}
}
await closeOcr();
if (args.includes('--by-file')) console.log(`${'file'.padEnd(20)} ${types.map((t) => t.padStart(9)).join(' ')}\n${rows.join('\n')}\n`);
for (const t of types) {
  const s = total.types[t] ?? { tp: 0, fp: 0, fn: 0 };
  const { precision, recall, f1 } = prf(s);
  console.log(`${t.padEnd(11)} P ${(100 * precision).toFixed(1).padStart(5)} R ${(100 * recall).toFixed(1).padStart(5)} F1 ${(100 * f1).toFixed(1).padStart(5)}  tp ${s.tp} fp ${s.fp} fn ${s.fn}`);
}
