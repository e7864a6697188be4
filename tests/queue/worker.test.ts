/**
 * Workers on one queue: several `vanban worker` processes share the queue of a PostgreSQL
 * archive; one is killed with SIGKILL in the middle of a file (its whole process group, as a
 * machine lost); its job is taken again once its lease runs out. In the end every file is
 * stored once and the archive dumps exactly as a SQLite `vanban ingest` of the same files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canonicalDump, closeDb, openDb } from '../../src/store/index.ts';
import { closePg, openPg } from '../../src/store/pg.ts';
import { canonicalDumpPg } from '../../src/store/pg-store.ts';
import { freshDatabase } from '../helpers/postgres.ts';
import { BIN, FIXTURES, ROOT, SEEDS } from '../ingest/cli.ts';

interface Proc {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
}

const running: Proc[] = [];

/** bin/vanban in its own process group, so the group can be killed as a machine is lost. */
function vanban(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(BIN, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  const p = { child, done };
  running.push(p);
  return p;
}

/** Processes of the group still running (zombies left for init to reap are not running). */
function groupAlive(pgid: number): boolean {
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') return true;
    } catch {
      // gone meanwhile
    }
  }
  return false;
}

let dir: string;
let corpus: string;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-workers-'));
  corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  for (const s of SEEDS) copyFileSync(join(FIXTURES, s), join(corpus, s));
  for (const f of ['s000.txt', 's000-text.pdf', 's001-text.pdf', 's001-p1-150.jpg']) copyFileSync(join(FIXTURES, 'pdf', f), join(corpus, f));
  writeFileSync(join(corpus, 'empty.pdf'), '%PDF-1.4 broken');
  url = await freshDatabase(inject('pgUrl'));
});

afterAll(() => {
  for (const p of running) if (p.child.pid && groupAlive(p.child.pid)) process.kill(-p.child.pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('vanban worker', () => {
  it('several workers, one killed mid-file: every file stored once, the same dump as a SQLite ingest, nothing left running', async () => {
    const ref = vanban(['ingest', corpus, '--db', join(dir, 'ref.db'), '--jobs', '2', '--no-progress']);
    // The scan first and alone, so the worker to be killed is in the middle of its OCR.
    const scan = join(corpus, 's001-p1-150.jpg');
    const first = await vanban(['queue', 'add', scan, '--lease', '20', '--db', url]).done;
    expect(first.stdout).toMatch(/^1 queued/);
    const victim = vanban(['worker', '--db', url, '--jobs', '1'], { VANBAN_QUEUE_MAINTENANCE_S: '1' });
    const a = await openPg(url, { readonly: true });
    try {
      const active = async () => Number((await a.pool.query("SELECT count(*) AS n FROM pgboss.job WHERE state = 'active'")).rows[0].n);
      for (let t = 0; (await active()) === 0; t++) {
        if (t > 600) throw new Error(`the worker never took the file: ${(await victim.done).stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 1500));
      expect(await active()).toBe(1); // still in the middle of it
      process.kill(-victim.child.pid!, 'SIGKILL');
      const killed = await victim.done;
      expect(killed.signal).toBe('SIGKILL');
      for (let t = 0; groupAlive(victim.child.pid!) && t < 50; t++) await new Promise((r) => setTimeout(r, 100));
      expect(groupAlive(victim.child.pid!)).toBe(false);

      const rest = await vanban(['queue', 'add', corpus, '--lease', '60', '--db', url]).done;
      expect(rest.stdout).toMatch(/^9 queued, 1 already queued/);
      const workers = [0, 1].map(() => vanban(['worker', '--db', url, '--jobs', '1', '--exit-when-empty'], { VANBAN_QUEUE_MAINTENANCE_S: '1' }));
      const ends = await Promise.all(workers.map((w) => w.done));
      for (const e of ends) expect(e.signal, e.stderr).toBeNull();
      const log = ends.map((e) => e.stderr).join('');
      // The killed worker's file was taken again by another worker, and stored once.
      expect(log.match(/ingested \S*s001-p1-150\.jpg/g), log).toHaveLength(1);
      expect(log).toMatch(/failed \S*empty\.pdf/);
      for (const w of workers) expect(groupAlive(w.child.pid!)).toBe(false);

      const refRun = await ref.done;
      expect(refRun.code, refRun.stderr).toBe(1); // empty.pdf fails there too
      const db = openDb(join(dir, 'ref.db'), { readonly: true });
      const expected = canonicalDump(db) as any;
      closeDb(db);
      const got = (await canonicalDumpPg(a)) as any;
      expect(got.files.map((f: any) => f.paths)).toEqual(expected.files.map((f: any) => f.paths));
      expect(got.errors).toEqual(expected.errors);
      expect(got).toEqual(expected);
      const counts = (await a.pool.query('SELECT (SELECT count(*) FROM files) AS files, (SELECT count(DISTINCT hash) FROM files) AS hashes, (SELECT count(*) FROM ingest_errors) AS errors')).rows[0];
      expect(counts).toEqual({ files: expected.files.length, hashes: expected.files.length, errors: 1 });
      const status = await vanban(['queue', 'status', '--json', '--db', url]).done;
      expect(JSON.parse(status.stdout)).toMatchObject({ queued: 0, running: 0, retrying: 0, done: 10, failed: 0, errors: 1 });
    } finally {
      await closePg(a);
    }
  }, 240_000);

  it('queue add --force queues stored bytes again: a worker processes them and replaces what is stored, nothing duplicated', async () => {
    const db = await freshDatabase(inject('pgUrl'));
    const file = join(corpus, SEEDS[0]!);
    const work = () => vanban(['worker', '--db', db, '--jobs', '1', '--exit-when-empty']).done;
    expect((await vanban(['queue', 'add', file, '--db', db]).done).stdout).toMatch(/^1 queued, 0 already queued, 0 already stored/);
    expect((await work()).stderr).toMatch(/ingested \S*\//);
    const a = await openPg(db, { readonly: true });
    try {
      const counts = async () => (await a.pool.query('SELECT (SELECT count(*) FROM files) AS files, (SELECT count(*) FROM documents) AS documents, (SELECT max(ingested_at) FROM files) AS at')).rows[0];
      const before = await counts();
      expect((await vanban(['queue', 'add', file, '--db', db]).done).stdout).toMatch(/^0 queued, 0 already queued, 1 already stored/);
      const forced = await vanban(['queue', 'add', file, '--force', '--json', '--db', db]).done;
      expect(JSON.parse(forced.stdout)).toMatchObject({ queued: 1, forced: 1, stored: 0, pending: 0 });
      expect((await work()).stderr).toMatch(/reprocessed \S*\//);
      const after = await counts();
      expect({ files: after.files, documents: after.documents }).toEqual({ files: before.files, documents: before.documents });
      expect(after.at > before.at, `${before.at} → ${after.at}`).toBe(true);
    } finally {
      await closePg(a);
    }
  }, 120_000);
});
