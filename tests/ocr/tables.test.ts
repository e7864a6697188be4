import { describe, expect, it } from 'vitest';
import { extractTables, tableGrids } from '../../src/ocr/tables.ts';
import { ocrLines, onRule, tableCellText } from '../../src/ocr/index.ts';
import type { Fragment } from '../../src/ocr/layout.ts';
import type { OcrPage } from '../../src/ocr/pool.ts';
import type { Rule } from '../../schemas/ocr.ts';

// A plan table: TT | Nội dung | Chủ trì | Thời gian; row 1 is a group row merged across all columns.
const XS = [40, 70, 260, 400, 500];
const YS = [100, 130, 150, 200, 250];

/** Rules of the grid; `skip` lists [column boundary, row] pieces not drawn (or lost by the scan). */
function rules(skip: [number, number][] = []): Rule[] {
  const out: Rule[] = YS.map((y) => ({ kind: 'h' as const, at: y, from: XS[0], to: XS[XS.length - 1] }));
  XS.forEach((x, c) => {
    for (let r = 0; r < YS.length - 1; r++) if (!skip.some(([sc, sr]) => sc === c && sr === r)) out.push({ kind: 'v', at: x, from: YS[r], to: YS[r + 1] });
  });
  return out;
}

/** Words of a line at (x, baseline y), 10 pt type, as an OCR engine or a text layer gives them. */
function words(text: string, x: number, y: number, size = 10): Fragment[] {
  const out: Fragment[] = [];
  let cx = x;
  for (const w of text.split(' ')) {
    const width = w.length * size * 0.5;
    out.push({ text: w, box: [cx, y - size * 0.8, cx + width, y + size * 0.2], confidence: 0.9 });
    cx += width + size * 0.28;
  }
  return out;
}

const GROUP_ROW_SKIP: [number, number][] = [[1, 1], [2, 1], [3, 1]];

function plan(): Fragment[] {
  return [
    ...words('TT', 45, 120),
    ...words('Nội dung', 75, 120),
    ...words('Chủ trì', 265, 120),
    ...words('Thời gian', 405, 120),
    ...words('I. Nhiệm vụ chung của các cơ quan', 45, 144),
    ...words('1', 50, 165),
    ...words('Tập huấn, định hướng công', 75, 165),
    ...words('tác tuyên truyền', 75, 178),
    ...words('Cục Kiểm soát', 265, 165),
    ...words('thủ tục hành chính', 265, 178),
    ...words('Quý III/2021', 405, 165),
    ...words('2', 50, 215),
    ...words('Xây dựng tờ rơi', 75, 215),
    // No lead: an empty cell.
    ...words('Trong năm 2021', 405, 215),
  ];
}

describe('ruled tables: words into cells', () => {
  it('a merged group row keeps its text in the first cell and every column after it', () => {
    const { tables, rest } = extractTables(rules(GROUP_ROW_SKIP), [...plan(), ...words('Ghi chú dưới bảng', 40, 280)]);
    expect(tables.length).toBe(1);
    expect(tables[0].lines.map((l) => l.text)).toEqual([
      'TT\tNội dung\tChủ trì\tThời gian',
      'I. Nhiệm vụ chung của các cơ quan\t\t\t',
      '1\tTập huấn, định hướng công tác tuyên truyền\tCục Kiểm soát thủ tục hành chính\tQuý III/2021',
      '2\tXây dựng tờ rơi\t\tTrong năm 2021',
    ]);
    // Words outside the grid go on to the page's flow.
    expect(rest.map((f) => f.text).join(' ')).toBe('Ghi chú dưới bảng');
    expect(tables[0].lines[2].confidence).toBeCloseTo(0.9);
  });

  it('a rule lost in one row (text apart on both sides) does not merge or shift its cells', () => {
    // Row 2 has no rule between "Nội dung" and "Chủ trì", and no piece of the group row either.
    const { tables } = extractTables(rules([...GROUP_ROW_SKIP, [2, 2]]), plan());
    expect(tables[0].lines[2].text).toBe('1\tTập huấn, định hướng công tác tuyên truyền\tCục Kiểm soát thủ tục hành chính\tQuý III/2021');
  });

  it('without the merge, the group row would be cut at the column boundaries', () => {
    // The same words, but the group row ruled into cells: then each cell holds what is in it.
    const { tables } = extractTables(rules(), plan());
    expect(tables[0].lines[1].text.split('\t').length).toBe(4);
    expect(tables[0].lines[1].text.split('\t')[0]).not.toBe('I. Nhiệm vụ chung của các cơ quan');
  });

  it('tableGrids: a box or an underline is no table', () => {
    const box: Rule[] = [
      { kind: 'h', at: 10, from: 10, to: 100 },
      { kind: 'h', at: 50, from: 10, to: 100 },
      { kind: 'v', at: 10, from: 10, to: 50 },
      { kind: 'v', at: 100, from: 10, to: 50 },
      { kind: 'h', at: 300, from: 10, to: 200 },
    ];
    expect(tableGrids(box)).toEqual([]);
    expect(tableGrids(rules()).length).toBe(1);
  });
});

