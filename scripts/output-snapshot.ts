/**
 * Pipeline output, file by file, to compare a change against the commit before it:
 *
 *   node --import tsx scripts/output-snapshot.ts OUT_DIR [--bench N] [--no-pdf]
 *
 * Runs the pipeline (no database) on the seed fixtures, the PDFs and scans in fixtures/pdf
 * (unless --no-pdf) and N bench-corpus documents (default 600), and writes one JSON per file
 * (the documents and the messages, without timings) plus `index.tsv` (name, sha256 of the JSON).
 * `diff -r` two such folders to see exactly what a change changed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { writeCorpus } from '../bench/corpus.ts';
import { loadFile } from '../src/load/index.ts';
import { closeOcr } from '../src/ocr/index.ts';
import { processFile } from '../src/pipeline.ts';

const args = process.argv.slice(2);
const out = args[0];
if (!out) {
  console.error('usage: output-snapshot.ts OUT_DIR [--bench N] [--no-pdf]');
  process.exit(2);
}
const benchAt = args.indexOf('--bench');
const benchCount = benchAt >= 0 ? Number(args[benchAt + 1]) : 600;
const withPdf = !args.includes('--no-pdf');

const root = join(import.meta.dirname, '..');
const fixtures = join(root, 'fixtures');
const inputs: [string, string][] = [];
for (const f of readdirSync(fixtures).sort()) if (/^\d{3}_.*\.txt$/.test(f)) inputs.push([f, join(fixtures, f)]);
if (withPdf) for (const f of readdirSync(join(fixtures, 'pdf')).sort()) inputs.push([`pdf-${f}`, join(fixtures, 'pdf', f)]);
const corpusDir = mkdtempSync(join(tmpdir(), 'vanban-snapshot-'));
if (benchCount > 0) for (const p of writeCorpus(corpusDir, benchCount).files) inputs.push([`bench-${basename(p)}`, p]);

mkdirSync(out, { recursive: true });
const index: string[] = [];
/** Timings and paths differ run to run; everything else is output. */
const stable = (_k: string, v: unknown) => (_k === 'ms' || _k === 'elapsedMs' || _k === 'path' ? undefined : v);
for (const [name, path] of inputs) {
  const file = await processFile(await loadFile(path));
  const json = JSON.stringify({ documents: file.documents, messages: file.messages, text: file.text, pages: file.pages }, stable, 1);
  writeFileSync(join(out, `${name}.json`), json);
  index.push(`${name}\t${createHash('sha256').update(json).digest('hex')}`);
}
writeFileSync(join(out, 'index.tsv'), index.join('\n') + '\n');
rmSync(corpusDir, { recursive: true, force: true });
await closeOcr(); // OCR workers keep the process alive otherwise
console.log(`${inputs.length} files → ${out}/ (overall ${createHash('sha256').update(index.join('\n')).digest('hex').slice(0, 16)})`);
