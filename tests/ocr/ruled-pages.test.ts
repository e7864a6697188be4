/**
 * Plans whose task table runs across pages (dev/scans, born-digital: no OCR, so it is quick):
 * one table however many pages, the header repeated on each page dropped, group rows merged
 * across the columns, and the task rows' leads and due dates those read off the tables.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/load/index.ts';
import { ocrFile } from '../../src/ocr/index.ts';
import { compose, stage } from '../../src/pipeline.ts';
import { normalizeFile } from '../../src/normalize/index.ts';
import { segmentFile } from '../../src/segment/index.ts';
import { extractFile } from '../../src/extract/index.ts';
import { score } from '../../scripts/eval-table-scans.ts';
import type { VbFile } from '../../schemas/document.ts';

const dir = new URL('../../dev/scans/', import.meta.url).pathname;
const goldFile = JSON.parse(readFileSync(dir + 'gold.json', 'utf8'));
const gold = { ...goldFile.tables, a003: goldFile.tables[goldFile.copies.a003] };

async function extracted(name: string): Promise<VbFile> {
  const file = await ocrFile(await loadFile(dir + name));
  const rest = compose(stage('normalize', normalizeFile), stage('segment', segmentFile), stage('extract', extractFile));
  for await (const f of rest((async function* () { yield file; })())) return f;
  throw new Error('no file');
}

describe('a ruled table across pages', () => {
  for (const [name, pages, rows] of [['t000', 4, 14], ['t003', 3, 22], ['a003', 4, 22]] as const) {
    it(`${name}: one table over ${pages} pages, headers dropped, every task row`, async () => {
      const f = await extracted(`${name}-digital.pdf`);
      expect(f.pages.length).toBe(pages);
      const tables = f.documents.flatMap((d) => d.tables);
      expect(tables.length).toBe(1);
      expect(tables[0].rows.length).toBe(rows);
      expect(tables[0].rows.filter((r) => r.kind === 'data').length).toBe(gold[name].length);
      const tasks = f.documents.flatMap((d) => d.tasks);
      const s = score(gold[name], tasks);
      expect(s.missed).toEqual([]);
      expect(s.spurious).toEqual([]);
    });
  }

  it('a003: landscape pages stored as portrait sheets with /Rotate 90 and 270 read the right way up; rows cut by a page break joined', async () => {
    const f = await extracted('a003-digital.pdf');
    expect(f.pages.map((p) => p.method)).toEqual(['textlayer', 'textlayer', 'textlayer', 'textlayer']);
    for (const p of f.pages) expect(Math.round(p.width ?? 0)).toBe(842);
    const rows = f.documents.flatMap((d) => d.tables)[0].rows;
    // Rows 6 of II.1 and 4 of II.2 begin at the foot of one page and end under the next page's header.
    const cell = (label: string, grp: string, col: number) => rows.find((r) => r.kind === 'data' && r.label === label && r.group === grp)?.cells[col]?.text;
    expect(cell('6', 'II.1', 1)).toMatch(/tổ chức, cá nhân dễ tiếp cận$/);
    expect(cell('6', 'II.1', 4)).toMatch(/các huyện, thị xã, thành phố trên địa bàn tỉnh$/);
    expect(cell('4', 'II.2', 1)).toMatch(/dịch vụ công, thanh toán trực tuyến,\.\.\.\) trên địa bàn tỉnh\.$/);
    expect(rows.filter((r) => r.kind === 'data' && !r.label)).toEqual([]);
  });
});
