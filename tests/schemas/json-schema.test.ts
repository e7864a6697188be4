import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSON_DIR, jsonSchemas } from '../../schemas/export-json-schema.ts';

describe('JSON Schema export', () => {
  it('schemas/json matches the zod schemas (run `npm run schemas` after changing them)', () => {
    for (const [file, text] of Object.entries(jsonSchemas())) {
      expect(readFileSync(join(JSON_DIR, file), 'utf8'), file).toBe(text);
    }
  });
});
