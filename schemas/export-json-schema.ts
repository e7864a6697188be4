/**
 * Writes schemas/json/*.schema.json from the zod schemas, so tools outside TypeScript can read
 * the record shapes. `npm run schemas` regenerates; a test fails when they are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import * as doc from './document.ts';

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
};

export function jsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, schema] of Object.entries(EXPORTED)) {
    out[`${name}.schema.json`] = `${JSON.stringify(z.toJSONSchema(schema, { io: 'output' }), null, 2)}\n`;
  }
  return out;
}

export const JSON_DIR = join(dirname(fileURLToPath(import.meta.url)), 'json');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(JSON_DIR, { recursive: true });
  for (const [file, text] of Object.entries(jsonSchemas())) writeFileSync(join(JSON_DIR, file), text);
  console.log(`wrote ${Object.keys(EXPORTED).length} JSON Schema files to ${JSON_DIR}`);
}
