/**
 * The web page's words in Vietnamese (the default: its users are Vietnamese officials) and
 * English, from data/ui/strings.tsv; dates as dd/mm/yyyy.
 */
import { readFileSync } from 'node:fs';
import { dataPath } from '../lib/root.ts';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

function load(): Map<string, Record<Lang, string>> {
  const file = dataPath('ui', 'strings.tsv');
  const out = new Map<string, Record<Lang, string>>();
  readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const [key, vi, en] = line.split('\t');
    if (!key || !vi || !en) throw new Error(`${file}:${i + 1}: want key, Vietnamese and English separated by tabs`);
    out.set(key, { vi, en });
  });
  return out;
}

const STRINGS = load();

/** The translator for a language; an unknown key is a bug, said loudly. */
export function translator(lang: Lang): (key: string) => string {
  return (key) => {
    const s = STRINGS.get(key);
    if (!s) throw new Error(`data/ui/strings.tsv has no "${key}"`);
    return s[lang];
  };
}

/** "2021-03-05" → "05/03/2021", "2021-03" → "03/2021"; anything else as it is. */
export function shownDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!m) return iso;
  return [m[3], m[2], m[1]].filter(Boolean).join('/');
}

/** Numbers as Vietnamese write them (1.234) or English (1,234). */
export function shownNumber(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');
}
