import { describe, expect, it } from 'vitest';
import { findLines, maskLines, otsu, rulesFromImage } from '../../src/ocr/rules.ts';
import type { Rule } from '../../schemas/ocr.ts';
import { broken, drawPage, grid, textBlobs, type Segment } from './synthetic-page.ts';

const SCALE = 72 / 200; // points per pixel of a 200-dpi page
const XS = [100, 180, 480, 620, 900];
const YS = [100, 160, 260, 320, 440, 640];
const W = 1000;
const H = 700;

const diffs = (v: number[]) => v.slice(1).map((x, i) => x - v[i]);
const hs = (rules: Rule[]) => rules.filter((r) => r.kind === 'h').sort((a, b) => a.at - b.at);
const vs = (rules: Rule[]) => rules.filter((r) => r.kind === 'v').sort((a, b) => a.at - b.at || a.from - b.from);

/** Text in every cell, so the page looks like a table page and not a bare grid. */
function cellText(): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  for (let r = 0; r < YS.length - 1; r++) {
    for (let c = 0; c < XS.length - 1; c++) {
      const lines = Math.max(1, Math.floor((YS[r + 1] - YS[r] - 16) / 34));
      out.push(...textBlobs(XS[c] + 10, YS[r] + 14, XS[c + 1] - 10, lines, r * 10 + c));
    }
  }
  return out;
}

/** The grid the rules describe, up to a shift: spacing of rows and columns, rule lengths. */
function expectGrid(rules: Rule[], tol = 0.7) {
  const h = hs(rules);
  const v = vs(rules);
  expect(h.length).toBe(YS.length);
  expect(v.length).toBe(XS.length);
  diffs(h.map((r) => r.at)).forEach((d, i) => expect(Math.abs(d - (YS[i + 1] - YS[i]) * SCALE)).toBeLessThan(tol));
  diffs(v.map((r) => r.at)).forEach((d, i) => expect(Math.abs(d - (XS[i + 1] - XS[i]) * SCALE)).toBeLessThan(tol));
  for (const r of h) expect(Math.abs(r.to - r.from - (XS[XS.length - 1] - XS[0]) * SCALE)).toBeLessThan(2);
  for (const r of v) expect(Math.abs(r.to - r.from - (YS[YS.length - 1] - YS[0]) * SCALE)).toBeLessThan(2);
  // Deskewed: every horizontal rule starts where the first vertical is, and ends at the last.
  for (const r of h) {
    expect(Math.abs(r.from - v[0].at)).toBeLessThan(1.5);
    expect(Math.abs(r.to - v[v.length - 1].at)).toBeLessThan(1.5);
  }
}

