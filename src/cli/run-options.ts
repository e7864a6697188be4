/**
 * Options of the commands that run the pipeline: `--jobs` (ingest, reprocess, worker), `--engine`
 * (ingest, reprocess, extract, ocr, worker), `--max-size` and `--time-limit` (ingest, worker),
 * parsed and checked the same way in each.
 */
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { OCR_ENGINE_CHOICES } from '../../schemas/vocabulary.ts';
import { usageError } from './output.ts';

export function addJobsOption(cmd: Command): Command {
  return cmd.option('-j, --jobs <n>', `files processed at the same time (default: the cores this process may use, ${availableParallelism()} here)`);
}

/** --jobs as a number: by default one file per core this process may use (os.availableParallelism). */
export function jobsOption(opts: { jobs?: string }): number {
  if (opts.jobs === undefined) return availableParallelism();
  const jobs = Number(opts.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) usageError(`--jobs must be a positive whole number, not "${opts.jobs}"`);
  return jobs;
}

export function addEngineOption(cmd: Command): Command {
  return cmd.option(
    '--engine <engine>',
    `OCR engine: ${OCR_ENGINE_CHOICES.join(', ')} (default auto: native tesseract where it is installed, about 2× faster; tesseract.js otherwise; env VANBAN_OCR_ENGINE)`,
  );
}

/**
 * Apply --engine before anything is OCR'd. Through the environment, because the pipeline threads
 * each have their own OCR module and read VANBAN_OCR_ENGINE when they start.
 */
export function applyEngineOption(opts: { engine?: string }): void {
  if (opts.engine === undefined) return;
  if (!(OCR_ENGINE_CHOICES as readonly string[]).includes(opts.engine)) usageError(`--engine must be one of ${OCR_ENGINE_CHOICES.join(', ')}, not "${opts.engine}"`);
  process.env.VANBAN_OCR_ENGINE = opts.engine;
}

/** --max-size (megabytes) as bytes and --time-limit (seconds) as ms, undefined for the default. */
export function fileLimits(opts: { maxSize?: string; timeLimit?: string }): { maxBytes: number; timeLimitMs: number | undefined } {
  const maxMb = Number(opts.maxSize);
  if (!(maxMb > 0)) usageError(`--max-size must be a positive number of megabytes, not "${opts.maxSize}"`);
  const limit = opts.timeLimit === undefined ? undefined : Number(opts.timeLimit);
  if (limit !== undefined && !(limit >= 0)) usageError(`--time-limit must be a number of seconds, not "${opts.timeLimit}"`);
  return { maxBytes: Math.round(maxMb * 1024 * 1024), timeLimitMs: limit === undefined ? undefined : limit * 1000 };
}
