/**
 * The chain, and the only place that knows the order of the stages:
 *   load → ocr → layout → normalize → restore → segment → extract
 * Each stage is a per-file step lifted into an async iterable. A step that throws does not
 * take the batch down: the file is passed on with an error message (stage + reason) and
 * later stages skip it.
 */
import { VbFile as VbFileSchema, type VbFile } from '../schemas/document.ts';
import { loadFile } from './load/index.ts';
import { ocrFile } from './ocr/index.ts';
import { layoutFile } from './layout/index.ts';
import { normalizeFile } from './normalize/index.ts';
import { restoreFile, type RestoreOptions } from './restore/index.ts';
import { segmentFile } from './segment/index.ts';
import { extractFile } from './extract/index.ts';

export type Step = (file: VbFile) => VbFile | Promise<VbFile>;
export type Stage = (input: AsyncIterable<VbFile>) => AsyncIterable<VbFile>;

/** True once a stage has recorded an error that makes the file unusable. */
export function failed(file: VbFile): boolean {
  return file.messages.some((m) => m.severity === 'error');
}

export function stage(name: string, step: Step): Stage {
  return async function* (input) {
    for await (const file of input) {
      if (failed(file)) {
        yield file;
        continue;
      }
      try {
        yield await step(file);
      } catch (err: any) {
        file.messages.push({
          stage: name,
          ruleId: `${name}-failed`,
          reason: err?.message ?? String(err),
          severity: 'error',
          start: null,
          end: null,
          page: null,
        });
        yield file;
      }
    }
  };
}

export interface PipelineOptions {
  restore?: RestoreOptions;
  /** Stop after this stage (e.g. 'normalize' for `vanban restore`-like uses). */
  until?: 'load' | 'ocr' | 'layout' | 'normalize' | 'restore' | 'segment' | 'extract';
}

export function compose(...stages: Stage[]): Stage {
  return (input) => stages.reduce((acc, s) => s(acc), input);
}

/** The steps after load, in order (a tool that caches OCR output runs the rest itself). */
export function steps(opts: PipelineOptions = {}): [NonNullable<PipelineOptions['until']>, Step][] {
  return [
    ['ocr', (f) => ocrFile(f)],
    ['layout', layoutFile],
    ['normalize', normalizeFile],
    ['restore', (f) => restoreFile(f, opts.restore)],
    ['segment', segmentFile],
    ['extract', extractFile],
  ];
}

export function pipeline(opts: PipelineOptions = {}): Stage {
  const stop = opts.until ?? 'extract';
  const chosen: Stage[] = [];
  for (const [name, s] of steps(opts)) {
    if (stop === 'load') break;
    chosen.push(stage(name, s));
    if (name === stop) break;
  }
  return compose(...chosen);
}

/** The stages after load, on one loaded file (a batch's pipeline threads, or the main thread). */
export async function processFile(file: VbFile, opts: PipelineOptions = {}): Promise<VbFile> {
  let out = file;
  async function* one() {
    yield file;
  }
  for await (const f of pipeline(opts)(one())) out = f;
  return out;
}

/**
 * A processed file checked against the document model before it is stored: the parsed file,
 * or the first place it departs from the model ("documents.0.header.number: …"). A stage
 * producing records outside the model is a bug; storing nothing beats storing junk.
 */
export type ModelCheck = { ok: true; file: VbFile } | { ok: false; problem: string };

export function checkModel(file: VbFile): ModelCheck {
  const valid = VbFileSchema.safeParse(file);
  if (!valid.success) {
    const issue = valid.error.issues[0]!;
    return { ok: false, problem: `${issue.path.join('.')}: ${issue.message}` };
  }
  const problem = offsetProblem(valid.data);
  return problem ? { ok: false, problem } : { ok: true, file: valid.data };
}

/** The first span that does not point into the text, or pages that overlap or run backwards. */
export function offsetProblem(file: VbFile): string | null {
  const n = file.text.length;
  const bad = (path: string, s: { start: number; end: number }) =>
    s.start < 0 || s.end < s.start || s.end > n ? `${path}: span ${s.start}-${s.end} outside the text (0-${n})` : null;
  let prevEnd = 0;
  for (const [i, p] of file.pages.entries()) {
    const b = bad(`pages.${i}`, p);
    if (b) return b;
    if (p.start < prevEnd) return `pages.${i}: starts at ${p.start}, before the previous page ends (${prevEnd})`;
    prevEnd = p.end;
    for (const [j, l] of (p.lines ?? []).entries()) {
      const lb = bad(`pages.${i}.lines.${j}`, l);
      if (lb) return lb;
    }
  }
  const entities = ['references', 'agencies', 'dates', 'targets', 'tasks', 'persons'] as const;
  for (const [i, d] of file.documents.entries()) {
    const b = bad(`documents.${i}`, d);
    if (b) return b;
    for (const [j, s] of d.sections.entries()) {
      const sb = bad(`documents.${i}.sections.${j}`, s);
      if (sb) return sb;
    }
    for (const kind of entities) {
      for (const [j, e] of d[kind].entries()) {
        const eb = bad(`documents.${i}.${kind}.${j}.prov`, e.prov);
        if (eb) return eb;
      }
    }
  }
  return null;
}

/** Paths in, loaded files out; a file that cannot be read becomes a file with an error. */
export async function* loadPaths(paths: Iterable<string> | AsyncIterable<string>): AsyncIterable<VbFile> {
  for await (const p of paths) yield await loadFile(p);
}

export function run(paths: Iterable<string> | AsyncIterable<string>, opts: PipelineOptions = {}): AsyncIterable<VbFile> {
  return pipeline(opts)(loadPaths(paths));
}
