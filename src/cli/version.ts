/**
 * `vanban --version`: the three versions a bug report needs. The program's (package.json), the
 * pipeline's (what made the stored documents; `reprocess` reruns others) and the newest database
 * schema this program writes (the last migration; an archive it opens is migrated up to it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/root.ts';
import { PIPELINE_VERSION } from '../version.ts';

export async function versionText(): Promise<string> {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  // Loaded only when asked: the migrations pull in the store's modules.
  const { LATEST_VERSION } = await import('../store/migrations.ts');
  return `vanban ${version}\npipeline ${PIPELINE_VERSION}\ndatabase schema ${LATEST_VERSION}`;
}
