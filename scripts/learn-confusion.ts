/**
 * Learn the OCR confusion table from aligned pairs, data/confusion/ocr-eng.learned.tsv.
 *
 *   node --import tsx scripts/learn-confusion.ts [--pages N]
 *
 * Clean Vietnamese lines (the clean seeds 000, 001, 003, 004 — never seed 002 or its gold) are
 * rendered to page images with a Times-like serif font (Debian fonts-liberation2, or DejaVu
 * Serif), OCR'd with tesseract's English model (`apt-get install -y tesseract-ocr
 * tesseract-ocr-eng`: the very garble scanned archives show), and aligned back: lines, then
 * tokens, then characters, where one intended character may come out as 0–3 observed ones.
 * P(observed | intended) becomes a channel cost, 0.25 · −ln P, in the units of the hand-seeded
 * table. Only this script needs tesseract and the fonts; run time reads the TSV.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { cleanMarkup } from '../src/restore/corpus.ts';
import { baseChar } from '../src/knowledge/syllable.ts';
import { fold } from '../src/knowledge/fold.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SEEDS = ['000', '001', '003', '004'];
const FONTS = [
  '/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf',
];
const LINES_PER_PAGE = 36;
const WRAP = 78;

function cleanLines(): string[] {
  const out: string[] = [];
  for (const f of readdirSync(join(ROOT, 'fixtures')).filter((f) => SEEDS.some((s) => f.startsWith(s + '_')))) {
    for (const para of cleanMarkup(readFileSync(join(ROOT, 'fixtures', f), 'utf8')).split('\n')) {
      const words = para.trim().split(/\s+/).filter(Boolean);
      let line = '';
      for (const w of words) {
        if (line && line.length + 1 + w.length > WRAP) {
          out.push(line);
          line = w;
        } else line = line ? line + ' ' + w : w;
      }
      if (line && /\p{L}/u.test(line)) out.push(line);
    }
  }
  return out;
}

/**
 * Render a page the way an office scan looks to OCR: a small serif font, the page reduced and
 * blown up again (soft edges where the marks blur into the letters), a little speckle.
 */
function render(lines: string[], file: string, font: string, size: number, scale: number, seed: number): void {
  const lh = Math.round(size * 1.5);
  const page = createCanvas(Math.round(size * 45), 40 + lh * lines.length);
  const ctx = page.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, page.width, page.height);
  ctx.fillStyle = '#000';
  ctx.font = `${size}px ${font}`;
  lines.forEach((l, i) => ctx.fillText(l, 30, 30 + lh * i + size));
  let x = seed;
  const rand = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let k = 0; k < page.width * page.height * 0.0015; k++) {
    ctx.fillStyle = rand() < 0.5 ? '#000' : '#fff';
    ctx.fillRect(Math.floor(rand() * page.width), Math.floor(rand() * page.height), 1, 1);
  }
  const small = createCanvas(Math.round(page.width * scale), Math.round(page.height * scale));
  small.getContext('2d').drawImage(page, 0, 0, small.width, small.height);
  const out = createCanvas(page.width, page.height);
  out.getContext('2d').drawImage(small, 0, 0, out.width, out.height);
  writeFileSync(file, out.toBuffer('image/png'));
}

/** Page variants: font size (px) and the reduction that blurs it. */
const VARIANTS: [number, number][] = [
  [30, 0.55],
  [26, 0.7],
  [34, 0.45],
];

/** Levenshtein alignment of token lists (folded similarity); pairs of aligned tokens. */
function alignTokens(a: string[], b: string[]): [string, string][] {
  const n = a.length;
  const m = b.length;
  const sim = (x: string, y: string) => {
    const fx = fold(x);
    const fy = fold(y);
    if (fx === fy) return 0;
    let common = 0;
    for (const c of new Set(fx)) if (fy.includes(c)) common++;
    return 1 - common / Math.max(fx.length, fy.length, 1);
  };
  const d = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => i + j));
  for (let i = 1; i <= n; i++) for (let j = 1; j <= m; j++) d[i]![j] = Math.min(d[i - 1]![j - 1]! + 2 * sim(a[i - 1]!, b[j - 1]!), d[i - 1]![j]! + 1, d[i]![j - 1]! + 1);
  const out: [string, string][] = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const s = 2 * sim(a[i - 1]!, b[j - 1]!);
    if (d[i]![j] === d[i - 1]![j - 1]! + s) {
      if (s < 1.2) out.push([a[i - 1]!, b[j - 1]!]);
      i--;
      j--;
    } else if (d[i]![j] === d[i - 1]![j]! + 1) i--;
    else j--;
  }
  return out;
}

/**
 * Character alignment of an intended word and its OCR: each intended char maps to 0–3 observed
 * chars; cheap when the observed char shares the base letter. Returns (intended, observed) pairs.
 */
