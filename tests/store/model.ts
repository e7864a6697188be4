/**
 * Builds document-model files for the store tests by hand, from the text of seed documents,
 * with offsets computed from the text (so the store is tested against the schema, not
 * against whatever the stages currently produce).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VbFile, type Section, type VbDocument } from '../../schemas/document.ts';

export const FIXTURES = join(import.meta.dirname, '../../fixtures');

export function seedText(prefix: string): string {
  const name = readdirSeeds().find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  return readFileSync(join(FIXTURES, name), 'utf8').normalize('NFC').replace(/\r\n?/g, '\n');
}

function readdirSeeds(): string[] {
  return ['000_6b0889c3ebd00c42.txt', '001_3ab4f0c448453941.txt', '002_014cd450a2b81092.txt', '003_5da961df0b57dbee.txt', '004_da93ac0c70dab7a2.txt'];
}

/** Span of the first occurrence of `needle` at or after `from`. */
export function span(text: string, needle: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`not in text: ${needle}`);
  return { start, end: start + needle.length };
}

export interface DocSpec {
  number: string | null;
  type?: string;
  /** Paragraph texts that become sections (first is a part heading with children). */
  paragraphs: string[];
  cites?: string[];
}

/** A file whose text is the given paragraphs; each document gets sections, a table and entities. */
export function makeFile(path: string, specs: DocSpec[], extraText = ''): VbFile {
  const parts: string[] = [];
  for (const s of specs) parts.push(`Số: ${s.number ?? ''}\n${s.paragraphs.join('\n')}\n`);
  const text = parts.join('\n') + extraText;
  const documents: VbDocument[] = [];
  let cursor = 0;
  specs.forEach((spec, di) => {
    const docStart = text.indexOf('Số:', cursor);
    const docEnd = di + 1 < specs.length ? text.indexOf('Số:', docStart + 1) : text.length;
    cursor = docStart + 1;
    const sections: Section[] = [];
    let at = docStart;
    spec.paragraphs.forEach((p, i) => {
      const sp = span(text, p, at);
      at = sp.end;
      sections.push({
        id: `d${di}.s${i}`,
        // Children listed before their parent on purpose for one document: order must not matter.
        parent: i === 0 ? null : `d${di}.s0`,
        kind: i === 0 ? 'part' : 'clause',
        label: i === 0 ? 'I' : String(i),
        heading: i === 0 ? p.slice(0, 20) : null,
        text: p,
        order: i,
        depth: i === 0 ? 1 : 2,
        start: sp.start,
        end: sp.end,
        page: null,
      });
    });
    if (di === 1) sections.reverse();
    const first = span(text, spec.paragraphs[0], docStart);
    documents.push({
      index: di,
      start: docStart,
      end: docEnd,
      header: {
        type: spec.type ?? 'Kế hoạch',
        number: spec.number,
        issued: '2020-11-17',
        place: 'Kiên Giang',
        issuer: 'Văn phòng Ủy ban nhân dân tỉnh Kiên Giang',
        issuerParent: di === 0 ? 'Ủy ban nhân dân tỉnh Kiên Giang' : null,
        province: 'Kiên Giang',
        subject: spec.paragraphs[0].slice(0, 40),
        signers: [{ name: 'Huỳnh Vĩnh Lạc', title: 'Chánh Văn phòng', authority: di === 0 ? null : 'KT. Chủ tịch' }],
        recipients: ['Sở Thông tin và Truyền thông', 'Văn phòng Ủy ban nhân dân tỉnh'],
        distribution: ['Như trên', 'Lưu trữ số'],
      },
      links: di > 0 ? [{ kind: 'forwards', target: 0 }] : [],
      sections,
      tables: [
        {
          id: `d${di}.t0`,
          section: `d${di}.s0`,
          columns: ['TT', 'Nội dung', 'Cơ quan chủ trì'],
          rows: [
            { index: 0, kind: 'group', label: 'I', group: null, cells: [{ column: 'Nội dung', text: 'Tuyên truyền' }], start: first.start, end: first.end, page: null },
            {
              index: 1,
              kind: 'data',
              label: '1',
              group: 'I',
              cells: [
                { column: 'TT', text: '1' },
                { column: 'Nội dung', text: 'Đăng tin bài' },
                { column: 'Cơ quan chủ trì', text: 'Sở Thông tin và Truyền thông' },
              ],
              start: first.start,
              end: first.end,
              page: 1,
            },
          ],
          start: first.start,
          end: first.end,
          page: null,
        },
      ],
      references: (spec.cites ?? []).map((n) => ({
        number: n,
        type: 'Quyết định',
        name: null,
        issued: '2020-11-04',
        issuer: 'Văn phòng Chính phủ',
        subject: null,
        relation: 'thực hiện' as const,
        text: `Quyết định số ${n}`,
        prov: { start: first.start, end: first.end, page: null, section: `d${di}.s0` },
      })),
      agencies: [{ text: 'Sở TT&TT', canonical: 'Sở Thông tin và Truyền thông', kind: 'department', province: 'Kiên Giang', prov: { start: first.start, end: first.start + 3, page: null, section: `d${di}.s0` } }],
      dates: [{ text: 'quý IV/2020', kind: 'quarter', start: '2020-10-01', end: '2020-12-31', recurrence: null, prov: { start: first.start, end: first.start + 2, page: 2, section: null } }],
      targets: [{ value: 90, unit: '%', comparator: '>=', subject: 'hồ sơ trực tuyến', deadline: '2021-12-31', text: 'trên 90%', prov: { start: first.start, end: first.end, page: null, section: `d${di}.s1` } }],
      tasks: [
        {
          content: 'Đăng tin bài',
          lead: ['Sở Thông tin và Truyền thông'],
          partners: ['Báo Kiên Giang', 'Đài Phát thanh và Truyền hình'],
          start: null,
          due: '2020-12-31',
          recurrence: 'P1M',
          outputs: 'Tin bài',
          group: 'I',
          source: 'table',
          prov: { start: first.start, end: first.end, page: 1, section: `d${di}.s0` },
        },
      ],
      persons: [{ name: 'Lâm Minh Thành', title: 'Chủ tịch', prov: { start: first.start, end: first.end, page: null, section: null } }],
    });
  });
  const bytes = Buffer.from(text);
  return VbFile.parse({
    source: { path, hash: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, mediaType: 'text/plain', encoding: 'utf-8' },
    original: text.replace(/ư/g, 'u'),
    text,
    pages: [{ page: 1, start: 0, end: text.length, method: 'text', confidence: null }],
    restored: [{ start: 0, end: 2, original: 'So', restored: 'Số', confidence: 0.93 }],
    documents,
    messages: [
      { stage: 'segment', ruleId: 'unclosed-table', reason: 'table without end', severity: 'warning', start: documents[documents.length - 1].start + 1, end: null, page: null },
      { stage: 'normalize', ruleId: 'nfc', reason: 'composed 3 marks', severity: 'info', start: null, end: null, page: null },
    ],
  });
}
