import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gazetteer } from '../knowledge/gazetteer.ts';
import { naming } from '../knowledge/naming.ts';
import { dataPath } from '../lib/root.ts';
import { NgramCounts } from './ngram.ts';

/** Turn a clean document (markdown, TSV tables with HTML fragments) into plain training text. */
export function cleanMarkup(text: string): string {
  return text
    .normalize('NFC')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\t/g, '\n')
    .replace(/^#+\s*/gm, '')
    .replace(/\*\*|__/g, '')
    .replace(/^\s*\|/gm, '')
    .replace(/\|/g, '\n');
}

/** How much a clean seed fixture counts in the shipped model against general prose (they are the domain). */
export const SEED_WEIGHT = 1;

/**
 * Every name the gazetteer tables hold, one per line, provinces after their level word ("tỉnh
 * Đắk Lắk", "thành phố Hồ Chí Minh"), with central bodies, agency names, the heads of body
 * names ("ban chấp hành đảng bộ", "sở"), signers' titles ("thứ trưởng"), document types and laws: the model must have seen a name to give it back (the shipped corpus is mostly
 * software prose, where "tinh Dak Lak" reads "tính Đã Là").
 */
export function gazetteerText(): string {
  const g = gazetteer();
  return [
    ...g.provinces.map((p) => `${p.kind} ${p.name}`),
    ...g.central.map((b) => b.name),
    ...g.abbreviations.map((a) => a.expansion),
    ...g.bodies.map((b) => b.head),
    ...naming().titles,
    ...g.types.map((t) => t.type),
    ...g.laws,
  ].join('\n');
}

/** Documents of the genre written for the shipped model (data/lm/genre/README.md), and their counts. */
export const GENRE_DIR = dataPath('lm', 'genre');
export const GENRE_LM_FILE = dataPath('lm', 'genre.bin.gz');

/**
 * The genre documents of `dir`, each made plain training text, in name order: the shipped
 * corpus is otherwise software prose, where "dat" reads "đặt" (set) and not "đạt" (reach).
 */
export function genreDocuments(dir = GENRE_DIR): { name: string; text: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: cleanMarkup(readFileSync(join(dir, name), 'utf8')) }));
}

/**
 * The genre documents counted, their sources named with each text's sha256 so that a stale
 * data/lm/genre.bin.gz is seen (tests/restore/genre.test.ts); `scripts/build-genre-lm.ts` writes it.
 */
export function countGenre(dir = GENRE_DIR): NgramCounts {
  const counts = new NgramCounts();
  for (const d of genreDocuments(dir)) {
    counts.addText(d.text);
    counts.sources.push(`${d.name} ${createHash('sha256').update(d.text).digest('hex')}`);
  }
  return counts;
}
