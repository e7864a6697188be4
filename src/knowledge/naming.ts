/**
 * data/codes/naming.json, read once and checked: how administrative names, places and titles are
 * written (Decree 30/2020/NĐ-CP, Appendix II). A bad entry stops the load naming the file and key.
 * The words naming the kind of body come from data/gazetteer/body-kinds.tsv (column naming).
 */
import { z } from 'zod';
import { dataPath } from '../lib/root.ts';
import { fold } from './fold.ts';
import { gazetteer } from './gazetteer.ts';
import { readJson } from './table.ts';

const words = z.array(z.string().trim().min(1, 'empty entry'));

export const NamingFile = z
  .object({
    _about: z.string().optional(),
    /** Locality words ("tỉnh", "thị xã"), lower case. */
    localities: words,
    /** Words that name a set of bodies after "các" ("các cơ quan", "các ngành"), lower case. */
    bodyGroups: words,
    /** Locality words given back their marks in a name written without them ("tinh" → "tỉnh"). */
    unmarkedLocalities: words,
    /** Names always written with these capitals ("Chính phủ", "Việt Nam"). */
    properNouns: words,
    /** Titles of signers ("phó chủ tịch"), lower case. */
    titles: words,
    /** Words that qualify a document type in its title line ("CHƯƠNG TRÌNH HÀNH ĐỘNG"), lower case. */
    typeQualifiers: words,
  })
  .strict();
export type Naming = Omit<z.infer<typeof NamingFile>, '_about'> & {
  /** Words naming the kind of a body ("ủy ban nhân dân", "sở"), lower case: body-kinds.tsv rows marked naming. */
  bodyKinds: string[];
};

export const NAMING_FILE = dataPath('codes', 'naming.json');

/** The naming table of `path` (the project's by default), checked by NamingFile. */
export function readNaming(path = NAMING_FILE): Naming {
  const { _about, ...naming } = readJson(path, NamingFile);
  return { bodyKinds: gazetteer().bodies.filter((b) => b.naming).map((b) => b.head), ...naming };
}

let cache: Naming | null = null;
export function naming(): Naming {
  return (cache ??= readNaming());
}

/** Titles in upper case, longest first, joined as regex alternatives (header, signature and recasing match against them). */
export const TITLES_UPPER = [...naming().titles]
  .sort((a, b) => b.length - a.length)
  .map((t) => t.toUpperCase())
  .join('|');

/** Locality words ("tỉnh", "thị xã") by their letters without marks, for text whose marks OCR damaged. */
export const LOCALITY_BY_FOLD = new Map(naming().localities.map((l) => [fold(l), l]));
