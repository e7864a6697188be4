import { describe, expect, it } from 'vitest';
import { named } from '../../src/store/sql.ts';

describe('PostgreSQL statements: prepared or planned for their values', () => {
  it('names a plain statement once, the same name every time', () => {
    const a = named('SELECT id FROM documents WHERE number_key = $1', ['1/QD']);
    expect(a.name).toMatch(/^vb\d+$/);
    expect(named('SELECT id FROM documents WHERE number_key = $1', ['2/QD']).name).toBe(a.name);
  });

  it('leaves a statement with optional filters unnamed, so each call is planned with its values', () => {
    const text = 'SELECT id FROM documents d WHERE (d.issued IS NULL OR $2 IS NULL OR d.issued = $2) AND (d.issuer IS NULL OR $3::text IS NULL OR d.issuer = $3)';
    const s = named(text, [1, null, 'Bộ Tài chính']);
    expect(s.name).toBeUndefined();
    expect(s).toEqual({ text, values: [1, null, 'Bộ Tài chính'] });
  });
});
