/**
 * Entity extraction over segmented documents: references, agencies, dates, targets, tasks,
 * persons. Pure: reads the document model (and data/ tables), never the database.
 * Each document is read in its own span of the file text; offsets stay file offsets.
 */
import type { Page, Provenance, Table, VbDocument, VbFile } from '../../schemas/document.ts';
import { canonicalAgency, findAgencies } from './agencies.ts';
import { findDates } from './dates.ts';
import { findProvince, mostNamedProvince } from '../knowledge/gazetteer.ts';
import { findPersons, findSigners } from './persons.ts';
import { findReferences, type ReferenceContext } from './references.ts';
import { findTargets, joinWrapped, targetsFromTable } from './targets.ts';
import { tasksFromTable, tasksFromText } from './tasks.ts';
import { fold } from './text.ts';
import { boxAt, pageAt } from '../lib/pages.ts';
import { repairMessage, type Repair } from '../lib/repairs.ts';

export { canonicalAgency };
export { canonicalNumber } from '../knowledge/numbers.ts';

/** The province a document belongs to: from its issuer, its place line, else its text. */
export function documentProvince(doc: VbDocument, text: string): string | null {
  // A central body's document belongs to no province, whatever provinces it names.
  const central = [doc.header.issuer, doc.header.issuerParent].some((s) => {
    const kind = s ? canonicalAgency(s).kind : null;
    return !!kind && ['government', 'ministry', 'ministry-level', 'assembly', 'state'].includes(kind) && !/tỉnh|thành phố/iu.test(s!);
  });
  if (central) return null;
  for (const s of [doc.header.issuer, doc.header.issuerParent, doc.header.place]) {
    if (!s) continue;
    // The province a name holds ("Tỉnh ủy Nghệ An", "Sở Y tế tỉnh Hà Giang"), or the place itself.
    const named = s === doc.header.place ? null : canonicalAgency(s).province;
    if (named) return findProvince(named)?.name ?? named;
    const m = s.match(/(?:tỉnh|thành phố)\s+(.+)$/iu);
    const p = findProvince(m ? m[1]! : s);
    if (p) return p.name;
  }
  // "trên địa bàn tỉnh Vĩnh Long", "UBND tỉnh An Giang": the province the text names most.
  return mostNamedProvince(text);
}

