/**
 * The naming rules of data/codes/naming.json (read and checked by src/knowledge/naming.ts), with
 * the title list as patterns, upper case and longest first, since header, signature and recasing
 * rules all match against it.
 */
import { fold } from '../knowledge/fold.ts';
import { naming as readNaming, type Naming } from '../knowledge/naming.ts';

export type { Naming };
export const naming: Naming = readNaming();

/** Titles in upper case, longest first, joined as regex alternatives. */
export const TITLES_UPPER = [...naming.titles]
  .sort((a, b) => b.length - a.length)
  .map((t) => t.toUpperCase())
  .join('|');

/** Locality words ("tỉnh", "thị xã") by their letters without marks, for text whose marks OCR damaged. */
export const LOCALITY_BY_FOLD = new Map(naming.localities.map((l) => [fold(l), l]));
