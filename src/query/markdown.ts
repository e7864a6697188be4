/**
 * `vanban show DOCUMENT --format md`: one document as Markdown, after Docling's Markdown export:
 * the header as a two-column table, the body in reading order (outline headings as Markdown
 * headings, each section's own text under it, plan tables as Markdown tables where they sit),
 * then the extracted records (references, tasks, targets, agencies, persons) as tables.
 * The body comes from the stored document (sections and tables, read back by the store); the
 * header and records from `show`, so both views agree.
 */
import type { Table, VbDocument } from '../../schemas/document.ts';
import type { ShowOutput } from '../../schemas/query.ts';
import { OUTLINE_KINDS } from '../../schemas/vocabulary.ts';
import { shownPath } from '../lib/shown-path.ts';
import { citedLabel, describeDocument } from './common.ts';
import { formatTarget, shownDeadline } from './targets.ts';
import { showQ } from './show.ts';
import { readFileQ } from '../store/read.ts';
import type { Q } from '../store/sql.ts';

const OUTLINE = new Set<string>(OUTLINE_KINDS);

/** A table cell: one line, pipes escaped (a line break inside a cell is <br>). */
function cell(s: string | number | null | undefined): string {
  if (s === null || s === undefined) return '';
  return String(s).trim().replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function markdownTable(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const width = Math.max(headers.length, ...rows.map((r) => r.length));
  const pad = (r: (string | number | null | undefined)[]) => Array.from({ length: width }, (_, i) => cell(r[i]));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(pad(headers)), line(Array.from({ length: width }, () => '---')), ...rows.map((r) => line(pad(r)))].join('\n');
}

/** A plan table: its columns as the header, a group row ("II. …") in bold in its first cell. */
export function tableMarkdown(t: Table): string {
  const headers = t.columns.length ? t.columns : (t.rows[0]?.cells.map(() => '') ?? []);
  const rows = t.rows.map((r) => {
    const cells = t.columns.length ? t.columns.map((c, i) => r.cells.find((x) => x.column === c)?.text ?? r.cells[i]?.text ?? '') : r.cells.map((c) => c.text);
    if (r.kind !== 'group') return cells;
    // A group row is one merged cell, read into several: its label, then its text once, in bold.
    const text = [...new Set(cells.map((c) => c.trim()).filter((c) => c && c !== r.label))].join(' ');
    const shown = r.label ? [r.label, text] : [text];
    return [...shown.map((c) => (c ? `**${c}**` : '')), ...headers.slice(shown.length).map(() => '')];
  });
  return markdownTable(headers, rows);
}

/** A section's own text as Markdown: a '#' opening a line would read as a heading. */
function body(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/^(\s*)#/, '$1\\#'))
    .join('\n')
    .trim();
}

/**
 * The document a selector names, as Markdown (`show --format md`, `export --document`): a store
 * generator like `showQ`, so it runs on either engine (`runOn`), in one snapshot on PostgreSQL.
 */
export function* showMarkdownQ(selector: string, opts: { copies?: boolean } = {}): Q<string> {
  const s = yield* showQ(selector, opts);
  const doc = (yield* readFileQ(s.document.hash))?.documents[s.document.index];
  if (!doc) throw new Error(`document #${s.document.id}: its file is not in the archive`);
  return documentMarkdown(s, doc);
}

export function documentMarkdown(s: ShowOutput, doc: VbDocument): string {
  const d = s.document;
  const out: string[] = [`# ${describeDocument(d)}`, ''];
  const header: [string, string | null | undefined][] = [
    ['Issuer', d.issuer],
    ['Parent', d.issuerParent],
    ['Province', d.province],
    ['Place', d.place],
    ['Subject', d.subject],
    ...d.signers.map((sg): [string, string] => ['Signed', [sg.authority, sg.title, sg.name].filter(Boolean).join(' · ')]),
    ['Kính gửi', d.recipients.join('; ')],
    ['Nơi nhận', d.distribution.join('; ')],
    ['File', `${shownPath(d.file)}#${d.index} (${d.mediaType}${d.pages ? `, ${d.pages} pages` : ''})`],
  ];
  out.push(markdownTable(['Field', 'Value'], header.filter(([, v]) => v)), '');

  // The body in reading order; a table where its section sits, tables of no section at the end.
  const placed = new Set<Table>();
  const tablesOf = (section: string) => doc.tables.filter((t) => t.section === section);
  const blocks: string[] = [];
  for (const sec of [...doc.sections].sort((a, b) => a.order - b.order)) {
    const tables = tablesOf(sec.id);
    if (sec.kind === 'table' && tables.length) {
      for (const t of tables) (blocks.push(tableMarkdown(t)), placed.add(t));
      continue;
    }
    if (OUTLINE.has(sec.kind) && sec.heading) {
      // The marker's line ("1. Mục tiêu", "Chương II …") is the heading, the rest its text.
      const [first, ...rest] = sec.text.split('\n');
      blocks.push(`${'#'.repeat(Math.min(6, sec.depth + 2))} ${first!.trim()}`);
      if (rest.join('\n').trim()) blocks.push(body(rest.join('\n')));
    } else if (sec.text.trim()) blocks.push(body(sec.text));
    for (const t of tables) if (!placed.has(t)) (blocks.push(tableMarkdown(t)), placed.add(t));
  }
  for (const t of doc.tables) if (!placed.has(t)) blocks.push(tableMarkdown(t));
  if (blocks.length) out.push('## Text', '', blocks.join('\n\n'), '');

  const records: [string, string[], (string | number | null | undefined)[][]][] = [
    ['References', ['Relation', 'Cited', 'In archive'], s.references.map((r) => [r.relation, citedLabel(r.cited), r.resolved ? `#${r.resolved.id} ${describeDocument(r.resolved)}` : ''])],
    ['Tasks', ['Group', 'Task', 'Lead', 'Partners', 'Due'], s.tasks.map((t) => [t.group, t.content, t.lead.join('; '), t.partners.join('; '), t.due ?? t.recurrence])],
    ['Targets', ['Deadline', 'Target', 'Subject'], s.targets.map((t) => [shownDeadline(t), formatTarget(t), t.subject])],
    ['Agencies', ['Agency', 'Kind', 'Mentions'], s.agencies.map((a) => [a.canonical, a.kind, a.mentions])],
    ['Persons', ['Title', 'Name'], s.persons.map((p) => [p.title, p.name])],
  ];
  for (const [title, headers, rows] of records) if (rows.length) out.push(`## ${title} (${rows.length})`, '', markdownTable(headers, rows), '');
  return out.join('\n');
}
