/**
 * Debian's chromium driven by playwright-core, as the web page's browser tests and the README
 * screenshots use it: headless, no network of its own, a fresh profile each time.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.VANBAN_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A running chromium (its one context, on a fresh profile) and a close() that also removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no chromium at ${CHROMIUM}: install Debian's (sudo apt-get update && sudo apt-get install -y chromium), or set VANBAN_CHROMIUM to its path`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'vanban-chromium-'));
  // playwright passes the profile as --user-data-dir itself (it refuses the flag in args)
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