describe('ocrLines with the page rules', () => {
  const SCALE = 72 / 200;
  /** An OCR result for words given in points, skewed by `deg` about the origin, in 200-dpi pixels. */
  function ocrPage(lines: Fragment[][], deg: number): OcrPage {
    const a = (deg * Math.PI) / 180;
    const px = (x: number, y: number) => [(x * Math.cos(a) - y * Math.sin(a)) / SCALE, (x * Math.sin(a) + y * Math.cos(a)) / SCALE];
    return {
      width: 1654,
      height: 2339,
      confidence: 0.9,
      lines: lines.map((ws, block) => ({
        text: ws.map((w) => w.text).join(' '),
        confidence: 0.9,
        bbox: [0, 0, 0, 0],
        baseline: null,
        block,
        words: ws.map((w) => {
          const [cx, cy] = px((w.box[0] + w.box[2]) / 2, (w.box[1] + w.box[3]) / 2);
          const hw = (w.box[2] - w.box[0]) / 2 / SCALE;
          const hh = (w.box[3] - w.box[1]) / 2 / SCALE;
          return { text: w.text, confidence: 0.95, bbox: [cx - hw, cy - hh, cx + hw, cy + hh] as [number, number, number, number] };
        }),
      })),
    };
  }

  it('lays a skewed page out as its table, the rest as text, and drops rules read as "|"', () => {
    // OCR gives lines across cells (tesseract joins words of one baseline), and a rule as "|".
    const frags = plan();
    const lines: Fragment[][] = [];
    for (const f of frags) {
      const l = lines.find((ln) => Math.abs(ln[0].box[3] - f.box[3]) < 1);
      if (l) l.push(f);
      else lines.push([f]);
    }
    lines[2].push({ text: '|', box: [259, 158, 261, 168], confidence: 0.4 });
    lines.push(words('Nơi nhận:', 40, 300));
    const deg = 0.8;
    const page = ocrPage(lines, deg);
    const ruled = { rules: rules(GROUP_ROW_SKIP), angle: (deg * Math.PI) / 180 };
    const out = ocrLines(page, 595, SCALE, ruled).map((l) => l.text);
    expect(out).toEqual([
      'TT\tNội dung\tChủ trì\tThời gian',
      'I. Nhiệm vụ chung của các cơ quan\t\t\t',
      '1\tTập huấn, định hướng công tác tuyên truyền\tCục Kiểm soát thủ tục hành chính\tQuý III/2021',
      '2\tXây dựng tờ rơi\t\tTrong năm 2021',
      '',
      'Nơi nhận:',
    ]);
  });

  it('onRule: only stroke-like words across a rule', () => {
    const r: Rule[] = [{ kind: 'v', at: 100, from: 0, to: 200 }];
    expect(onRule({ text: '|', box: [99, 50, 101, 60] }, r)).toBe(true);
    expect(onRule({ text: 'l', box: [99.5, 50, 101.5, 60] }, r)).toBe(true);
    expect(onRule({ text: 'Sở', box: [99, 50, 110, 60] }, r)).toBe(false);
    expect(onRule({ text: '|', box: [150, 50, 152, 60] }, r)).toBe(false);
  });
});

describe('OCR table cell text', () => {
  it('drops dust read as a period before a lower-case word, keeps real periods', () => {
    expect(tableCellText('1\tVăn phòng UBND. tỉnh ; Sở Tư pháp\tTP. Hồ Chí Minh. Các Sở\tv.v.')).toBe('1\tVăn phòng UBND tỉnh; Sở Tư pháp\tTP. Hồ Chí Minh. Các Sở\tv.v.');
    expect(tableCellText('2\tTháng ¡12/2021\t| | - Cục Kiểm soát |\t')).toBe('2\tTháng 12/2021\t- Cục Kiểm soát\t');
  });
});
