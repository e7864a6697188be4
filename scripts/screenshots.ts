/**
 * The README's screenshots of `vanban serve` (docs/screenshots/*.png, 1200 px wide): each page
 * over an archive of the fixtures, taken with Debian's chromium.
 *   node --import tsx scripts/screenshots.ts [--db ARCHIVE]   (default: ingests fixtures/ into a temp dir)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, closeDb } from '../src/store/index.ts';
import { listen } from '../src/serve/server.ts';
import { ROOT } from '../src/lib/root.ts';
import { launchChromium } from './chromium.ts';

const OUT = join(ROOT, 'docs', 'screenshots');
const args = process.argv.slice(2);
let dbFile = args[args.indexOf('--db') + 1] && args.includes('--db') ? args[args.indexOf('--db') + 1]! : '';
let tmp = '';
if (!dbFile) {
  tmp = mkdtempSync(join(tmpdir(), 'vanban-shots-'));
  dbFile = join(tmp, 'fixtures.db');
  execFileSync(join(ROOT, 'bin', 'vanban'), ['ingest', join(ROOT, 'fixtures'), '--db', dbFile], { stdio: 'inherit' });
}
const db = openDb(dbFile, { readonly: true, existingArchive: true });
const running = await listen(db, 0, '127.0.0.1');
const chrome = await launchChromium();
try {
  mkdirSync(OUT, { recursive: true });
  const page = await chrome.context.newPage();
  // A scanned document with tasks (else a PDF): the first task's box drawn on its page.
  const task = db
    .prepare(
      `SELECT t.id, t.document_id FROM tasks t JOIN documents d ON d.id = t.document_id JOIN files f ON f.id = d.file_id JOIN pages p ON p.file_id = f.id AND p.page = t.page
       WHERE t.box IS NOT NULL AND f.media_type = 'application/pdf' ORDER BY p.method = 'ocr' DESC, t.id LIMIT 1`,
    )
    .get() as { id: number; document_id: number } | undefined;
  const cited = db.prepare('SELECT target_document_id AS id FROM doc_references WHERE target_document_id IS NOT NULL GROUP BY target_document_id ORDER BY count(*) DESC LIMIT 1').get() as { id: number } | undefined;
  const shots: [string, string][] = [
    ['overview', '/'],
    ['search', '/search?q=chuyen+doi+so'],
    ['document', task ? `/documents/${task.document_id}?item=task-${task.id}#viewer` : '/documents/1'],
    ['tasks', '/tasks?sort=due'],
    ['targets', '/targets?sort=deadline'],
    ['citations', cited ? `/citations?document=${cited.id}` : '/citations'],
  ];
  for (const [name, path] of shots) {
    await page.goto(new URL(path, running.url).href, { waitUntil: 'load' });
    if (name === 'document') await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(OUT, `${name}.png`) });
    process.stdout.write(`${join('docs', 'screenshots', `${name}.png`)}  ${path}\n`);
  }
} finally {
  await chrome.close();
  await running.close();
  closeDb(db);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
