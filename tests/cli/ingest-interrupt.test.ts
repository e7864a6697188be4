/**
 * Ctrl-C and progress of `vanban ingest`, started as users start it, on scans that take seconds
 * each (one thread: one in progress, the others queued in the runner and in the thread).
 * Before: the first Ctrl-C let every file already handed out (queued in the thread pool) run to
 * its end; the progress bar named the last file queued; a file's time included the time it
 * waited behind the others; --quiet printed the start line.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.ts';
import { BIN, FIXTURES, ROOT, start, vanban } from '../ingest/cli.ts';

const OCR = { VANBAN_OCR_ENGINE: 'wasm' }; // the same engine on every machine
let dir: string;
let scans: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-interrupt-'));
  scans = join(dir, 'scans');
  // Six copies of one page, each with other bytes (a trailing note), so none is a copy of another.
  mkdirSync(scans);
  for (let i = 1; i <= 6; i++) {
    const f = join(scans, `p${i}.jpg`);
    copyFileSync(join(FIXTURES, 'pdf/s001-p1-150.jpg'), f);
    appendFileSync(f, `copy ${i}`);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Ingest the scans with --json, calling `onBegin` at each file the pipeline starts. */
function ingest(db: string, onBegin: (child: ReturnType<typeof start>['child'], n: number) => void) {
  const run = start(['ingest', scans, '--db', db, '--jobs', '1', '--json'], OCR);
  let begun = 0;
  let buffer = '';
  run.child.stdout!.on('data', (d) => {
    buffer += d;
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const e = line.startsWith('{') ? JSON.parse(line) : null;
      if (e?.event === 'begin') onBegin(run.child, ++begun);
      // A vanban that says nothing when it starts a file: signalled all the same, once a scan is surely begun.
      if (e?.event === 'start') setTimeout(() => begun || onBegin(run.child, ++begun), 2500).unref();
    }
  });
  return run.done;
}

const events = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));

describe('ingest, Ctrl-C', () => {
  it('once: the queued files are dropped at once, only the file in progress is finished and stored', async () => {
    const db = join(dir, 'once.db');
    let sentAt = 0;
    const r = await ingest(db, (child, n) => {
      if (n === 1) {
        sentAt = Date.now();
        child.kill('SIGINT');
      }
    });
    const stoppedIn = Date.now() - sentAt;
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/stopping: finishing the files in progress/);
    const all = events(r.stdout);
    const begun = all.filter((e) => e.event === 'begin').map((e) => e.path);
    const files = all.filter((e) => e.event === 'file');
    const summary = all.find((e) => e.event === 'summary');
    expect(summary).toMatchObject({ total: 6, interrupted: true, failed: 0 });
    // The file in progress (a second may have started just as the signal came), none queued.
    expect(files.length).toBeGreaterThanOrEqual(1);
    expect(files.length).toBeLessThanOrEqual(2);
    for (const f of files) expect(begun).toContain(f.path);
    const archive = openDb(db, { readonly: true });
    try {
      expect(archive.prepare('SELECT count(*) FROM files').pluck().get()).toBe(files.length);
      expect(archive.prepare('SELECT count(*) FROM ingest_errors').pluck().get()).toBe(0);
    } finally {
      archive.close();
    }
    // Within the time of the files in progress: not six scans' worth.
    const one = Math.max(...files.map((f) => f.ms));
    expect(stoppedIn).toBeLessThan(files.length * one + 3000);
  }, 120_000);

  it('twice: exits at once, before the file in progress is done', async () => {
    const db = join(dir, 'twice.db');
    let second = 0;
    const r = await ingest(db, (child, n) => {
      if (n !== 1) return;
      child.kill('SIGINT');
      setTimeout(() => {
        second = Date.now();
        child.kill('SIGINT');
      }, 500);
    });
    expect(r.code, r.stderr).toBe(130);
    expect(Date.now() - second).toBeLessThan(1500);
    expect(events(r.stdout).filter((e) => e.event === 'file')).toEqual([]);
  }, 120_000);
});

