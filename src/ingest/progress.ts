/**
 * How a batch reports itself: a redrawn progress bar when stderr is a terminal, one plain
 * line per file when it is not (logs), JSON lines for machines; and the final summary.
 */
import { basename } from 'node:path';
import { OCR_ENGINE_NAMES } from '../../schemas/vocabulary.ts';
import { shownPath } from '../lib/shown-path.ts';
import type { Writable } from 'node:stream';
import { emptySummary, type Outcome, type Reporter, type Summary } from './runner.ts';

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

function done(s: Summary): number {
  return s.ingested + s.replaced + s.unchanged + s.failed;
}

/** Files per second so far and the time left at that rate. */
export function rateAndEta(s: Summary): { rate: number; etaMs: number } {
  const n = done(s);
  const rate = s.elapsedMs > 0 ? (n * 1000) / s.elapsedMs : 0;
  return { rate, etaMs: rate > 0 ? ((s.total - n) / rate) * 1000 : NaN };
}

function describe(o: Outcome): string {
  const path = shownPath(o.path);
  switch (o.status) {
    case 'failed':
      return `FAILED ${path}: ${o.reason} [${o.stage}/${o.rule}]`;
    case 'unchanged':
      return `unchanged ${path}${o.outdated ? ' (made by an older pipeline version: run `vanban reprocess`)' : ''}${o.outdatedModel ? ' (restored with another archive model: run `vanban reprocess --outdated-model`)' : ''}`;
    default:
      return `${o.status} ${path} (${o.documents} document${o.documents === 1 ? '' : 's'}${o.pages ? `, ${o.pages} page${o.pages === 1 ? '' : 's'}` : ''}${o.ocrEngine ? `, OCR ${o.ocrEngine}` : ''}, ${o.ms} ms)`;
  }
}

/**
 * A bar on a terminal: files, pages, rate, ETA and the files in progress; failures printed
 * above it as they happen.
 */
export class TtyProgress implements Reporter {
  private drawn = false;
  private summary: Summary | null = null;
  /** Files the pipeline is working on, in the order it started them. */
  private working: string[] = [];
  /** Pages read of each PDF in progress. */
  private pagesRead = new Map<string, string>();
  private total = 0;
  private t0 = Date.now();
  private lastDraw = 0;
  private ticker: NodeJS.Timeout | null = null;
  constructor(private out: Writable & { columns?: number } = process.stderr) {}

  start(total: number): void {
    this.total = total;
    this.t0 = Date.now();
    this.out.write(`vanban: ${total} file${total === 1 ? '' : 's'} to look at\n`);
    // Keep the clock and ETA moving while one long file (an OCR'd scan) is in progress.
    this.ticker = setInterval(() => this.draw(), 1000);
    this.ticker.unref();
  }

  begin(path: string): void {
    this.working.push(path);
    if (Date.now() - this.lastDraw >= 100) this.draw();
  }

  end(path: string): void {
    const at = this.working.indexOf(path);
    if (at >= 0) this.working.splice(at, 1);
    this.pagesRead.delete(path);
  }

  pages(path: string, done: number, total: number): void {
    this.pagesRead.set(path, `${done}/${total} p.`);
  }

  file(o: Outcome, s: Summary): void {
    this.summary = s;
    if (o.status === 'failed') {
      this.clear();
      this.out.write(`${describe(o)}\n`);
    }
    if (Date.now() - this.lastDraw >= 100 || done(s) === s.total) this.draw();
  }

  done(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    this.clear();
  }

  private clear(): void {
    if (this.drawn) this.out.write('\r\x1b[2K');
    this.drawn = false;
  }

