/**
 * Crash safety: a batch killed with SIGKILL at a random moment and started again ends with
 * the same database as one clean run — no duplicates, no half-written document.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalDump, openDb } from '../../src/store/index.ts';
import { FIXTURES, rng, SEEDS, start, vanban } from './cli.ts';

let dir: string;
let folder: string;
let cleanDump: any;
// Enough files that a batch spans several commits (files share a commit for up to 250 ms).
const COPIES = 36;

function dump(db: string): any {
  const d = openDb(db, { readonly: true });
  try {
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    return canonicalDump(d);
  } finally {
    d.close();
  }
}

/** Files stored so far, read the way an analyst would while the import runs. */
function storedFiles(db: string): number {
  if (!existsSync(db)) return 0;
  try {
    const d = openDb(db, { readonly: true });
    try {
      return (d.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n;
    } finally {
      d.close();
    }
  } catch {
    return 0; // not migrated yet
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-crash-'));
  folder = join(dir, 'in');
  mkdirSync(folder);
  // Varied copies of the seeds: different bytes (so different files), different lengths.
  const random = rng(42);
  for (let i = 0; i < COPIES; i++) {
    const seed = SEEDS[i % SEEDS.length];
    const lines = readFileSync(join(FIXTURES, seed), 'utf8').split('\n');
    const drop = Math.floor(random() * lines.length);
    const varied = [...lines.slice(0, drop), ...lines.slice(drop + 1), '', `Bản sao số ${i + 1}.`].join('\n');
    writeFileSync(join(folder, `${String(i).padStart(2, '0')}_${seed}`), varied);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vanban ingest killed with SIGKILL', () => {
  it('completes on rerun with exactly the database of a clean run', async () => {
    const cleanDb = join(dir, 'clean.db');
    const t0 = Date.now();
    const clean = await vanban(['ingest', folder, '--db', cleanDb]);
    const cleanMs = Date.now() - t0;
    expect(clean.code, clean.stderr).toBe(0);
    const expected = dump(cleanDb);
    cleanDump = expected;
    expect(expected.files).toHaveLength(COPIES);

    const crashDb = join(dir, 'crash.db');
    const random = Math.random;
    const kills: string[] = [];
    const storedAtKill: number[] = [];
    const byHash = new Map(expected.files.map((f: any) => [f.file.source.hash, f]));
    for (let round = 0; round < 3; round++) {
      const run = start(['ingest', folder, '--db', crashDb]);
      let timer: NodeJS.Timeout | undefined;
      if (round === 2) {
        // Anywhere from start-up (migrations included) to the end of a clean run's duration.
        const at = Math.floor(random() * cleanMs);
        kills.push(`${at} ms`);
        timer = setTimeout(() => run.child.kill('SIGKILL'), at);
      } else {
        // Mid-batch first (the case that matters): once some files are stored, after a random
        // further delay. Commits land in groups (a quarter second of files), so the count jumps:
        // waiting for one in the first third of what is left leaves the rest to be killed in.
        const before = storedFiles(crashDb);
        const after = before + 1 + Math.floor(random() * ((COPIES - before) / 3));
        const delay = Math.floor(random() * 200);
        kills.push(`${after} files + ${delay} ms`);
        const poll = async (): Promise<void> => {
          if (run.child.exitCode !== null) return;
          if (storedFiles(crashDb) >= after) timer = setTimeout(() => run.child.kill('SIGKILL'), delay);
          else timer = setTimeout(poll, 20);
        };
        void poll();
      }
      const r = await run.done;
      clearTimeout(timer);
      // Between kills the database is consistent: every stored file is whole.
      const partial = existsSync(crashDb) ? dump(crashDb) : { files: [] };
      storedAtKill.push(partial.files.length);
      for (const f of partial.files) expect(f, `kills at ${kills}`).toEqual(byHash.get(f.file.source.hash));
      if (r.signal !== 'SIGKILL') break;
    }
    console.log(`crash: files stored at each kill ${storedAtKill.join(', ')} of ${COPIES} (kills at ${kills.join('; ')})`);
    // The test is only worth something if some kill landed in the middle of the batch.
    expect(storedAtKill.some((n) => n > 0 && n < COPIES), `files stored at each kill: ${storedAtKill} (kills at ${kills})`).toBe(true);
    const rerun = await vanban(['ingest', folder, '--db', crashDb]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(dump(crashDb), `kills at ${kills}`).toEqual(expected);
  });

  it('two imports of the same folder at once, with searches during them, give the clean database', async () => {
    expect(cleanDump, 'needs the clean run of the test above').toBeDefined();
    const db = join(dir, 'twice.db');
    // The database exists before the race (--no-adapt: its model stays the one the clean run had).
    await vanban(['ingest', join(folder, '00_*'), '--db', db, '--no-adapt']);
    const a = start(['ingest', folder, '--db', db]);
    const b = start(['ingest', folder, '--db', db, '--jobs', '1']);
    // Analysts query while the imports write (WAL): never "database is locked".
    const searches: number[] = [];
    let finished = false;
    void Promise.all([a.done, b.done]).then(() => (finished = true));
    while (!finished) {
      const s = await vanban(['search', 'ke hoach', '--json', '--db', db]);
      expect(s.code, s.stderr).toBe(0);
      searches.push(JSON.parse(s.stdout).length);
    }
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect([ra.code, rb.code], ra.stderr + rb.stderr).toEqual([0, 0]);
    expect(searches.length).toBeGreaterThan(0);
    expect(dump(db)).toEqual(cleanDump);
  });
});
