import { describe, expect, it } from 'vitest';
import { loadBytes } from '../../src/load/index.ts';

describe('JSON is data, not a document', () => {
  it('is refused with a reason naming the file', () => {
    const f = loadBytes('fixtures/gold/x.json', Buffer.from('{"documents": []}\n'));
    expect(f.source.mediaType).toBe('application/json');
    expect(f.messages[0]).toMatchObject({ severity: 'error', ruleId: 'unsupported-type' });
    expect(f.messages[0].reason).toContain('fixtures/gold/x.json');
  });
  it('text that merely starts with a bracket stays text', () => {
    expect(loadBytes('a.txt', Buffer.from('[Dự thảo] Kế hoạch số 12/KH-UBND\n')).source.mediaType).toBe('text/plain');
  });
});