  private draw(): void {
    this.lastDraw = Date.now();
    const s = this.summary ?? { ...emptySummary(), total: this.total };
    const n = done(s);
    const width = 24;
    const filled = s.total ? Math.round((n / s.total) * width) : width;
    const { rate, etaMs } = rateAndEta({ ...s, elapsedMs: Date.now() - this.t0 });
    let line =
      `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${n}/${s.total} files · ${s.pages} pages · ` +
      `${rate.toFixed(1)} files/s · ${formatDuration(Date.now() - this.t0)} · ETA ${formatDuration(etaMs)}` +
      (s.failed ? ` · ${s.failed} failed` : '') +
      // Names only: the whole paths would push the list off the line (the log has them).
      (this.working.length ? ` · ${this.working.map((p) => basename(p) + (this.pagesRead.has(p) ? ` (${this.pagesRead.get(p)})` : '')).join(', ')}` : '');
    const cols = this.out.columns ?? 100;
    if (line.length > cols - 1) line = line.slice(0, cols - 2) + '…';
    this.out.write(`\r\x1b[2K${line}`);
    this.drawn = true;
  }
}

/** One timestamped line per file, for logs and pipes; not verbose (--quiet): failures only. */
export class LineLog implements Reporter {
  constructor(private out: Writable = process.stderr, private verbose = true) {}
  start(total: number): void {
    if (this.verbose) this.out.write(`${new Date().toISOString()} start ${total} file${total === 1 ? '' : 's'}\n`);
  }
  file(o: Outcome, s: Summary): void {
    if (!this.verbose && o.status !== 'failed') return;
    this.out.write(`${new Date().toISOString()} ${done(s)}/${s.total} ${describe(o)}\n`);
  }
  done(): void {}
}

/**
 * JSON lines: {"event":"start"}, {"event":"begin"} when the pipeline starts on a file, one
 * {"event":"file"} per file, {"event":"summary"}.
 */
export class JsonLog implements Reporter {
  constructor(private out: Writable = process.stdout) {}
  start(total: number): void {
    this.out.write(JSON.stringify({ event: 'start', total, at: new Date().toISOString() }) + '\n');
  }
  begin(path: string): void {
    this.out.write(JSON.stringify({ event: 'begin', path, at: new Date().toISOString() }) + '\n');
  }
  file(o: Outcome): void {
    this.out.write(JSON.stringify({ event: 'file', ...o }) + '\n');
  }
  done(s: Summary): void {
    this.out.write(JSON.stringify({ event: 'summary', ...s }) + '\n');
  }
}

/** The end-of-run summary for people. */
export function formatSummary(s: Summary): string {
  const lines: string[] = [];
  const rate = s.elapsedMs > 0 ? ` (${((done(s) * 1000) / s.elapsedMs).toFixed(1)} files/s)` : '';
  lines.push(
    `${s.ingested} ingested, ${s.replaced} reprocessed, ${s.unchanged} unchanged, ${s.failed} failed` +
      ` — ${s.documents} documents, ${s.pages} pages, ${formatDuration(s.elapsedMs)}${rate}`,
  );
  if (s.learnt) lines.push(`the archive's restoration model learnt from ${s.learnt} clean file${s.learnt === 1 ? '' : 's'} (\`vanban lm show\`)`);
  const ocr = Object.entries(s.ocrPages);
  if (ocr.length) lines.push(`OCR: ${ocr.map(([engine, n]) => `${n} page${n === 1 ? '' : 's'} with ${OCR_ENGINE_NAMES[engine] ?? engine}`).join(', ')}`);
  if (s.interrupted) lines.push(`interrupted: ${s.total - done(s)} files not looked at (run the same command again to finish)`);
  if (s.outdated) lines.push(`${s.outdated} unchanged files were made by an older pipeline version: run \`vanban reprocess\``);
  if (s.outdatedModel) lines.push(`${s.outdatedModel} unchanged files were restored with another archive model: run \`vanban reprocess --outdated-model\``);
  if (s.failures.length) {
    lines.push('failed:');
    for (const f of s.failures) lines.push(`  ${shownPath(f.path)}: ${f.reason} [${f.stage}/${f.rule}]`);
  }
  return lines.join('\n') + '\n';
}