describe('ingest, progress and timing', () => {
  it("a file's time counts from when the pipeline starts on it, not from when it was queued", async () => {
    const db = join(dir, 'time.db');
    const r = await vanban(['ingest', join(scans, 'p1.jpg'), join(scans, 'p2.jpg'), join(scans, 'p3.jpg'), '--db', db, '--jobs', '1', '--json'], OCR);
    expect(r.code, r.stderr).toBe(0);
    const all = events(r.stdout);
    const files = all.filter((e) => e.event === 'file');
    expect(files.map((f) => f.status)).toEqual(['ingested', 'ingested', 'ingested']);
    // The thread takes the files one after the other (in the order they were loaded), each
    // begun once, before its result.
    const begun = all.filter((e) => e.event === 'begin').map((e) => e.path);
    expect([...begun].sort()).toEqual(files.map((f) => f.path));
    for (const f of files) expect(all.indexOf(all.find((e) => e.event === 'begin' && e.path === f.path))).toBeLessThan(all.indexOf(f));
    // One thread, the same page each time: the last one taken waited for the two before it, yet
    // its time is about one page's (the first also starts the OCR engine), not three.
    const ms = begun.map((p) => files.find((f) => f.path === p).ms);
    expect(ms[2]).toBeLessThan(1.6 * ms[1]);
    expect(ms[2]).toBeLessThan(ms[0] + ms[1]);
  }, 120_000);

  it('the bar on a terminal names the files in progress, not the last one queued', async () => {
    const db = join(dir, 'tty.db');
    // `script` gives the command a terminal, as when a person runs it.
    const cmd = `stty cols 200; exec env VANBAN_OCR_ENGINE=wasm ${BIN} ingest ${join(scans, 'p1.jpg')} ${join(scans, 'p2.jpg')} ${join(scans, 'p3.jpg')} --db ${db} --jobs 1`;
    const out = await new Promise<string>((resolve) => {
      const child = spawn('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.setEncoding('utf8').on('data', (d) => (text += d));
      child.on('close', () => resolve(text));
    });
    const frames = out.split(/\r|\n/).filter((l) => l.includes(' files · '));
    expect(frames.length).toBeGreaterThan(2);
    // When the thread starts on its first scan, the bar names that file and keeps naming it
    // through the next second: not the others, queued behind it in the thread (the bar would move
    // on to each as it was queued). Which file the thread gets first is whichever was read first;
    // frames before the thread has started name none, and on a loaded machine that can last past
    // the first second, so the window starts at the first frame that names a file.
    const named = frames.filter((l) => l.includes('] 0/3 files') && / · p\d\.jpg$/.test(l));
    expect(named.length).toBeGreaterThan(1);
    const first = / · (p[123]\.jpg)$/.exec(named[0]!)?.[1];
    expect(first, named[0]).toBeDefined();
    const seconds = (l: string) => Number(/ · (\d+)s · /.exec(l)?.[1]);
    const early = named.filter((l) => seconds(l) <= seconds(named[0]!) + 1);
    expect(early.length).toBeGreaterThan(1);
    for (const f of early) expect(f.endsWith(` · ${first}`), f).toBe(true);
    // And it moves on as the thread does: each of the three is named in turn (a bar that named the
    // last file queued would name one file throughout).
    const order = frames.map((l) => / · (p[123]\.jpg)$/.exec(l)?.[1]).filter((x): x is string => !!x);
    expect(new Set(order), order.join(' ')).toEqual(new Set(['p1.jpg', 'p2.jpg', 'p3.jpg']));
    expect(out).toMatch(/3 ingested, 0 reprocessed, 0 unchanged, 0 failed/);
  }, 120_000);

  it("the bar shows how many of a PDF's pages are read", async () => {
    const db = join(dir, 'pages.db');
    const cmd = `stty cols 200; exec env VANBAN_OCR_ENGINE=wasm ${BIN} ingest ${join(FIXTURES, 'pdf/s001-scan150.pdf')} --db ${db} --jobs 1`;
    const out = await new Promise<string>((resolve) => {
      const child = spawn('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.setEncoding('utf8').on('data', (d) => (text += d));
      child.on('close', () => resolve(text));
    });
    const frames = out.split(/\r|\n/).filter((l) => l.includes('] 0/1 files'));
    const read = frames.map((l) => / · s001-scan150\.pdf \((\d)\/2 p\.\)$/.exec(l)?.[1]).filter(Boolean);
    expect(read.length, frames.join('\n')).toBeGreaterThan(0); // the two pages of the scan, counted as they are read
    expect(out).toMatch(/1 ingested, .* 2 pages/);
  }, 120_000);

  it('--quiet prints only failures and the summary: no start line', async () => {
    const db = join(dir, 'quiet.db');
    const r = await vanban(['ingest', join(FIXTURES, '000_6b0889c3ebd00c42.txt'), join(dir, 'missing.txt'), '--db', db, '--quiet']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/FAILED .*missing\.txt: .*no such file or folder/);
    expect(r.stdout).toMatch(/^1 ingested, 0 reprocessed, 0 unchanged, 1 failed/);
  }, 60_000);
});
