import { gazetteer } from '../knowledge/gazetteer.ts';
import { naming } from '../knowledge/naming.ts';

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
