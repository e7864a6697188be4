/**
 * `vanban restore [FILE]`: restore Vietnamese diacritics and repair OCR garble. Reads FILE (or
 * stdin), writes the restored text to stdout line for line. With --eval GOLD it scores instead.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { addDbOption, archiveModel, dbPath } from '../db-option.ts';
import { notFound } from '../output.ts';

export function register(program: Command): void {
  const cmd = program
    .command('restore')
    .description('restore diacritics / repair OCR text (stdin when no FILE), line for line to stdout')
    .argument('[file]', 'text file to restore (default: stdin)')
    .option('--force', 'restore every line (skip the detector that leaves good text alone)')
    .option('--tokens', 'print the changed tokens (offset, original → restored, confidence) to stderr')
    .option('--eval <gold>', 'score against GOLD instead of printing: exact-syllable and diacritics-ignored accuracy')
    .option('--source <file>', 'with --eval: the text to restore (default: FILE)')
    .option('--lines <range>', 'with --eval: the line range of the source the gold covers, e.g. 140-');
  addDbOption(cmd);
  cmd.action(async (file: string | undefined, opts) => {
    const db = dbPath(opts);
    if (opts.eval) {
      const { evaluate } = await import('../../restore/evaluate.ts');
      const source = opts.source ?? file;
      if (!source) throw new Error('--eval needs --source FILE (or FILE)');
      const res = await evaluate({ gold: opts.eval, source, lines: opts.lines, model: await archiveModel(db) });
      process.stdout.write(
        `${res.label}\nsyllables: ${res.acc.total}\nexact-syllable accuracy: ${(res.acc.exactRate * 100).toFixed(2)}%\n` +
          `diacritics-ignored accuracy: ${(res.acc.foldedRate * 100).toFixed(2)}%\n`,
      );
      return;
    }
    const { restoreText } = await import('../../restore/index.ts');
    if (file !== undefined && !existsSync(file)) notFound(`${file}: no such file`);
    const text = file ? await readInput(file) : await readStdin();
    const model = await archiveModel(db);
    const res = restoreText(text.normalize('NFC'), model, { force: Boolean(opts.force) });
    process.stdout.write(res.text);
    if (opts.tokens)
      for (const t of res.tokens) process.stderr.write(`${t.start}-${t.end}\t${t.original} → ${t.restored}\t${t.confidence.toFixed(3)}\n`);
  });
}

/**
 * A UTF-8 text file is restored as it is (line for line); anything else (PDF, image, a legacy
 * encoding) goes through load → ocr → normalize first.
 */
async function readInput(file: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(file);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    if (!bytes.subarray(0, 5).equals(Buffer.from('%PDF-'))) return utf8.decode(bytes);
  } catch {
    // not UTF-8: let the loader decode it
  }
  const { run } = await import('../../pipeline.ts');
  const { pathFromString } = await import('../../lib/path-bytes.ts');
  for await (const f of run([pathFromString(file)], { until: 'normalize' })) {
    const err = f.messages.find((m) => m.severity === 'error');
    if (err) throw new Error(err.reason);
    return f.text;
  }
  throw new Error(`${file}: nothing read`);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
