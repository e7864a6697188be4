/**
 * The benchmark corpus: thousands of distinct, realistic documents made from the clean seed
 * fixtures. Each document takes one seed and varies what really varies between dispatches —
 * the issuing province, the departments named, document numbers, dates and years, percentages,
 * the order of sentences in a paragraph and of items in a list, which list items are present —
 * so every document has its own content hash and the pipeline does real work on each one.
 * Deterministic: the same seed and index give the same bytes.
 *
 * The province and department names come from the reviewed gazetteer tables in data/ (read and
 * checked by src/knowledge/gazetteer.ts), not from lists in this file.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'fixtures');

/** Clean (born-digital) seeds. 002 is raw OCR output and would measure restoration, not ingest. */
export const CLEAN_SEEDS = [
  '000_6b0889c3ebd00c42.txt',
  '001_3ab4f0c448453941.txt',
  '003_5da961df0b57dbee.txt',
  '004_da93ac0c70dab7a2.txt',
];

export { rng } from '../src/lib/rng.ts';
import { rng } from '../src/lib/rng.ts';
import { gazetteer, mostNamedProvince } from '../src/knowledge/gazetteer.ts';
import { escapeRegExp } from '../src/lib/strings.ts';

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

function shuffle<T>(r: Rand, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

export interface Vocabulary {
  /** Province names of kind "tỉnh" ("tỉnh X" reads naturally for all of them). */
  provinces: string[];
  /** Provincial departments ("Sở …"), full names. */
  departments: string[];
}

export function loadVocabulary(): Vocabulary {
  const { provinces: prov, abbreviations: abbr } = gazetteer();
  const provinces = [...new Set(prov.filter((p) => p.kind === 'tỉnh').map((p) => p.name))];
  const departments = [...new Set(abbr.filter((a) => a.kind === 'department' && a.expansion.startsWith('Sở ')).map((a) => a.expansion))];
  return { provinces, departments };
}

const upper = (s: string) => s.toLocaleUpperCase('vi');


export interface Seed {
  name: string;
  text: string;
  /** The province the seed is about (its issuer's seat), as extraction decides a document's province. */
  province: string | null;
}

export function loadSeeds(): Seed[] {
  return CLEAN_SEEDS.map((name) => {
    const text = readFileSync(join(FIXTURES, name), 'utf8');
    return { name, text, province: mostNamedProvince(text) };
  });
}

/** Bulleted items only: lettered and numbered items carry an order the text relies on. */
const LIST_ITEM = /^\s*[-+•]\s/u;
/** Sentence boundary inside a paragraph: end punctuation, space, then a capital letter. */
const SENTENCE_BREAK = /(?<=[.;!?])\s+(?=[A-ZĐÀ-Ỹ])/u;

/** A line we may reorder or rewrite: prose, not a table row, heading or header block line. */
function isProse(line: string): boolean {
  return line.length > 80 && !line.includes('\t') && !line.startsWith('#') && !line.startsWith('|') && !line.includes('<');
}

function varyStructure(r: Rand, text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    // A run of bulleted items separated by at most blank lines: shuffle it, sometimes drop
    // one. An item keeps its continuation lines (a wrapped item, no end punctuation yet).
    if (LIST_ITEM.test(lines[i])) {
      const items: string[][] = [];
      let blankSeparated = false;
      let j = i;
      while (j < lines.length) {
        if (LIST_ITEM.test(lines[j])) items.push([lines[j]]);
        else if (lines[j].trim() === '' && j + 1 < lines.length && LIST_ITEM.test(lines[j + 1])) blankSeparated = true;
        else if (lines[j].trim() !== '' && !/[;.:!?]\s*$/.test(items[items.length - 1].at(-1)!)) items[items.length - 1].push(lines[j]);
        else break;
        j++;
      }
      // Keep the last item last: it often closes the list ("- Lưu: VT.").
      const last = items.length > 2 ? items.pop()! : null;
      const body = r() < 0.6 ? shuffle(r, items) : items;
      if (body.length > 3 && r() < 0.3) body.splice(int(r, 0, body.length - 1), 1);
      if (last) body.push(last);
      out.push(body.map((it) => it.join('\n')).join(blankSeparated ? '\n\n' : '\n'));
      i = j;
      continue;
    }
    let line = lines[i];
    if (isProse(line) && r() < 0.5) {
      const sentences = line.split(SENTENCE_BREAK);
      if (sentences.length > 2) {
        // First sentence stays first: it usually carries the paragraph's subject.
        const head = sentences.shift()!;
        line = [head, ...shuffle(r, sentences)].join(' ');
      }
    }
    out.push(line);
    i++;
  }
  return out.join('\n');
}