/** The district a document's issuer belongs to ("Ủy ban nhân dân huyện Bảo Lâm" → "huyện Bảo Lâm"), else null. */
export function documentDistrict(doc: VbDocument): string | null {
  for (const s of [doc.header.issuer, doc.header.issuerParent]) {
    // A city under a province ("thành phố Long Xuyên") is a district; a centrally run one is a province.
    const m = s?.match(/(?:^|\s)((?:huyện|quận|thị xã|thành phố)\s+(\p{Lu}[\p{L}\s'-]*))$/u);
    if (m && !(m[1]!.startsWith('thành phố') && findProvince(m[2]!.trim()))) return m[1]!.trim();
    // A district's Party committee: "Huyện ủy Gia Bình" is huyện Gia Bình's.
    const party = s?.match(/(?:^|\s)(Huyện|Quận|Thị|Thành) ủy\s+(\p{Lu}[\p{L}\s'-]*)$/u);
    const level = party && { Huyện: 'huyện', Quận: 'quận', Thị: 'thị xã', Thành: 'thành phố' }[party[1] as 'Huyện'];
    if (party && level && !(level === 'thành phố' && findProvince(party[2]!.trim()))) return `${level} ${party[2]!.trim()}`;
  }
  return null;
}

/** Text of the document with its tables blanked (same length): table rows are read as tables. */
function withoutTables(text: string, base: number, tables: Table[]): string {
  let t = text;
  for (const tb of tables) {
    const s = Math.max(0, tb.start - base);
    const e = Math.min(t.length, tb.end - base);
    if (e > s) t = t.slice(0, s) + t.slice(s, e).replace(/[^\n]/g, ' ') + t.slice(e);
  }
  return t;
}

export function extractDocument(doc: VbDocument, fileText: string, repairs?: Repair[], others: VbDocument[] = []): VbDocument {
  const text = fileText.slice(doc.start, doc.end);
  const province = documentProvince(doc, text);
  doc.header.province = province;
  const district = documentDistrict(doc);
  const ctx: ReferenceContext = { province, district, ownNumber: doc.header.number, date: doc.header.issued, subject: doc.header.subject };
  const prose = withoutTables(text, doc.start, doc.tables);
  // Hard-wrapped prose read as its sentences (line breaks inside one become spaces, offsets kept):
  // a law's name cut at a line end ("Luật Bảo" / "vệ và phát triển rừng") is read whole.
  doc.references = findReferences(joinWrapped(text), ctx, doc.start, repairs);
  doc.agencies = findAgencies(text, { province, district, date: doc.header.issued }, doc.start);
  doc.dates = findDates(text, doc.start);
  // Reports, letters and notices quote results; only their committed figures are targets.
  const quotesResults = /^(báo cáo|công văn|thông báo|tờ trình|công điện)$/iu.test(doc.header.type ?? '');
  // A plan attached to a decision carries no date of its own: it is of the decision's date.
  const issuedBy = others.find((o) => o !== doc && o.links.some((l) => l.target === doc.index))?.header.issued ?? null;
  const targetOptions = { commitmentsOnly: quotesResults, title: doc.header.subject, issued: doc.header.issued ?? issuedBy };
  doc.targets = [...findTargets(prose, doc.start, targetOptions), ...doc.tables.flatMap((t) => targetsFromTable(t, targetOptions))].sort((a, b) => a.prov.start - b.prov.start);
  // A Tờ trình proposes ("Đề nghị Ủy ban nhân dân tỉnh giao Sở X …"): it assigns no work itself.
  doc.tasks = /^tờ trình$/iu.test(doc.header.type ?? '') ? [] : [...doc.tables.flatMap((t) => tasksFromTable(t)), ...tasksFromText(prose, doc.start)];
  doc.persons = findPersons(text, doc.start);
  if (!doc.header.signers.length) doc.header.signers = findSigners(text);
  // Signers are named persons too: placed at their name in the signature block.
  for (const sg of doc.header.signers) {
    if (!sg.name || doc.persons.some((p) => p.name === sg.name)) continue;
    const at = text.lastIndexOf(sg.name);
    if (at < 0) continue;
    doc.persons.push({ name: sg.name, title: sg.title, prov: { start: doc.start + at, end: doc.start + at + sg.name.length, page: null, section: null } });
  }
  return doc;
}

/** Fill section (innermost section holding the start), page and box of every entity's provenance. */
export function locate(doc: VbDocument, pages: Page[]): void {
  const sections = [...doc.sections].sort((a, b) => b.depth - a.depth || a.end - a.start - (b.end - b.start));
  const sectionAt = (pos: number) => sections.find((s) => s.start <= pos && pos < s.end)?.id ?? null;
  const items: { prov: Provenance }[] = [...doc.references, ...doc.agencies, ...doc.dates, ...doc.targets, ...doc.tasks, ...doc.persons];
  for (const it of items) {
    it.prov.section ??= sectionAt(it.prov.start);
    it.prov.page ??= pageAt(pages, it.prov.start);
    const box = it.prov.box ?? boxAt(pages, it.prov.page, it.prov.start, it.prov.end);
    if (box) it.prov.box = box;
  }
}

export function extractFile(file: VbFile): VbFile {
  const repaired: Repair[] = []; // reported after the stage's other messages
  for (const doc of file.documents) {
    // One document's failure is reported and the others are still read: a batch keeps going.
    try {
      const repairs: Repair[] = [];
      extractDocument(doc, file.text, repairs, file.documents);
      locate(doc, file.pages);
      repaired.push(...repairs);
    } catch (err: any) {
      file.messages.push({
        stage: 'extract',
        ruleId: 'extract-document-failed',
        reason: `document ${doc.index}: ${err?.message ?? err}`,
        severity: 'warning',
        start: doc.start,
        end: doc.end,
        page: null,
      });
    }
  }
  for (const r of repaired) file.messages.push(repairMessage('extract', r, file.pages));
  return file;
}
