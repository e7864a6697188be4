/** `vanban serve` as a command: its checks, the address it prints, a clean stop on Ctrl-C. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, SEEDS, start } from '../ingest/cli.ts';
import { servedAddress } from './address.ts';

let dir: string;
let db: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-serve-cli-'));
  db = join(dir, 'a.db');
  spawnSync(BIN, ['ingest', join('fixtures', SEEDS[0]!), '--db', db, '--quiet'], { cwd: ROOT });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => spawnSync(BIN, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, VANBAN_DB: '' } });

describe('vanban serve', () => {
  it('refuses what it cannot serve, saying why', () => {
    const missing = run(['serve', '--db', join(dir, 'none.db'), '--port', '0']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('none.db: no such database');
    const notArchive = join(dir, 'notes.txt');
    writeFileSync(notArchive, 'hello');
    const bad = run(['serve', '--db', notArchive, '--port', '0']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('not a vanban archive');
    const pg = run(['serve', '--db', 'postgresql://analyst:secret@127.0.0.1:1/archive', '--port', '0']);
    expect(pg.status).toBe(1);
    // A PostgreSQL archive is served too; one not reachable is refused, its password hidden.
    expect(pg.stderr).toContain('postgresql://analyst:***@127.0.0.1:1/archive: ');
    expect(pg.stderr).not.toContain('secret');
    const port = run(['serve', '--db', db, '--port', 'http']);
    expect(port.status).toBe(2);
    expect(port.stderr).toContain('--port must be a whole number from 0 to 65535, not "http"');
  });

  it('prints the address it answers on, and stops on Ctrl-C', async () => {
    const { child, done } = start(['serve', '--db', db, '--port', '0']);
    const { url } = await servedAddress(child);
    const res = await fetch(new URL('/api/stats', url));
    expect(res.status).toBe(200);
    expect((await res.json()).files).toBe(1);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('vanban serve: stopped');
    // and it no longer answers
    await expect(fetch(new URL('/api/stats', url))).rejects.toThrow();
  });
});
