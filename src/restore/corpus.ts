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
