import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agencyKind, canonicalAgency } from '../../src/knowledge/agencies.ts';
import { BodyKindRow, gazetteer } from '../../src/knowledge/gazetteer.ts';
import { fold } from '../../src/knowledge/fold.ts';
import { readTable } from '../../src/knowledge/table.ts';

describe('data/gazetteer/body-kinds.tsv', () => {
  it('heads are lower case, each once, with a known kind', () => {
    const kinds = new Set(['government', 'assembly', 'ministry', 'department', 'council', 'people-committee', 'mass', 'office', 'press', 'service-centre', 'party', 'police', 'enterprise']);
    const bodies = gazetteer().bodies;
    expect(bodies.length).toBeGreaterThan(40);
    for (const b of bodies) {
      expect(b.head).toBe(b.head.toLocaleLowerCase('vi'));
      if (b.kind) expect(kinds).toContain(b.kind);
    }
    expect(new Set(bodies.map((b) => fold(b.head))).size).toBe(bodies.length);
  });

  it('a bad flag fails with the file and line', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vanban-bodies-')), 'b.tsv');
    writeFileSync(path, '# note\nhead\tkind\tprovincial\tnaming\nsở\tdepartment\t1\t1\nphòng\t\tyes\t1\n');
    expect(() => readTable(path, BodyKindRow)).toThrow(`${path}:4: provincial: not 0 or 1`);
  });
});

describe('the kind of a body from the head of its name', () => {
  it.each([
    ['Sở Tài chính', 'department'],
    ['Bảo hiểm xã hội tỉnh Kiên Giang', 'department'], // longer than "báo"
    ['Báo Kiên Giang', 'press'],
    ['Bộ Tài chính', 'ministry'],
    ['Bộ phận Một cửa', 'service-centre'], // longer than "bộ"
    ['Hội đồng nhân dân tỉnh', 'council'],
    ['Hội Nông dân tỉnh', 'mass'],
    ['Thường trực Tỉnh ủy', 'party'],
    ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'mass'],
    ['Uy ban nhan dan tinh', 'people-committee'],
    ['các Sở, ban, ngành', 'department'],
    ['Phòng Tư pháp', null],
    ['Tổ công tác', null],
  ])('%j → %j', (name, kind) => expect(agencyKind(name)).toBe(kind));
});

describe('provincial heads take the document province', () => {
  const ctx = { province: 'Kiên Giang' };
  it.each([
    ['Sở Nội vụ', 'Sở Nội vụ tỉnh Kiên Giang'],
    ['Văn phòng Ủy ban nhân dân', 'Văn phòng Ủy ban nhân dân tỉnh Kiên Giang'],
    ['Công an tỉnh', 'Công an tỉnh Kiên Giang'],
    ['Trung tâm Phục vụ hành chính công', 'Trung tâm Phục vụ hành chính công tỉnh Kiên Giang'],
    // not one per province: left as written
    ['Phòng Nội vụ', 'Phòng Nội vụ'],
    ['Trung tâm Y tế', 'Trung tâm Y tế'],
  ])('%j → %j', (name, want) => expect(canonicalAgency(name, ctx).canonical).toBe(want));
});