function alignChars(intended: string, observed: string): [string, string][] {
  const a = [...intended.toLowerCase()];
  const b = [...observed.toLowerCase()];
  const n = a.length;
  const m = b.length;
  const cost = (c: string, seg: string[]) => {
    if (seg.length === 0) return 1.2;
    if (seg.length === 1) return seg[0] === c ? 0 : baseChar(seg[0]!) === baseChar(c) ? 0.3 : 1;
    return 1.1 + 0.2 * seg.length;
  };
  const d = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(Infinity));
  const back = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(-1));
  d[0]![0] = 0;
  for (let j = 1; j <= m; j++) d[0]![j] = j * 1.2; // leading junk
  for (let i = 1; i <= n; i++)
    for (let j = 0; j <= m; j++)
      for (let k = 0; k <= 3 && k <= j; k++) {
        const v = d[i - 1]![j - k]! + cost(a[i - 1]!, b.slice(j - k, j));
        if (v < d[i]![j]!) {
          d[i]![j] = v;
          back[i]![j] = k;
        }
      }
  const out: [string, string][] = [];
  let j = m;
  for (let i = n; i > 0; i--) {
    const k = back[i]![j]!;
    if (k < 0) return [];
    out.push([a[i - 1]!, b.slice(j - k, j).join('')]);
    j -= k;
  }
  return out.reverse();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const font = FONTS.find(existsSync);
  if (!font) throw new Error('no serif font: apt-get install -y fonts-liberation2 (or fonts-dejavu-core)');
  GlobalFonts.registerFromPath(font, 'DocSerif');
  const pagesArg = process.argv.indexOf('--pages');
  const lines = cleanLines();
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_PAGE) pages.push(lines.slice(i, i + LINES_PER_PAGE));
  const limit = pagesArg > 0 ? Number(process.argv[pagesArg + 1]) : pages.length;
  const dir = mkdtempSync(join(tmpdir(), 'vanban-confusion-'));
  const counts = new Map<string, Map<string, number>>(); // intended → observed → n
  const totals = new Map<string, number>();
  let pairs = 0;
  let usedLines = 0;
  try {
    pages.slice(0, limit).forEach((page, p) => {
      const png = join(dir, `p${p}.png`);
      const [size, scale] = VARIANTS[p % VARIANTS.length]!;
      render(page, png, 'DocSerif', size, scale, p + 1);
      const ocr = execFileSync('tesseract', [png, '-', '-l', 'eng', '--psm', '6'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .split('\n')
        .filter((l) => l.trim());
      if (ocr.length !== page.length) {
        console.error(`page ${p}: ${ocr.length} OCR lines for ${page.length}, skipped`);
        return;
      }
      page.forEach((clean, i) => {
        usedLines++;
        for (const [want, got] of alignTokens(clean.split(/\s+/), ocr[i]!.split(/\s+/))) {
          const w = want.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
          const g = got.replace(/^[("“'‘]+|[),.;:!?"”'’]+$/gu, '');
          if (!w || !/^\p{L}+$/u.test(w)) continue;
          pairs++;
          for (const [c, o] of alignChars(w, g)) {
            if (baseChar(c) === c && o === c) {
              totals.set(c, (totals.get(c) ?? 0) + 1);
              continue;
            }
            const m = counts.get(c) ?? counts.set(c, new Map()).get(c)!;
            m.set(o, (m.get(o) ?? 0) + 1);
            totals.set(c, (totals.get(c) ?? 0) + 1);
          }
        }
      });
      console.error(`page ${p + 1}/${limit} done`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const rows: string[] = [];
  for (const [c, m] of counts) {
    const total = totals.get(c) ?? 0;
    for (const [o, n] of m) {
      if (n < 2 || o === c || o === '') continue;
      const cost = Math.min(1.8, Math.max(0.05, 0.25 * -Math.log(n / total)));
      rows.push(`${o}\t${c}\t${cost.toFixed(2)}\t${n}/${total}`);
    }
  }
  rows.sort();
  const header = [
    '# Learnt by scripts/learn-confusion.ts: clean seed lines rendered with a serif font and OCR\'d by',
    "# tesseract's `eng` model, aligned back. observed\tintended\tcost (0.25·−ln P(observed|intended))\tcount/total.",
    `# ${usedLines} lines, ${pairs} aligned word pairs, font ${font.split('/').pop()}, ${new Date().toISOString().slice(0, 10)}.`,
  ];
  writeFileSync(join(ROOT, 'data/confusion/ocr-eng.learned.tsv'), header.join('\n') + '\n' + rows.join('\n') + '\n');
  console.log(`wrote data/confusion/ocr-eng.learned.tsv: ${rows.length} confusions from ${pairs} word pairs`);
}
