/**
 * A table row cut by a page break (Word's default for tables), on a born-digital PDF and on its
 * 200-dpi scan (two small pages, scripts/make-table-scans.ts): one table, the header printed
 * again on page 2 dropped, the row's two parts one row, cell by cell.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadFile } from '../../src/load/index.ts';
import { closeOcr, ocrFile, setOcrEngine } from '../../src/ocr/index.ts';
import { compose, stage } from '../../src/pipeline.ts';
import { fold, normalizeFile } from '../../src/normalize/index.ts';
import { segmentFile } from '../../src/segment/index.ts';
import { extractFile } from '../../src/extract/index.ts';
import { cer } from '../../src/ocr/cer.ts';
import type { VbFile } from '../../schemas/document.ts';

const fixture = (name: string) => new URL(`../../fixtures/pdf/${name}`, import.meta.url).pathname;

async function extracted(name: string): Promise<VbFile> {
  const file = await ocrFile(await loadFile(fixture(name)));
  const rest = compose(stage('normalize', normalizeFile), stage('segment', segmentFile), stage('extract', extractFile));
  for await (const f of rest((async function* () { yield file; })())) return f;
  throw new Error('no file');
}

afterAll(closeOcr);

// What page 1 holds of row 2 ends "kiểm soát TTHC; thực"; page 2 goes on "hiện cơ chế một cửa".
const ROW2 = 'Chủ động phối hợp thông tin, tuyên truyền với các Cơ quan thông tấn báo chí làm phóng sự, viết tin, bài đăng tải lên các phương tiện thông tin đại chúng về thực tế cách làm hay, điểm sáng trong cải cách, kiểm soát TTHC; thực hiện cơ chế một cửa, một cửa liên thông và Hành chính công; cải thiện môi trường kinh doanh, nâng cao năng lực cạnh tranh của tỉnh; việc tiếp nhận hồ sơ, trả kết quả giải quyết TTHC qua dịch vụ Bưu chính công ích; đẩy mạnh cung cấp, thực hiện dịch vụ công trực tuyến qua Cổng Dịch vụ công Quốc gia, Cổng Dịch vụ công tỉnh ... của đơn vị, địa phương để cung cấp thông tin cho người dân, doanh nghiệp biết và thực hiện';
const PARTNERS2 = 'Đài PT&TH Bình Dương; Báo Bình Dương; các Cơ quan thông tấn báo chí khác có liên quan đóng trên địa bàn tỉnh';

describe('a table row cut by a page break', () => {
  for (const [name, tol] of [['s003-split.pdf', 0], ['s003-split-scan200.pdf', 0.03]] as const) {
    it(`${name}: one table, the repeated header dropped, the cut row one row`, async () => {
      if (name.includes('scan')) setOcrEngine('wasm');
      const f = await extracted(name);
      expect(f.pages.length).toBe(2);
      const tables = f.documents.flatMap((d) => d.tables);
      expect(tables.length).toBe(1);
      const rows = tables[0].rows;
      expect(rows.map((r) => r.label)).toEqual(['1', '2']);
      const text = (col: number) => fold(rows[1].cells[col].text);
      expect(cer(text(1), fold(ROW2))).toBeLessThanOrEqual(tol);
      expect(cer(text(3), fold(PARTNERS2))).toBeLessThanOrEqual(tol);
      // Row 2 starts on page 1 and keeps that page.
      expect(rows[1].page).toBe(1);
      const tasks = f.documents.flatMap((d) => d.tasks);
      expect(tasks.length).toBe(2);
      expect(fold(tasks[1].content)).toMatch(/biet va thuc hien$/);
    });
  }
});
