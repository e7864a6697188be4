/**
 * Writes schemas/json/*.schema.json from the zod schemas, so tools outside TypeScript can read
 * the record shapes and the `--json` output of each query command (QUERY_OUTPUTS).
 * `npm run schemas` regenerates; a test fails when they are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import * as doc from './document.ts';
import * as query from './query.ts';

/** The `--json` output of each query command, by the schema's name. */
export const QUERY_OUTPUTS = {
  CitesOutput: query.CitesOutput,
  RefsOutput: query.RefsOutput,
  TasksOutput: query.TasksOutput,
  TargetsOutput: query.TargetsOutput,
  ShowOutput: query.ShowOutput,
  StatsOutput: query.StatsOutput,
  SqlOutput: query.SqlOutput,
  ExportList: query.ExportList,
  SearchOutput: query.SearchOutput,
} satisfies Record<string, z.ZodType>;

export const EXPORTED: Record<string, z.ZodType> = {
  VbFile: doc.VbFile,
  VbDocument: doc.VbDocument,
  Header: doc.Header,
  Section: doc.Section,
  Table: doc.Table,
  Reference: doc.Reference,
  Agency: doc.Agency,
  DateEntity: doc.DateEntity,
  Target: doc.Target,
  Task: doc.Task,
  Message: doc.Message,
  ...QUERY_OUTPUTS,
  ErrorOutput: query.ErrorOutput, // every command's --json error
  DocumentText: query.DocumentText, // vanban serve's /api/documents/ID/text
};

/** The JSON Schema of one zod schema, as written to schemas/json/. */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'output' }) as Record<string, unknown>;
}

export function jsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, schema] of Object.entries(EXPORTED)) out[`${name}.schema.json`] = `${JSON.stringify(jsonSchema(schema), null, 2)}\n`;
  return out;
}

export const JSON_DIR = join(dirname(fileURLToPath(import.meta.url)), 'json');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(JSON_DIR, { recursive: true });
  for (const [file, text] of Object.entries(jsonSchemas())) writeFileSync(join(JSON_DIR, file), text);
  console.log(`wrote ${Object.keys(EXPORTED).length} JSON Schema files to ${JSON_DIR}`);
}
