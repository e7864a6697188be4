/**
 * Place names come back from restoration: every province of data/gazetteer/provinces.tsv spells
 * valid syllables, and written without marks after its level word ("tinh Dak Lak") is restored
 * exactly. The names reach the model through its counts (loadBaseCounts), not a list here.
 */
import { describe, expect, it } from 'vitest';
import { gazetteer } from '../../src/knowledge/gazetteer.ts';
import { canonicalSyllable } from '../../src/knowledge/syllable.ts';
import { buildModel, restoreText } from '../../src/restore/index.ts';
import { stripDiacritics } from '../../src/restore/evaluate.ts';
import { vanban } from '../ingest/cli.ts';

const provinces = gazetteer().provinces;
const model = buildModel();

describe('restore: place names', () => {
  it.each([
    ['Uy ban nhan dan tinh Dak Lak va tinh Kon Tum', 'Ủy ban nhân dân tỉnh Đắk Lắk và tỉnh Kon Tum'],
    ['So Tai chinh tinh Dak Nong', 'Sở Tài chính tỉnh Đắk Nông'],
  ])('vanban restore: %s → %s', async (input, want) => {
    const r = await vanban(['restore'], {}, input + '\n');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(want + '\n');
  });

  it('the table has the provinces, Central Highlands included', () => {
    expect(provinces.length).toBeGreaterThanOrEqual(63);
    expect(provinces.map((p) => p.name)).toEqual(expect.arrayContaining(['Đắk Lắk', 'Đắk Nông', 'Kon Tum', 'Bắc Kạn']));
  });

  it.each(provinces.map((p) => [p.name, p]))('%s: every word is a valid syllable in its canonical spelling', (_, p) => {
    for (const w of p.name.split(/[\s-]+/).filter(Boolean)) expect(canonicalSyllable(w), w).toBe(w.toLowerCase());
  });

  it.each(provinces.map((p) => [`${p.kind} ${p.name}`]))('%s comes back from the text without marks', (sentence) => {
    const plain = stripDiacritics(sentence);
    expect(plain).not.toBe(sentence);
    expect(restoreText(plain, model, { force: true }).text).toBe(sentence);
  });

  // The heads of body names (data/gazetteer/body-kinds.tsv) reach the model too: Party bodies,
  // whose words the shipped prose rarely holds ("Dang bo" read "Đang bỏ", "Thanh uy" "Thanh ủy").
  it.each([
    ['Ban Chap hanh Dang bo tinh Thai Binh', 'Ban Chấp hành Đảng bộ tỉnh Thái Bình'],
    ['Thanh uy Ho Chi Minh', 'Thành ủy Hồ Chí Minh'],
    ['Ban Thuong vu Tinh uy Nghe An', 'Ban Thường vụ Tỉnh ủy Nghệ An'],
    ['UBND TINH THUA THIEN HUE', 'UBND TỈNH THỪA THIÊN HUẾ'],
  ])('%s → %s', (input, want) => {
    expect(restoreText(input, model, { force: true }).text).toBe(want);
  });

  it("keeps a capital inside a word: a Highland name (H'Lim) restored keeps its case", () => {
    expect(restoreText("Ong H'Lim Nie Kdam ky", model, { force: true }).text).toMatch(/H'Lim/);
  });
});
