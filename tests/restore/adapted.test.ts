/**
 * The archive-adapted language model: a mixture of the shipped-plus-archive counts and the
 * archive's own text alone, weighted by how much the archive has written.
 */
import { describe, expect, it } from 'vitest';
import { restoreText } from '../../src/restore/decode.ts';
import { adoptModel, buildModel, modelFor, shareModel } from '../../src/restore/index.ts';
import { ADAPTED_MAX_WEIGHT, AdaptedModel, adaptedWeight, NgramCounts } from '../../src/restore/ngram.ts';

const own = new NgramCounts();
own.addText(
  'Các bệnh viện tổ chức tập huấn phác đồ chẩn đoán, điều trị sốt xuất huyết cho cán bộ y tế.\n' +
    'Cập nhật phác đồ điều trị bệnh sốt xuất huyết Dengue cho các bệnh viện tuyến huyện.',
);
const typed = 'Tap huan phac do chan doan, dieu tri sot xuat huyet cho can bo y te cac tuyen va cac benh vien.';

describe('a model adapted to the archive', () => {
  it("restores the archive's own phrasing that the shipped model gets wrong", () => {
    const shipped = restoreText(typed, modelFor()).text;
    expect(shipped).not.toContain('phác đồ chẩn đoán, điều trị sốt xuất huyết');
    const adapted = restoreText(typed, buildModel({ extra: [own] })).text;
    expect(adapted).toBe('Tập huấn phác đồ chẩn đoán, điều trị sốt xuất huyết cho cán bộ y tế các tuyến và các bệnh viện.');
  });

  it('is a mixture: its probabilities over the vocabulary sum to at most 1, and not far below', () => {
    const m = buildModel({ extra: [own] }).lm;
    expect(m).toBeInstanceOf(AdaptedModel);
    const lm = m as AdaptedModel;
    for (const [u, v] of [['<s>', '<s>'], ['phác', 'đồ'], ['sốt', 'xuất']]) {
      let sum = 0;
      for (let w = 0; w < lm.base.words.length; w++) sum += Math.exp(lm.logProb(lm.idOf(u!), lm.idOf(v!), w));
      expect(sum).toBeLessThanOrEqual(1 + 1e-9);
      expect(sum).toBeGreaterThan(0.95);
    }
  });

  it("weighs the archive's own model by its size, never past the maximum", () => {
    expect(adaptedWeight(0)).toBe(0);
    const ws = [100, 1_000, 10_000, 100_000, 10_000_000].map(adaptedWeight);
    for (let i = 1; i < ws.length; i++) expect(ws[i]!).toBeGreaterThan(ws[i - 1]!);
    expect(ws.at(-1)!).toBeLessThan(ADAPTED_MAX_WEIGHT);
    expect(adaptedWeight(100)).toBeLessThan(0.05); // one short document moves little
  });

  it('gives the same probabilities once shared with other threads', () => {
    const archive = { id: 'test-archive', data: own.serialize() };
    const here = modelFor(archive).lm;
    const there = adoptModel(shareModel(archive)).lm;
    const ids = ['phác', 'đồ', 'điều', 'trị', 'bệnh', 'viện', '<s>'].map((w) => here.idOf(w));
    for (const u of ids) for (const v of ids) for (const w of ids) expect(there.logProb(u, v, w)).toBeCloseTo(here.logProb(u, v, w), 12);
  });
});
