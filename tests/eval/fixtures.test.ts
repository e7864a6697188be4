import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runEval } from '../../src/eval/run.ts';
import { evaluate, loadGold, prf, type GoldFile } from '../../src/eval/index.ts';
import type { VbFile } from '../../schemas/document.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('vanban eval on the fixtures', () => {
  it('meets every threshold of eval.config.json', async () => {
    const { report, config, failed } = await runEval(root + 'fixtures', root + 'eval.config.json');
    expect(Object.keys(config.thresholds).sort()).toEqual(['header', 'references', 'signers', 'targets', 'tasks']);
    for (const type of Object.keys(config.thresholds)) expect(report.types[type], type).toBeDefined();
    expect(failed, JSON.stringify(report.misses.filter((m) => failed.some((f) => m.type.startsWith(f.type))), null, 1)).toEqual([]);
  });
});

describe('scoring', () => {
  const gold = loadGold(root + 'fixtures');

  it('merges the .tasks.json parts into the gold documents', () => {
    const g004 = gold.find((g) => g.file.startsWith('004_'))!;
    expect(g004.documents[0]!.targets.length).toBeGreaterThan(15);
    expect(g004.documents[0]!.tasks.length).toBeGreaterThan(0);
    expect(g004.documents[0]!.references.length).toBeGreaterThan(0);
  });

  it('counts an empty extraction as all misses and a wrong reference as both a miss and a false alarm', () => {
    const g: GoldFile = {
      file: 'x.txt',
      documents: [
        {
          document: { type: 'Kế hoạch', number: null, signers: [] },
          link: null,
          outline: [],
          references: [{ number: '45/2020/NĐ-CP', type: 'Nghị định', name: null }],
          targets: [{ value: 80, unit: '%', comparator: '>=', subject: 'hồ sơ được xử lý trực tuyến', deadline: '2025-12-31' }],
          tasks: [],
        },
      ],
    };
    const doc = (refs: any[], targets: any[]): VbFile =>
      ({
        source: { path: '/a/x.txt', hash: '', size: 0, mediaType: 'text/plain', encoding: null },
        original: '',
        text: '',
        pages: [],
        restored: [],
        messages: [],
        documents: [
          {
            index: 0, start: 0, end: 0, links: [], sections: [], tables: [], agencies: [], dates: [], tasks: [], persons: [],
            header: { type: 'Kế hoạch', number: null, issued: null, place: null, issuer: null, issuerParent: null, province: null, subject: null, signers: [], recipients: [], distribution: [] },
            references: refs,
            targets,
          },
        ],
      }) as VbFile;
    const empty = evaluate([g], [doc([], [])]);
    expect(prf(empty.types.references!).recall).toBe(0);
    expect(prf(empty.types.targets!).recall).toBe(0);
    const wrong = evaluate([g], [doc([{ number: '45/2021/NĐ-CP', type: 'Nghị định', name: null, relation: 'căn cứ' }], [{ value: 80, unit: '%', comparator: '=', subject: 'hồ sơ được xử lý trực tuyến', deadline: '2025-12-31' }])]);
    expect(wrong.types.references).toEqual({ tp: 0, fp: 1, fn: 1 });
    expect(wrong.types.targets).toEqual({ tp: 0, fp: 1, fn: 1 }); // comparator differs
    const right = evaluate([g], [doc([{ number: '45/2020/NĐ-CP', type: 'Nghị định', name: null, relation: 'căn cứ' }], [{ value: 80, unit: '%', comparator: '>=', subject: 'Hồ sơ TTHC được xử lý hoàn toàn trực tuyến', deadline: '2025-12-31' }])]);
    expect(right.types.references).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(right.types.targets).toEqual({ tp: 1, fp: 0, fn: 0 });
  });
});

describe('document alignment', () => {
  it('pairs by header when segmentation found a different number of documents', async () => {
    const { alignDocuments } = await import('../../src/eval/index.ts');
    const g = (type: string, number: string | null, subject: string) => ({ document: { type, number, subject }, link: null, outline: [], references: [], targets: [], tasks: [] });
    const d = (type: string, number: string | null, subject: string) => ({ header: { type, number, subject } }) as any;
    const gold = [g('Công văn', '1/VP', 'thực hiện quyết định'), g('Quyết định', '2/QĐ-VPCP', 'ban hành kế hoạch'), g('Kế hoạch', null, 'truyền thông dịch vụ công')];
    const docs = [d('Công văn', '1/VP', 'thực hiện quyết định'), d('Kế hoạch', null, 'truyền thông dịch vụ công')];
    expect(alignDocuments(gold, docs)).toEqual([[0, 0], [1, null], [2, 1]]);
  });
});
