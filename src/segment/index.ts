/**
 * Segmentation: file text → documents, each with its Decree-30 header, section tree, tables,
 * signature block and distribution list, and links between the documents of one file.
 */
import type { Header, Section, VbDocument, VbFile } from '../../schemas/document.ts';
import { numberRepairs } from '../knowledge/number-repairs.ts';
import { boxAt, pageAt } from '../lib/pages.ts';
import { repairMessage, type Repair } from '../lib/repairs.ts';
import { parseBody } from './body.ts';
import { typeFromNumber } from './codes.ts';
import { completeBareIssuer, issuerFromAuthority, issuerFromLines, parseHeader, type RawHeader } from './header.ts';
import { splitLines, type Line } from './lines.ts';
import { recaseAgency } from '../knowledge/recase.ts';
import { parseTail } from './signature.ts';
import { documentStarts } from './split.ts';
import { issuerFromNumber, parseNumber } from '../knowledge/numbers.ts';
import { mostNamedProvince, typeNamedAt } from '../knowledge/gazetteer.ts';

interface Draft {
  doc: VbDocument;
  raw: RawHeader;
}

/** "Ủy ban nhân dân tỉnh ban hành…": the body names the issuer's kind, the place names the province. */
const BODY_ISSUER = /(Ủy ban nhân dân|UBND|Hội đồng nhân dân|HĐND)\s*(?:\((?:UBND|HĐND)\)\s*)?(tỉnh|thành phố)\s+(?:ban hành|xây dựng|triển khai)/u;

/**
 * The body a number's issuer code names ("VPCP" in 815/QĐ-VPCP), read by the same code table as
 * citations; a local body's code (UBND, HĐND) names someone only with the place beside it.
 */
function issuerFromCode(numberRaw: string | null, place: string | null): string | null {
  const parsed = numberRaw ? parseNumber(numberRaw) : null;
  if (!parsed) return null;
  const name = issuerFromNumber(parsed, { province: place ?? undefined });
  return name && !/^(Ủy ban nhân dân|Hội đồng nhân dân)$/.test(name) ? name : null;
}

function header(raw: RawHeader, tail: ReturnType<typeof parseTail>, text: string, notes: string[] = []): Header {
  let { issuer, parent } = issuerFromLines(raw.issuerLines, raw.numberRaw);
  const completed = completeBareIssuer(issuer, raw.authorityLine, raw.place, text);
  if (completed) {
    notes.push(`issuer "${issuer}" completed from ${completed.from}: "${completed.issuer}"`);
    issuer = completed.issuer;
  }
  issuer ??= issuerFromAuthority(raw.authorityLine) ?? issuerFromCode(raw.numberRaw, raw.place);
  if (!issuer) {
    const m = BODY_ISSUER.exec(text);
    const province = raw.place ?? mostNamedProvince(text);
    if (m && province) issuer = `${recaseAgency(m[1].toUpperCase())} ${m[2]} ${province}`;
  }
  return {
    type: raw.type ?? typeFromNumber(raw.number) ?? (raw.attachedTo ? 'Phụ lục' : raw.recipients.length ? 'Công văn' : null),
    number: raw.number,
    issued: raw.issued,
    place: raw.place,
    issuer,
    issuerParent: parent,
    province: null, // decided by extract
    subject: raw.subject,
    signers: tail.signers,
    recipients: raw.recipients,
    distribution: tail.distribution,
  };
}

/** Forwards / issues / appendix_of between the documents of one file. */
function link(drafts: Draft[]): void {
  drafts.forEach((d, i) => {
    if (d.raw.attachedTo) {
      const named = typeNamedAt(d.raw.attachedTo);
      for (let j = i - 1; j >= 0; j--) {
        const other = drafts[j];
        if (named && other.doc.header.type !== named) continue;
        if (d.doc.header.type === 'Phụ lục') d.doc.links.push({ kind: 'appendix_of', target: j });
        else other.doc.links.push({ kind: 'issues', target: i });
        // an attached document carries the issuer of the one it is attached to
        d.doc.header.issuer ??= other.doc.header.issuer;
        break;
      }
    }
  });
  drafts.forEach((d, i) => {
    if (d.doc.header.type !== 'Công văn' || i + 1 >= drafts.length || d.doc.links.length) return;
    const next = drafts[i + 1].doc.header;
    const cited = next.number && (d.doc.header.subject ?? '').includes(next.number);
    if (cited || !next.number) d.doc.links.push({ kind: 'forwards', target: i + 1 });
  });
  // issuer inherited once links are known (appendix after its plan, plan after its decision)
  for (const d of drafts) {
    if (d.doc.header.issuer) continue;
    const from = drafts.find((o) => o.doc.links.some((l) => l.target === d.doc.index && l.kind === 'issues'));
    const parentLink = d.doc.links.find((l) => l.kind === 'appendix_of');
    d.doc.header.issuer = from?.doc.header.issuer ?? (parentLink ? drafts[parentLink.target].doc.header.issuer : null);
  }
}

