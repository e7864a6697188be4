/**
 * The compiled copy bin/vanban runs (scripts/build.mjs): complete, with no import left
 * pointing at a .ts file, and rebuilt under a new key as soon as a source changes.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
// @ts-expect-error plain JavaScript module, no types
import { compiled } from '../../scripts/build.mjs';

const ROOT = join(import.meta.dirname, '../..');

function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vanban-build-'));
  for (const d of ['src', 'schemas', 'scripts']) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
  return dir;
}

describe('compiled sources', () => {
  it('compiles every source file, imports naming .js files', async () => {
    const root = copyProject();
    try {
      const out: string = await compiled(root);
      expect(out).toBeTruthy();
      const sources = readdirSync(join(root, 'src'), { recursive: true }).filter((f) => String(f).endsWith('.ts'));
      for (const f of sources) expect(existsSync(join(out, 'src', String(f).replace(/\.ts$/, '.js')))).toBe(true);
      const worker = readFileSync(join(out, 'src/ingest/pipeline-worker.js'), 'utf8');
      expect(worker).toMatch(/from "\.\.\/pipeline\.js"/);
      for (const f of readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.js'))) {
        expect(readFileSync(join(out, String(f)), 'utf8'), String(f)).not.toMatch(/(?:from|import)\s*\(?\s*["']\.{1,2}\/[^"']*\.ts["']/);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('builds again, under a new key, when a source file changes; the same key otherwise', async () => {
    const root = copyProject();
    try {
      const first: string = await compiled(root);
      expect(await compiled(root)).toBe(first);
      const later = new Date(Date.now() + 5_000);
      utimesSync(join(root, 'src/pipeline.ts'), later, later);
      const second: string = await compiled(root);
      expect(basename(second)).not.toBe(basename(first));
      expect(existsSync(join(second, 'src/cli/main.js'))).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
