/**
 * Rebuild the shipped syllable language model, data/lm/base.bin.gz.
 *
 *   node --import tsx scripts/build-lm.ts
 *
 * Sources (all offline; only this script may use the Debian packages — CI and run time never do):
 *   - the clean seed fixtures 000, 001, 003, 004 (weight 4: they are the domain). Never seed 002:
 *     it is the OCR evaluation document and fixtures/restore/002.gold.txt is its gold.
 *   - Debian `libreoffice-help-vi` (/usr/share/libreoffice/help/vi, HTML help pages: general prose)
 *   - Debian `manpages-vi` (/usr/share/man/vi, groff manual pages)
 *   - the Vietnamese gettext catalogues (*.mo) of the installed Debian packages, among them
 *     `libreoffice-l10n-vi` (pulled in by libreoffice-help-vi); the note lists the owning packages
 * Install the packages first: `apt-get update && apt-get install -y libreoffice-help-vi manpages-vi`.
 * A source that is not installed is skipped, and the note data/lm/SOURCES.md says what was used.
 */
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NgramCounts } from '../src/restore/ngram.ts';
import { cleanMarkup, SEED_WEIGHT } from '../src/restore/corpus.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SEEDS = ['000', '001', '003', '004'];

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<\/(p|h\d|li|td|th|div|tr|title)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/[ \t]+/g, ' ');
}

function manToText(src: string): string {
  return src
    .split('\n')
    .filter((l) => !l.startsWith('.\\"') && !l.startsWith("'\\\""))
    .map((l) => (l.startsWith('.') ? l.replace(/^\.\w+\s*/, '') : l))
    .join('\n')
    .replace(/\\f[BIRP]|\\\(..|\\[-&e]/g, (m) => (m === '\\-' ? '-' : ''));
}

/** Translated strings of a gettext .mo catalogue. */
function moStrings(buf: Buffer): string[] {
  const magic = buf.readUInt32LE(0);
  const rd = magic === 0x950412de ? (o: number) => buf.readUInt32LE(o) : (o: number) => buf.readUInt32BE(o);
  const n = rd(8);
  const tOff = rd(16);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const len = rd(tOff + i * 8);
    const off = rd(tOff + i * 8 + 4);
    out.push(...buf.subarray(off, off + len).toString('utf8').split('\0'));
  }
  return out;
}

/** gettext catalogues (Vietnamese UI translations) of the installed Debian packages. */
const MO_DIRS = ['/usr/share/locale/vi/LC_MESSAGES', '/usr/lib/libreoffice/program/resource/vi/LC_MESSAGES'];

export function buildBaseCounts(log: (s: string) => void = console.log): { counts: NgramCounts; note: string[] } {
  const counts = new NgramCounts();
  const note: string[] = [];
  const fixtures = readdirSync(join(ROOT, 'fixtures')).filter((f) => SEEDS.some((s) => f.startsWith(s + '_')) && f.endsWith('.txt'));
  for (const f of fixtures) {
    const before = counts.tokens;
    counts.addText(cleanMarkup(readFileSync(join(ROOT, 'fixtures', f), 'utf8')), SEED_WEIGHT);
    note.push(`- fixtures/${f} (clean seed, weight ${SEED_WEIGHT}): ${counts.tokens - before} tokens`);
  }
  counts.sources.push(...fixtures.map((f) => `fixtures/${f}`));

  const lo = walk('/usr/share/libreoffice/help/vi').filter((p) => p.endsWith('.html'));
  if (lo.length) {
    const before = counts.tokens;
    for (const p of lo) counts.addText(htmlToText(readFileSync(p, 'utf8')), 1);
    note.push(`- Debian package libreoffice-help-vi: ${lo.length} HTML help pages, ${counts.tokens - before} tokens`);
    counts.sources.push('deb:libreoffice-help-vi');
  } else note.push('- libreoffice-help-vi: NOT INSTALLED, skipped');

  const man = walk('/usr/share/man/vi').filter((p) => p.endsWith('.gz'));
  if (man.length) {
    const before = counts.tokens;
    for (const p of man) counts.addText(manToText(gunzipSync(readFileSync(p)).toString('utf8')), 1);
    note.push(`- Debian package manpages-vi: ${man.length} manual pages, ${counts.tokens - before} tokens`);
    counts.sources.push('deb:manpages-vi');
  } else note.push('- manpages-vi: NOT INSTALLED, skipped');
  const mo = MO_DIRS.flatMap((d) => walk(d)).filter((p) => p.endsWith('.mo'));
  if (mo.length) {
    const before = counts.tokens;
    for (const p of mo) counts.addText(moStrings(readFileSync(p)).map((x) => x.replace(/[_~&](?=\p{L})/gu, '')).join('\n'), 1);
    let owners = '';
    try {
      const out = execFileSync('dpkg', ['-S', ...mo], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      owners = [...new Set(out.split('\n').map((l) => l.split(':')[0]!.trim()).filter(Boolean))].sort().join(', ');
    } catch {
      owners = 'owners unknown (dpkg -S failed)';
    }
    note.push(`- gettext catalogues (Vietnamese UI translations) in ${MO_DIRS.join(', ')}: ${mo.length} files, ${counts.tokens - before} tokens, from the Debian packages: ${owners}`);
    counts.sources.push('deb:*/locale/vi/*.mo');
  }
  log(note.join('\n'));
  return { counts, note };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = Date.now();
  const { counts, note } = buildBaseCounts();
  mkdirSync(join(ROOT, 'data/lm'), { recursive: true });
  const buf = counts.serialize();
  writeFileSync(join(ROOT, 'data/lm/base.bin.gz'), buf);
  const md = [
    '# data/lm — the shipped syllable language model',
    '',
    '`base.bin.gz`: trigram counts (interpolated Kneser-Ney is estimated at load time) over',
    'lowercase Vietnamese syllables, punctuation and class tokens. Rebuilt by',
    '`node --import tsx scripts/build-lm.ts` (see the script header for the Debian packages it reads).',
    '',
    'Trained on:',
    ...note,
    '',
    `Totals: ${counts.tokens} weighted tokens, ${counts.words.length} vocabulary entries, ${counts.tri.size} trigram types, ${buf.length} bytes.`,
    '',
    'Never trained on seed 002 (fixtures/002_*.txt) nor on fixtures/restore/002.gold.txt: they are the',
    'evaluation set. An archive adapts the model with `vanban lm train` (stored in the archive DB, never here).',
    '',
  ].join('\n');
  writeFileSync(join(ROOT, 'data/lm/SOURCES.md'), md);
  console.log(`wrote data/lm/base.bin.gz (${buf.length} bytes, ${counts.tri.size} trigrams) in ${Date.now() - t0} ms`);
}