describe('ruling lines in a page image', () => {
  it('finds every rule of a clean grid, in points, and nothing in the text', () => {
    const bm = drawPage({ width: W, height: H, segments: grid(XS, YS), blobs: cellText() });
    const { rules, angle } = rulesFromImage(bm, SCALE);
    expect(Math.abs(angle)).toBeLessThan(0.001);
    expectGrid(rules);
    expect(hs(rules)[0].at).toBeCloseTo((YS[0] + 0.5) * SCALE, 0);
    expect(vs(rules)[0].at).toBeCloseTo((XS[0] + 0.5) * SCALE, 0);
  });

  it('text alone gives no rules', () => {
    const bm = drawPage({ width: W, height: H, segments: [], blobs: cellText(), noiseSigma: 10, seed: 3 });
    expect(findLines(bm, SCALE).lines).toEqual([]);
  });

  it('letters stacked line above line are not a vertical rule', () => {
    // An "l" (3 × 26 px, 9.4 pt) in the same place on eight lines, 34 px apart, and a bold word.
    const stems: [number, number, number, number][] = Array.from({ length: 8 }, (_, i) => [300, 100 + i * 34, 303, 126 + i * 34]);
    const bold: [number, number, number, number][] = Array.from({ length: 12 }, (_, i) => [400 + i * 16, 400, 414 + i * 16, 420]);
    const bm = drawPage({ width: W, height: H, segments: [], blobs: [...stems, ...bold], noiseSigma: 6, seed: 4 });
    expect(findLines(bm, SCALE).lines).toEqual([]);
  });

  for (const skew of [1, -1, 0.4]) {
    it(`undoes a ${skew}° skew: one rule per printed rule, the grid square again`, () => {
      const bm = drawPage({ width: W, height: H, skewDeg: skew, segments: grid(XS, YS), blobs: cellText(), noiseSigma: 8, seed: 5 });
      const { rules, angle } = rulesFromImage(bm, SCALE);
      expect(Math.abs((angle * 180) / Math.PI - skew)).toBeLessThan(0.05);
      expectGrid(rules);
    });
  }

  it('survives noise, specks and thin grey rules', () => {
    const thin = grid(XS, YS, 1.4);
    const bm = drawPage({ width: W, height: H, skewDeg: -0.7, segments: thin, blobs: cellText(), noiseSigma: 25, specks: 0.004, seed: 7 });
    expectGrid(rulesFromImage(bm, SCALE).rules);
  });

  it('joins the pieces of broken rules', () => {
    const segs = broken(grid(XS, YS), 90, 14);
    const bm = drawPage({ width: W, height: H, skewDeg: 0.8, segments: segs, blobs: cellText(), noiseSigma: 12, seed: 9 });
    expectGrid(rulesFromImage(bm, SCALE).rules);
  });

  it('a merged row breaks the inner verticals there, the outer ones run through', () => {
    // Row 2 (a group row "I. Nhiệm vụ chung") spans all columns: no inner vertical across it.
    const segs = grid(XS, YS, 2, [1, 2, 3].map((c) => [c, 2] as [number, number]));
    const bm = drawPage({ width: W, height: H, skewDeg: 0.5, segments: segs, blobs: cellText(), noiseSigma: 8, seed: 11 });
    const { rules } = rulesFromImage(bm, SCALE);
    const v = vs(rules);
    expect(v.length).toBe(2 + 3 * 2);
    const groupMid = hs(rules)[2].at + ((YS[3] - YS[2]) / 2) * SCALE;
    const across = v.filter((r) => r.from < groupMid && r.to > groupMid);
    expect(across.length).toBe(2);
    expect(across[0].at).toBeLessThan(v[1].at);
  });

  it('an empty cell and a short cell do not lose their rules', () => {
    // No text at all, and one column boundary only in row 2: a piece 60 px (22 pt) long stays.
    const segs: Segment[] = grid(XS, YS, 2, [[2, 0], [2, 1], [2, 3], [2, 4]]);
    const bm = drawPage({ width: W, height: H, segments: segs, noiseSigma: 6, seed: 13 });
    const { rules } = rulesFromImage(bm, SCALE);
    const v = vs(rules);
    const piece = v.filter((r) => Math.abs(r.at - (XS[2] + 0.5) * SCALE) < 1);
    expect(piece.length).toBe(1);
    expect(piece[0].to - piece[0].from).toBeCloseTo((YS[3] - YS[2]) * SCALE, 0);
  });

  it('masking removes the rules and leaves the text', () => {
    const blobs = cellText();
    const bm = drawPage({ width: W, height: H, skewDeg: 0.6, segments: grid(XS, YS), blobs, noiseSigma: 6, seed: 15 });
    const inkBefore = countDark(bm.data);
    const { lines } = findLines(bm, SCALE);
    maskLines(bm, lines);
    expect(findLines(bm, SCALE).lines).toEqual([]);
    // The text's ink is still there (the rules' ink, about 2 px × their length, is gone).
    const ruleInk = 2 * ((XS[4] - XS[0]) * YS.length + (YS[5] - YS[0]) * XS.length);
    const textInk = blobs.reduce((s, [x0, y0, x1, y1]) => s + (x1 - x0) * (y1 - y0), 0);
    const after = countDark(bm.data);
    expect(after).toBeLessThan(inkBefore - ruleInk * 0.9);
    expect(after).toBeGreaterThan(textInk * 0.8);
  });

  it("Otsu's threshold splits paper from ink", () => {
    const bm = drawPage({ width: 200, height: 100, segments: [{ x0: 10, y0: 50, x1: 190, y1: 50, thickness: 20 }] });
    const t = otsu(bm.data);
    expect(t).toBeGreaterThan(40);
    expect(t).toBeLessThan(235);
  });
});

function countDark(d: Uint8Array): number {
  let n = 0;
  for (const v of d) if (v < 128) n++;
  return n;
}
