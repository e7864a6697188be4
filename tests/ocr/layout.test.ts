import { describe, expect, it } from 'vitest';
import { readingOrder, rowsFromFragments, type Fragment } from '../../src/ocr/layout.ts';

/** A line of text at (x, y) in points, 13 pt type, words as separate fragments like pdfjs gives. */
function line(text: string, x: number, y: number, size = 13): Fragment[] {
  const frags: Fragment[] = [];
  let cx = x;
  for (const w of text.split(' ')) {
    const width = w.length * size * 0.5;
    frags.push({ text: w, box: [cx, y - size * 0.85, cx + width, y + size * 0.2] });
    cx += width + size * 0.25;
  }
  return frags;
}

describe('reading order', () => {
  it('reads the two-column header band by band: issuer, quốc hiệu, số, date, then V/v', () => {
    const frags = [
      ...line('UBND TỈNH KIÊN GIANG', 70, 70),
      ...line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 300, 70),
      ...line('VĂN PHÒNG', 110, 85),
      ...line('Độc lập - Tự do - Hạnh phúc', 340, 85),
      ...line('Số: 7260/VP-KGVX', 90, 110),
      ...line('Kiên Giang, ngày 17 tháng 11 năm 2020', 320, 110),
      ...line('V/v thực hiện Quyết định số', 80, 125),
      ...line('815/QĐ-VPCP ngày 04/11/2020', 80, 140),
      ...line('Kính gửi: Sở Thông tin và Truyền thông', 85, 170),
    ];
    const text = readingOrder(rowsFromFragments(frags), 595)
      .map((l) => l.text)
      .filter(Boolean);
    expect(text).toEqual([
      'UBND TỈNH KIÊN GIANG',
      'VĂN PHÒNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 7260/VP-KGVX',
      'Kiên Giang, ngày 17 tháng 11 năm 2020',
      'V/v thực hiện Quyết định số',
      '815/QĐ-VPCP ngày 04/11/2020',
      'Kính gửi: Sở Thông tin và Truyền thông',
    ]);
  });

  it('rebuilds a table from item positions, joining wrapped cells into their row', () => {
    const cols = [60, 100, 300, 420];
    const row = (y: number, cells: string[]) => cells.flatMap((c, i) => (c ? line(c, cols[i], y, 11) : []));
    const frags = [
      ...line('Phụ lục kế hoạch', 60, 40, 11),
      ...row(80, ['TT', 'Nội dung', 'Thời gian', 'Chủ trì']),
      ...row(95, ['1', 'Tập huấn công chức', 'Quý I/2021', 'Sở TTTT']),
      ...row(108, ['', 'cấp xã', '', '']),
      ...row(123, ['2', 'Tuyên truyền', 'Hằng năm', 'Đài PTTH']),
    ];
    const lines = readingOrder(rowsFromFragments(frags), 595).map((l) => l.text);
    expect(lines).toContain('TT\tNội dung\tThời gian\tChủ trì');
    expect(lines).toContain('1\tTập huấn công chức cấp xã\tQuý I/2021\tSở TTTT');
    expect(lines).toContain('2\tTuyên truyền\tHằng năm\tĐài PTTH');
  });

  it('keeps a justified paragraph as one block of lines', () => {
    const frags = [...line('Ủy ban nhân dân tỉnh ban hành Kế hoạch', 85, 200), ...line('triển khai thực hiện Đề án như sau:', 85, 216)];
    const out = readingOrder(rowsFromFragments(frags), 595);
    expect(out.map((l) => l.text)).toEqual(['Ủy ban nhân dân tỉnh ban hành Kế hoạch', 'triển khai thực hiện Đề án như sau:']);
    expect(out[0].box![0]).toBeCloseTo(85);
  });
});

describe('ruled tables', () => {
  it('places text in the cell holding its centre and ignores lone boxes', async () => {
    const { extractTables, rulesFromBoxes } = await import('../../src/ocr/tables.ts');
    // Two columns × two rows of cells drawn as rectangles, plus a lone framed note elsewhere.
    const cells: [number, number, number, number][] = [
      [50, 100, 100, 120],
      [100, 100, 300, 120],
      [50, 120, 100, 150],
      [100, 120, 300, 150],
      [50, 400, 300, 430],
    ];
    const frags = [
      ...line('TT', 55, 115, 10),
      ...line('Nội dung', 105, 115, 10),
      ...line('1', 55, 135, 10),
      ...line('Tập huấn cán bộ', 105, 133, 10),
      ...line('cấp xã', 105, 146, 10),
      ...line('Ghi chú trong khung', 60, 420, 10),
    ];
    const { tables, rest } = extractTables(rulesFromBoxes(cells), frags);
    expect(tables).toHaveLength(1);
    expect(tables[0].lines.map((l) => l.text)).toEqual(['TT\tNội dung', '1\tTập huấn cán bộ cấp xã']);
    expect(rest.map((f) => f.text).join(' ')).toBe('Ghi chú trong khung');
  });
});
