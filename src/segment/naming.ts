/**
 * data/codes/naming.json, read once: how administrative names, places and titles are written
 * (Decree 30/2020/NĐ-CP, Appendix II). With the title list as patterns, upper case and longest
 * first, since header, signature and recasing rules all match against it.
 */
import { readFileSync } from 'node:fs';
import { dataPath } from '../lib/root.ts';
import { fold } from '../knowledge/fold.ts';

export interface Naming {
  bodyKinds: string[];
  localities: string[];
  properNouns: string[];
  titles: string[];
}

export const naming: Naming = JSON.parse(readFileSync(dataPath('codes', 'naming.json'), 'utf8'));

/** Titles in upper case, longest first, joined as regex alternatives. */
export const TITLES_UPPER = [...naming.titles]
  .sort((a, b) => b.length - a.length)
  .map((t) => t.toUpperCase())
  .join('|');

/** Locality words ("tỉnh", "thị xã") by their letters without marks, for text whose marks OCR damaged. */
export const LOCALITY_BY_FOLD = new Map(naming.localities.map((l) => [fold(l), l]));