const DEPT_RE = new WeakMap<Vocabulary, RegExp>();
function departmentPattern(vocab: Vocabulary): RegExp {
  let re = DEPT_RE.get(vocab);
  if (!re) {
    const alts = [...vocab.departments].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
    DEPT_RE.set(vocab, (re = new RegExp(`(?:${alts})(?![\\p{L}])`, 'gu')));
  }
  return re;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const daysIn = (m: number, y: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function varyValues(r: Rand, text: string, seed: Seed, vocab: Vocabulary): string {
  const yearShift = int(r, -6, 3);
  const shiftYear = (y: number) => (y >= 2000 && y <= 2035 ? y + yearShift : y);
  const day = (m: number, y: number) => int(r, 1, daysIn(m, y));

  // Province: the seed's home province becomes another one, in both spellings.
  const province = pick(r, vocab.provinces);
  if (seed.province && seed.province !== province) {
    text = text
      .replace(new RegExp(`${escapeRegExp(seed.province)}(?![\\p{L}])`, 'gu'), province)
      .replace(new RegExp(`${escapeRegExp(upper(seed.province))}(?![\\p{L}])`, 'gu'), upper(province));
  }

  // Departments: a per-document permutation, so the same department stays the same within it.
  const perm = shuffle(r, [...vocab.departments]);
  const map = new Map(vocab.departments.map((d, k) => [d, perm[k]]));
  text = text.replace(departmentPattern(vocab), (d) => map.get(d) ?? d);

  // Years first (one shift for the whole document keeps periods like "2020-2025" coherent),
  // then dates and document numbers. A date or number cited several times gets the same new
  // value everywhere, as in a real dispatch that cites the decision it implements.
  text = text.replace(/\b(20[0-3]\d)\b/g, (y) => String(shiftYear(Number(y))));
  const dates = new Map<string, [number, number]>();
  const newDate = (d: string, m: string, y: string): [number, number] => {
    const key = `${Number(d)}/${Number(m)}/${y}`;
    let v = dates.get(key);
    if (!v) {
      const mm = Number(m) >= 1 && Number(m) <= 12 ? Number(m) : int(r, 1, 12);
      dates.set(key, (v = [int(r, 1, daysIn(mm, Number(y))), mm]));
    }
    return v;
  };
  text = text.replace(/ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})/g, (_, d, m, y) => {
    const [dd, mm] = newDate(d, m, y);
    return `ngày ${pad2(dd)} tháng ${mm} năm ${y}`;
  });
  text = text.replace(/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g, (_, d, m, y) => {
    const [dd, mm] = newDate(d, m, y);
    return `${pad2(dd)}/${mm}/${y}`;
  });
  // "7260/VP-KGVX", "45/2020/NĐ-CP", "Số: 857/QĐ-UBND": a new number for each distinct code.
  const numbers = new Map<string, number>();
  text = text.replace(/\b(\d{1,5})\/((?:\d{4}\/)?[A-ZĐ]{1,6}[-–][A-ZĐ]+)/gu, (_, n, rest) => {
    const key = `${n}/${rest}`;
    let v = numbers.get(key);
    if (v === undefined) numbers.set(key, (v = int(r, 1, 2500)));
    return `${v}/${rest}`;
  });
  text = text.replace(/\b(\d{1,3})(\s?%)/g, (m, n, pct) => (Number(n) <= 100 ? `${int(r, Math.max(10, Number(n) - 25), 100)}${pct}` : m));
  return text;
}

/** Document `index` of the corpus for `seed`: a varied copy of one clean fixture. */
export function makeDocument(index: number, seed: number, seeds: Seed[], vocab: Vocabulary, attempt = 0): string {
  const r = rng((seed * 0x9e3779b1) ^ (index * 0x85ebca6b) ^ (attempt * 0xc2b2ae35));
  const base = seeds[index % seeds.length];
  return varyValues(r, varyStructure(r, base.text), base, vocab);
}

export interface Corpus {
  dir: string;
  /** Absolute paths, in generation order; the first n form the size-n corpus. */
  files: string[];
  /** Byte size of each file, same order. */
  bytes: number[];
}

/**
 * Write `count` distinct documents under `dir` (1,000 per subfolder, as archives are laid out).
 * Every document's sha256 differs: a collision (never seen in practice) is regenerated.
 */
export function writeCorpus(dir: string, count: number, seed = 1): Corpus {
  const vocab = loadVocabulary();
  const seeds = loadSeeds();
  const seen = new Set<string>();
  const files: string[] = [];
  const bytes: number[] = [];
  for (let i = 0; i < count; i++) {
    let buf: Buffer;
    let attempt = 0;
    for (;;) {
      buf = Buffer.from(makeDocument(i, seed, seeds, vocab, attempt), 'utf8');
      const h = createHash('sha256').update(buf).digest('hex');
      if (!seen.has(h)) {
        seen.add(h);
        break;
      }
      if (++attempt > 20) throw new Error(`corpus: cannot make document ${i} distinct`);
    }
    const sub = join(dir, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    const path = join(sub, `vb${String(i).padStart(6, '0')}.txt`);
    writeFileSync(path, buf);
    files.push(path);
    bytes.push(buf.length);
  }
  return { dir, files, bytes };
}
