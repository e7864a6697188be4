/**
 * Reading a data/ table: TSV with one header line, "#" lines are notes, each row parsed by a zod
 * schema so a bad row stops the load with its file and line instead of flowing on as a cast.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/** Rows of the TSV at `path`, each checked by `row`; throws "<path>:<line>: <reason>" on the first bad one. */
export function readTable<S extends z.ZodType>(path: string, row: S): z.infer<S>[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  let head: string[] | null = null;
  const out: z.infer<S>[] = [];
  lines.forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const cells = line.split('\t');
    if (!head) {
      head = cells.map((c) => c.trim());
      return;
    }
    const raw: Record<string, string> = {};
    head.forEach((h, k) => (raw[h] = (cells[k] ?? '').trim()));
    const parsed = row.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${path}:${i + 1}: ${issue.path.join('.') || 'row'}: ${issue.message}`);
    }
    out.push(parsed.data);
  });
  return out;
}

/** The JSON file at `path`, checked by `schema`; throws "<path>: <key path>: <reason>" when it does not fit. */
export function readJson<S extends z.ZodType>(path: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: ${e instanceof SyntaxError ? e.message : String(e)}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path}: ${issue.path.join('.') || 'top level'}: ${issue.message}`);
  }
  return parsed.data;
}
