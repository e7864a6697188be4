/**
 * `--jobs` and `--engine` as users give them. Before: --jobs was 2 whatever the machine; the OCR
 * engine could be chosen only by VANBAN_OCR_ENGINE on ingest and --engine on ocr (wasm|native,
 * never auto); no log, summary or stats said which engine read the pages.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatsOutput } from '../../schemas/query.ts';
import { BIN, FIXTURES, jsonLines, ROOT, SEEDS, vanban, type Ran } from '../ingest/cli.ts';

let dir: string;
let scan: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vanban-engine-'));
  scan = join(dir, 'page.jpg');
  copyFileSync(join(FIXTURES, 'pdf/s001-p1-150.jpg'), scan);
  appendFileSync(scan, 'engine test'); // bytes of its own
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** bin/vanban on fewer cores than the machine has (taskset), as a container or a cgroup gives it. */
function onOneCore(args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn('taskset', ['-c', '0', BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const summaryOf = (stdout: string) => jsonLines(stdout).find((e) => e.event === 'summary');

describe('--jobs', () => {
  it('defaults to the cores the process may use', async () => {
    const seeds = SEEDS.slice(0, 3).map((s) => join(FIXTURES, s));
    const one = await onOneCore(['ingest', ...seeds, '--db', join(dir, 'one.db'), '--json']);
    expect(one.code, one.stderr).toBe(0);
    expect(summaryOf(one.stdout)).toMatchObject({ ingested: 3, jobs: 1 });
    const all = await vanban(['ingest', ...seeds, '--db', join(dir, 'all.db'), '--json']);
    expect(summaryOf(all.stdout)).toMatchObject({ ingested: 3, jobs: Math.min(3, availableParallelism()) });
    const given = await vanban(['reprocess', '--all', '--jobs', '1', '--db', join(dir, 'all.db'), '--json']);
    expect(summaryOf(given.stdout)).toMatchObject({ replaced: 3, jobs: 1 });
  }, 60_000);
});

describe('--engine', () => {
  it('is refused unless auto, wasm or native, on every command that OCRs (exit 2)', async () => {
    const db = join(dir, 'refused.db');
    for (const args of [['ingest', scan, '--db', db], ['reprocess', '--all', '--db', db], ['extract', scan, '--db', db], ['ocr', scan]]) {
      const r = await vanban([...args, '--engine', 'gpu']);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain('--engine must be one of auto, wasm, native, not "gpu"');
    }
  }, 60_000);

  it('wasm: the log, the summary, --json and stats say which engine read the pages', async () => {
    const db = join(dir, 'wasm.db');
    const text = join(FIXTURES, SEEDS[0]!);
    const r = await vanban(['ingest', scan, text, '--engine', 'wasm', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/ingested .*page\.jpg \(1 document, 1 page, OCR wasm, \d+ ms\)/);
    expect(r.stderr).toMatch(/ingested .*000_6b0889c3ebd00c42\.txt \(3 documents, \d+ ms\)/); // no OCR, no engine
    expect(r.stdout).toContain('OCR: 1 page with tesseract.js (wasm)\n');
    const stats = await vanban(['stats', '--db', db]);
    expect(stats.stdout).toMatch(/^OCR engines \(pages\) +wasm 1$/m);
    const json = StatsOutput.parse(JSON.parse((await vanban(['stats', '--json', '--db', db])).stdout));
    expect(json.ocrEngines).toEqual([{ key: 'wasm', count: 1 }]);
    const extract = JSON.parse((await vanban(['extract', scan, '--engine', 'wasm', '--json', '--db', db])).stdout);
    expect(extract.messages).toContainEqual(expect.objectContaining({ stage: 'ocr', ruleId: 'engine-wasm', severity: 'info' }));
  }, 120_000);

  it('auto without a tesseract binary reads with tesseract.js; native without one fails the file and says why', async () => {
    // A PATH with node and nothing else (node's own folder may hold tesseract too: /usr/bin).
    const bin = join(dir, 'node-only');
    mkdirSync(bin, { recursive: true });
    if (!existsSync(join(bin, 'node'))) symlinkSync(process.execPath, join(bin, 'node'));
    const noTesseract = { PATH: bin };
    const auto = await vanban(['ocr', scan, '--engine', 'auto', '--json'], noTesseract);
    expect(auto.code, auto.stderr).toBe(0);
    expect(JSON.parse(auto.stdout).messages).toContainEqual(expect.objectContaining({ ruleId: 'engine-wasm' }));
    const byEnv = await vanban(['ingest', scan, '--db', join(dir, 'native.db'), '--json'], { ...noTesseract, VANBAN_OCR_ENGINE: 'native' });
    expect(byEnv.code).toBe(1);
    expect(summaryOf(byEnv.stdout).failures[0].reason).toMatch(/native OCR engine chosen but `tesseract` is not on PATH/);
  }, 120_000);
});
