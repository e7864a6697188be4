import { describe, expect, it } from 'vitest';
import { citedLabel } from '../../src/query/common.ts';

describe('citedLabel (the CITED column of refs and show)', () => {
  it('a law cited by name is named once, not "Luật Luật …"', () => {
    expect(citedLabel({ number: null, type: 'Luật', name: 'Luật Tổ chức chính quyền địa phương' })).toBe('Luật Tổ chức chính quyền địa phương');
    expect(citedLabel({ number: null, type: 'Pháp lệnh', name: 'Pháp lệnh Dân số' })).toBe('Pháp lệnh Dân số');
  });
  it('a numbered document by its number', () => expect(citedLabel({ number: '45/2020/NĐ-CP', type: 'Nghị định', name: null })).toBe('45/2020/NĐ-CP'));
});
