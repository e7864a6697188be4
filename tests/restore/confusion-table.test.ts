import { describe, expect, it } from 'vitest';
import { CONFUSION_FILE, defaultConfusionTable, parseConfusionTable } from '../../src/restore/channel.ts';

describe('confusion tables parsed row by row', () => {
  it('the shipped tables load', () => {
    const t = defaultConfusionTable();
    expect(t.single.size + t.multi.size).toBeGreaterThan(20);
  });

  it('reads rows, a note column and x* tone expansion', () => {
    const t = parseConfusionTable('# observed\tintended\tcost\tnote\nir\tử\t0.4\ta note\nu\tư*\t0.5\n');
    expect(t.multi.get('ir')?.get('ử')).toBe(0.4);
    expect(t.single.get('u')?.get('ự')).toBe(0.5);
  });

  it.each([
    ['ir\tử\tcheap\n', 'cost: not a cost'],
    ['ir\tử\t-1\n', 'cost: not a cost'],
    ['ir\tử\n', 'cost: empty'],
    ['ir\t\t0.4\n', 'intended: empty'],
  ])('a bad row %j fails with file and line', (row, reason) => {
    expect(() => parseConfusionTable(`# note\nu\tư\t0.3\n${row}`, undefined, false, CONFUSION_FILE)).toThrow(`${CONFUSION_FILE}:3: ${reason}`);
  });
});
