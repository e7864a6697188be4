/**
 * data/codes/naming.json, read once and checked: how administrative names, places and titles are
 * written (Decree 30/2020/NĐ-CP, Appendix II). A bad entry stops the load naming the file and key.
 */
import { z } from 'zod';
import { dataPath } from '../lib/root.ts';
import { readJson } from './table.ts';

const words = z.array(z.string().trim().min(1, 'empty entry'));

export const NamingFile = z
  .object({
    _about: z.string().optional(),
    /** Words naming the kind of a body ("ủy ban nhân dân", "sở"), lower case. */
    bodyKinds: words,
    /** Locality words ("tỉnh", "thị xã"), lower case. */
    localities: words,
    /** Names always written with these capitals ("Chính phủ", "Việt Nam"). */
    properNouns: words,
    /** Titles of signers ("phó chủ tịch"), lower case. */
    titles: words,
  })
  .strict();
export type Naming = Omit<z.infer<typeof NamingFile>, '_about'>;

export const NAMING_FILE = dataPath('codes', 'naming.json');

/** The naming table of `path` (the project's by default), checked by NamingFile. */
export function readNaming(path = NAMING_FILE): Naming {
  const { _about, ...naming } = readJson(path, NamingFile);
  return naming;
}

let cache: Naming | null = null;
export function naming(): Naming {
  return (cache ??= readNaming());
}
