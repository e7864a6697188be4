/**
 * `vanban serve` in a real browser: Debian's chromium driven by playwright-core, against an
 * archive ingested from fixtures/ (a scan among them) and served by the real `bin/vanban serve`.
 * Without chromium these tests fail, saying how to install it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closeDb, openDb } from '../../src/store/db.ts';
import { BIN, ROOT } from '../ingest/cli.ts';
import { launchChromium } from '../../scripts/chromium.ts';
import { makeArchive, SCRIPT_MARK, type TestArchive } from './archive.ts';

let archive: TestArchive;
let serve: ChildProcess;
let base: string;
let chrome: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let ids: { scan: number; task: number; script: number };

beforeAll(async () => {
  // First, so a missing chromium fails at once with how to install it.
  chrome = await launchChromium();
  archive = makeArchive({ scan: true });
  const db = openDb(archive.db, { readonly: true });
  const scan = db.prepare("SELECT t.document_id AS doc, t.id AS task FROM tasks t JOIN documents d ON d.id = t.document_id JOIN files f ON f.id = d.file_id JOIN pages p ON p.file_id = f.id AND p.page = t.page WHERE p.method = 'ocr' AND t.box IS NOT NULL ORDER BY t.ord LIMIT 1").get() as { doc: number; task: number };
  const script = db.prepare("SELECT id FROM documents WHERE number = '99/UBND-VX'").get() as { id: number };
  closeDb(db);
  ids = { scan: scan.doc, task: scan.task, script: script.id };
  serve = spawn(BIN, ['serve', '--db', archive.db, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  base = await new Promise<string>((resolve, reject) => {
    let out = '';
    serve.stdout!.on('data', (d) => {
      out += d;
      const m = /on (http:\/\/\S+\/)/.exec(out);
      if (m) resolve(m[1]!);
    });
    serve.once('exit', (code) => reject(new Error(`vanban serve exited (${code}) before listening: ${out}`)));
  });
  page = await chrome.context.newPage();
});

afterAll(async () => {
  await chrome?.close();
  if (serve && serve.exitCode === null) {
    const exited = new Promise((r) => serve.once('exit', r));
    serve.kill('SIGINT');
    await exited;
  }
  archive?.remove();
});

describe('in a browser', () => {
  it('search finds a document typed without diacritics', async () => {
    await page.goto(base);
    await page.fill('.big-search input[name=q]', 'ke hoach truyen thong');
    await page.press('.big-search input[name=q]', 'Enter');
    await page.waitForURL(/\/search\?q=ke\+hoach\+truyen\+thong/);
    // the words found are the written ones, with their diacritics, marked in the snippets
    const marks = (await page.locator('.hits mark').allTextContents()).map((m) => m.toLowerCase());
    expect(marks).toContain('kế hoạch truyền thông');
    const first = page.locator('.hits li.hit h2 a').first();
    const title = (await first.textContent())!;
    await first.click();
    await page.waitForURL(/\/documents\/\d+/);
    expect(await page.locator('h1').textContent()).toBe(title);
    expect((await page.locator('#doctext').textContent())!.toLowerCase()).toContain('truyền thông');
  });

  it('the document page highlights a task and draws its box on the scanned page', async () => {
    await page.goto(new URL(`/documents/${ids.scan}`, base).href);
    const item = page.locator(`.doc-items a.item[data-item="task-${ids.task}"]`);
    await item.click();
    await page.waitForURL(new RegExp(`item=task-${ids.task}`));
    // the task's words are highlighted in the text, selected
    const hl = page.locator(`#doctext a.hl.k-task.sel`);
    expect(await hl.count()).toBeGreaterThan(0);
    // the page image is the scan's page, rendered (it loaded), and the box lies on it
    const img = page.locator('.viewer img');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(100);
    const box = page.locator(`.viewer rect.box[data-item="task-${ids.task}"]`);
    const [b, i] = [await box.boundingBox(), await img.boundingBox()];
    expect(b && i).toBeTruthy();
    expect(b!.width).toBeGreaterThan(20);
    expect(b!.height).toBeGreaterThan(5);
    expect(b!.x).toBeGreaterThanOrEqual(i!.x - 3);
    expect(b!.y).toBeGreaterThanOrEqual(i!.y - 3);
    expect(b!.x + b!.width).toBeLessThanOrEqual(i!.x + i!.width + 3);
    expect(b!.y + b!.height).toBeLessThanOrEqual(i!.y + i!.height + 3);
    // the box the script drew is the one the server draws for this address
    const attrs = () => box.evaluate((r) => ['x', 'y', 'width', 'height'].map((a) => Number(r.getAttribute(a))));
    const drawn = await attrs();
    await page.reload();
    expect(await attrs()).toEqual(drawn);
    // another task on the page moves it
    const other = page.locator(`.doc-items a.item[data-item^="task-"]:not([data-item="task-${ids.task}"])[data-page]`).first();
    if (await other.count()) {
      await other.click();
      expect(await page.locator('.viewer rect.box:not(.preview)').evaluate((r) => Number(r.getAttribute('y')))).not.toBe(drawn[1]);
    }
  });

  it('the CSV download has the rows the table shows, in its order', async () => {
    await page.goto(new URL('/tasks?type=ke+hoach', base).href);
    await page.click('table#tasks th a:text-is("Thời hạn")');
    await page.waitForURL(/sort=due/);
    const shown = await page.locator('table#tasks tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
    expect(shown.length).toBeGreaterThan(10);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a#csv')]);
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
    const rows = parseCsv(text);
    const header = await page.locator('table#tasks thead th').allTextContents();
    expect(rows[0]).toEqual(header.map((h) => h.replace(/ [▲▼]$/, '')));
    expect(rows.slice(1).map((r) => r.map((c) => c.replace(/\s+/g, ' ').trim()))).toEqual(shown.map((r) => r.map((c) => c.replace(/\s+/g, ' '))));
  });

  it('a <script> in a document is shown as text and does not run', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(new URL(`/documents/${ids.script}`, base).href);
    expect(await page.locator('#doctext').textContent()).toContain(`<script>window.${SCRIPT_MARK}=1</script>`);
    expect(await page.evaluate((k) => (window as any)[k], SCRIPT_MARK)).toBeUndefined();
    expect(await page.title()).not.toContain(SCRIPT_MARK);
    expect(await page.locator('#doctext script, #doctext img').count()).toBe(0);
    // the search snippet too
    await page.goto(new URL('/search?q=de+nghi+kiem+tra+noi+dung', base).href);
    expect(await page.locator('.hits').textContent()).toContain('<script>');
    expect(await page.evaluate((k) => (window as any)[k], SCRIPT_MARK)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
});

/** RFC 4180 fields: quoted with "" for a quote, CRLF between records. */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && s[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}