export function segmentText(text: string): VbDocument[] {
  return segment({ text, pages: [] } as unknown as VbFile).docs;
}

function segment(file: VbFile): { docs: VbDocument[]; repairs: Repair[]; messages: VbFile['messages'] } {
  const repairs: Repair[] = [];
  const messages: VbFile['messages'] = [];
  const all: Line[] = splitLines(file.text);
  const starts = documentStarts(all);
  const drafts: Draft[] = starts.map((s, index) => {
    const e = index + 1 < starts.length ? starts[index + 1] : all.length;
    const lines = all.slice(s, e);
    const raw = parseHeader(lines);
    const tail = parseTail(lines);
    const bodyEnd = Math.max(raw.bodyStart, tail.start);
    const prefix = `d${index}`;
    const sections: Section[] = [];
    if (raw.recipientsLines) {
      const [a, b] = raw.recipientsLines;
      sections.push({
        id: `${prefix}.r`, parent: null, kind: 'recipients', label: null, heading: 'Kính gửi',
        text: lines.slice(a, b + 1).map((l) => l.text).filter(Boolean).join('\n'), order: 0, depth: 1,
        start: lines[a].start, end: lines[b].end, page: null,
      });
    }
    const body = parseBody(lines, raw.bodyStart, bodyEnd, prefix, sections.length);
    sections.push(...body.sections);
    repairs.push(...body.repairs);
    if (raw.number && raw.numberRaw && raw.numberAt !== null) repairs.push(...numberRepairs(raw.numberRaw, raw.number, raw.numberAt));
    if (tail.start < lines.length) {
      const closing = lines.slice(tail.start).filter((l) => l.text);
      if (closing.length) {
        sections.push({
          id: `${prefix}.end`, parent: null, kind: tail.distribution.length ? 'distribution' : 'signature', label: null,
          heading: tail.distribution.length ? 'Nơi nhận' : null, text: closing.map((l) => l.text).join('\n'),
          order: sections.length, depth: 1, start: closing[0].start, end: closing[closing.length - 1].end, page: null,
        });
      }
    }
    const start = lines[0]?.start ?? 0;
    const end = lines[lines.length - 1]?.end ?? start;
    const notes: string[] = [];
    const doc: VbDocument = {
      index, start, end, header: header(raw, tail, file.text.slice(start, end), notes), links: [], sections, tables: body.tables,
      references: [], agencies: [], dates: [], targets: [], tasks: [], persons: [],
    };
    for (const reason of notes) messages.push({ stage: 'segment', ruleId: 'issuer-completed', reason, severity: 'info', start, end: Math.min(end, start + 200), page: null });
    return { doc, raw };
  });
  link(drafts);
  const docs = drafts.map((d) => d.doc);
  for (const d of docs) {
    // Each placed on the page it starts on, boxed around the lines it covers there (none in text files).
    for (const x of [...d.sections, ...d.tables, ...d.tables.flatMap((t) => t.rows)]) {
      x.page = pageAt(file.pages, x.start);
      const box = boxAt(file.pages, x.page, x.start, x.end);
      if (box) x.box = box;
    }
  }
  return { docs, repairs: repairs.sort((a, b) => a.start - b.start), messages };
}

export function segmentFile(file: VbFile): VbFile {
  const { docs, repairs, messages } = segment(file);
  file.documents = docs;
  file.messages.push(...messages);
  if (!file.documents.some((d) => d.header.type || d.sections.length)) {
    file.messages.push({
      stage: 'segment', ruleId: 'no-structure', reason: `${file.source.path}: no document structure recognised`,
      severity: 'warning', start: null, end: null, page: null,
    });
  }
  for (const r of repairs) file.messages.push(repairMessage('segment', r, file.pages));
  return file;
}
