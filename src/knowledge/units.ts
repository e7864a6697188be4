/**
 * The units targets are stated in (data/codes/units.tsv), read once and checked: counted outputs,
 * money, measures, and the periods a value may be given per.
 */
import { z } from 'zod';
import { dataPath } from '../lib/root.ts';
import { readTable } from './table.ts';

export const UnitRow = z.object({ unit: z.string().min(1), kind: z.enum(['count', 'amount', 'measure', 'rate']) });
export type Unit = z.infer<typeof UnitRow>;

let cache: Unit[] | null = null;
export function units(): Unit[] {
  return (cache ??= readTable(dataPath('codes', 'units.tsv'), UnitRow));
}

/** The units of one kind, as written. */
export function unitsOf(kind: Unit['kind']): string[] {
  return units().filter((u) => u.kind === kind).map((u) => u.unit);
}
