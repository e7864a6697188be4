import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { textQuality } from '../../src/ocr/quality.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/pdf/${name}`, import.meta.url), 'utf8');

describe('text-layer quality check', () => {
  it('accepts the text of real documents', () => {
    for (const f of ['s000.txt', 's001.txt', 's004.txt']) {
      const q = textQuality(fixture(f));
      expect(q.ok, f).toBe(true);
      expect(q.wellFormed).toBeGreaterThan(0.97);
    }
    // Seed 002 is real OCR output with lost diacritics: still a usable text, not a broken glyph map.
    expect(textQuality(readFileSync(new URL('../../fixtures/002_014cd450a2b81092.txt', import.meta.url), 'utf8')).ok).toBe(true);
  });

  it('rejects text from broken glyph maps', () => {
    expect(textQuality('Ủy ban nhân dân tỉnh vêBthực hiện Số#: 7260 Quy¶t ®Þnh cña Chñ tÞch').ok).toBe(false);
    expect(textQuality('C¤NG HßA X· HéI CHñ NGHÜA VIÖT NAM §éc lËp - Tù do - H¹nh phóc').ok).toBe(false);
    expect(textQuality('Kế hoạch \uFFFD\uFFFD thực hiện \uE010\uE011 dịch vụ công trực tuyến trên địa bàn tỉnh').ok).toBe(false);
  });

  it('accepts codes, numbers and abbreviations', () => {
    const q = textQuality('Số: 7260/VP-KGVX ngày 17/11/2020 của UBND tỉnh, Nghị định 45/2020/NĐ-CP, P.KGVX, LĐVP');
    expect(q.ok).toBe(true);
    expect(q.wellFormed).toBe(1);
  });

  it('needs a few words before judging', () => {
    expect(textQuality('').ok).toBe(false);
    expect(textQuality('12').words).toBe(0);
  });
});
