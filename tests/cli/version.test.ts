/**
 * `vanban --version` names the three versions a bug report needs: the program (package.json),
 * the pipeline that makes documents (src/version.ts) and the newest database schema (the last
 * migration). Before, it printed a hard-coded "0.1.0" alone.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../src/store/migrations.ts';
import { PIPELINE_VERSION } from '../../src/version.ts';
import { vanban } from '../ingest/cli.ts';

describe('vanban --version', () => {
  it('prints the program, pipeline and schema versions, exit 0', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = await vanban([flag]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(`vanban ${pkg.version}\npipeline ${PIPELINE_VERSION}\ndatabase schema ${LATEST_VERSION}\n`);
    }
  });
});
