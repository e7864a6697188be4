/**
 * `vanban ocr FILE…`: the text of PDFs and images as the ocr stage reads it (text layer where
 * it is sound, OCR elsewhere). Plain text on stdout, pages separated by a form feed on its own
 * line; `--json` gives the pages with method, confidence and line boxes. No database involved.
 */
import type { Command } from 'commander';
import { addEngineOption, applyEngineOption } from '../run-options.ts';

export function register(program: Command): void {
  const cmd = program
    .command('ocr')
    .description('print the text of PDFs or images (PNG, JPEG, TIFF); pages separated by a form feed')
    .argument('<files...>', 'PDF or image files')
    .option('-j, --jobs <n>', 'OCR workers (default: one per core)')
    .option('--force-ocr', 'OCR every page, even where the PDF has a usable text layer')
    .option('--json', 'JSON on stdout: per file, its text, pages (method, confidence, lines with boxes) and messages');
  addEngineOption(cmd);
  cmd.action(async (files: string[], opts: { jobs?: string; engine?: string; forceOcr?: boolean; json?: boolean }) => {
    applyEngineOption(opts);
    const { loadFile } = await import('../../load/index.ts');
    const { pathFromString } = await import('../../lib/path-bytes.ts');
    const { ocrFile, closeOcr, ocrJobs, setOcrJobs } = await import('../../ocr/index.ts');
    const { existsSync } = await import('node:fs');
    const { notFound } = await import('../output.ts');
    // Checked before any page is read: a mistyped name ends the command like extract's, not
    // as a half-printed result.
    for (const path of files) if (!existsSync(path)) notFound(`${path}: no such file`);
    if (opts.jobs !== undefined) setOcrJobs(Number(opts.jobs));
    let failures = 0;
    const out: unknown[] = [];
    const read = async (path: string) => {
      const file = await loadFile(pathFromString(path));
      const t = file.source.mediaType;
      if (!file.messages.some((m) => m.severity === 'error') && t !== 'application/pdf' && !t.startsWith('image/')) {
        file.messages.push({ stage: 'ocr', ruleId: 'not-pdf-or-image', reason: `${path}: not a PDF or image (${t})`, severity: 'error', start: null, end: null, page: null });
      }
      if (!file.messages.some((m) => m.severity === 'error')) {
        try {
          await ocrFile(file, { forceOcr: opts.forceOcr });
        } catch (err: any) {
          // One unreadable file does not stop the others.
          const reason = String(err?.message ?? err);
          file.messages.push({ stage: 'ocr', ruleId: 'ocr-failed', reason: reason.startsWith(path) ? reason : `${path}: ${reason}`, severity: 'error', start: null, end: null, page: null });
        }
      }
      return file;
    };
    // As many files at once as the OCR pool has workers (each engine process reads one page at
    // a time), printed in the order given as each one's turn comes.
    const results: (Awaited<ReturnType<typeof read>> | undefined)[] = [];
    let printed = 0;
    const print = () => {
      for (let file = results[printed]; file; file = results[++printed]) {
        const path = files[printed]!;
        const errors = file.messages.filter((m) => m.severity === 'error');
        if (errors.length) failures++;
        for (const m of file.messages) if (m.severity !== 'info' || errors.length) process.stderr.write(`vanban ocr: ${m.severity}: ${m.reason}\n`);
        if (opts.json) out.push({ path, mediaType: file.source.mediaType, text: file.text, pages: file.pages, messages: file.messages });
        else if (!errors.length) process.stdout.write(file.text.endsWith('\n') ? file.text : file.text + '\n');
        results[printed] = undefined; // printed: its pages need not stay in memory
      }
    };
    try {
      let next = 0;
      const lane = async () => {
        while (next < files.length) {
          const i = next++;
          results[i] = await read(files[i]!);
          print();
        }
      };
      await Promise.all(Array.from({ length: Math.min(files.length, ocrJobs()) }, lane));
    } finally {
      await closeOcr();
    }
    if (opts.json) process.stdout.write(JSON.stringify(files.length === 1 ? out[0] : out, null, 2) + '\n');
    if (failures) process.exitCode = 1;
  });
}
