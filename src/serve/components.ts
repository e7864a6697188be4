/** Pieces several pages share: document links, filter forms, sortable tables, paging, CSV. */
import type { DocumentSummary } from '../../schemas/query.ts';
import { csvField } from '../query/sql.ts';
import { html, type Html } from './html.ts';
import { shownDate } from './i18n.ts';
import { withParams, type PageContext } from './layout.ts';

/** "Kế hoạch 40/KH-UBND (01/03/2021)", or the file name for a document without a number. */
export function documentTitle(d: Pick<DocumentSummary, 'type' | 'number' | 'issued' | 'file' | 'index'>): string {
  const what = [d.type ?? 'Văn bản', d.number].filter(Boolean).join(' ');
  const where = d.number ? '' : ` [${d.file.split(/[\\/]/).pop()}#${d.index}]`;
  return `${what}${d.issued ? ` (${shownDate(d.issued)})` : ''}${where}`;
}

export function documentLink(d: Pick<DocumentSummary, 'id' | 'type' | 'number' | 'issued' | 'file' | 'index'>, extra = ''): Html {
  return html`<a href="/documents/${d.id}${extra}">${documentTitle(d)}</a>`;
}

export interface Field {
  name: string;
  label: string;
  kind?: 'text' | 'select' | 'checkbox';
  options?: [string, string][];
  hint?: string;
}

/** A GET form over the page's own address: the filters as typed stay in their fields. */
export function filterForm(c: PageContext, fields: Field[], opts: { submit?: string } = {}): Html {
  const p = c.url.searchParams;
  return html`<form class="filters" method="get" action="${c.url.pathname}">
${fields.map((f) => {
  const v = p.get(f.name) ?? '';
  const id = `f-${f.name}`;
  if (f.kind === 'checkbox') return html`<label class="check"><input type="checkbox" id="${id}" name="${f.name}" value="1"${v && v !== '0' ? html` checked` : ''}> ${f.label}</label>`;
  if (f.kind === 'select')
    return html`<label for="${id}">${f.label}<select id="${id}" name="${f.name}">${f.options!.map(([val, text]) => html`<option value="${val}"${val === v ? html` selected` : ''}>${text}</option>`)}</select></label>`;
  return html`<label for="${id}">${f.label}<input id="${id}" name="${f.name}" value="${v}"${f.hint ? html` placeholder="${f.hint}"` : ''}></label>`;
})}
<span class="buttons"><button type="submit">${opts.submit ?? c.t('filter.apply')}</button> <a href="${c.url.pathname}">${c.t('filter.reset')}</a></span>
</form>`;
}

export interface Column<R> {
  key: string;
  label: string;
  /** The cell as plain text: the CSV field, and the sort key unless `sort` says otherwise. */
  text: (r: R) => string;
  sort?: (r: R) => string | number;
  cell?: (r: R) => Html | string;
  cls?: string;
}

/**
 * Rows in the order the `sort` and `dir` parameters ask (the query's own order when none):
 * the table and its CSV both take this order, so the download is what is shown.
 */
export function sortedRows<R>(c: PageContext, columns: Column<R>[], rows: R[]): R[] {
  const key = c.url.searchParams.get('sort');
  const col = columns.find((x) => x.key === key);
  if (!col) return rows;
  const desc = c.url.searchParams.get('dir') === 'desc';
  const val = col.sort ?? col.text;
  const keyed = rows.map((r, i) => ({ r, i, k: val(r) }));
  keyed.sort((a, b) => {
    // empty values last in either direction
    const ea = a.k === '' || a.k === null;
    const eb = b.k === '' || b.k === null;
    if (ea !== eb) return ea ? 1 : -1;
    const cmp = typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : String(a.k).localeCompare(String(b.k), 'vi');
    return (desc ? -cmp : cmp) || a.i - b.i;
  });
  return keyed.map((x) => x.r);
}

export const PAGE_SIZE = 100;

/** A table with sort links in its header; `rows` already sorted, only this page's drawn. */
export function sortableTable<R>(c: PageContext, columns: Column<R>[], rows: R[], page: number, id: string): Html {
  const key = c.url.searchParams.get('sort');
  const desc = c.url.searchParams.get('dir') === 'desc';
  const slice = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const head = columns.map((col) => {
    const on = col.key === key;
    const next = on && !desc ? 'desc' : 'asc';
    const arrow = on ? (desc ? ' ▼' : ' ▲') : '';
    return html`<th scope="col"${on ? html` aria-sort="${desc ? 'descending' : 'ascending'}"` : ''}><a href="${withParams(c.url, { sort: col.key, dir: next })}">${col.label}${arrow}</a></th>`;
  });
  return html`<table class="data" id="${id}"><thead><tr>${head}</tr></thead><tbody>
${slice.map((r) => html`<tr>${columns.map((col) => html`<td${col.cls ? html` class="${col.cls}"` : ''}>${col.cell ? col.cell(r) : col.text(r)}</td>`)}</tr>`)}
</tbody></table>`;
}

/** "rows 1–100 of 2.345", with links to the pages before and after. */
export function pager(c: PageContext, total: number, page: number, size = PAGE_SIZE): Html {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages === 1) return html``;
  return html`<nav class="pager">${page > 1 ? html`<a rel="prev" href="${withParams(c.url, { page: String(page - 1) })}">← ${c.t('search.prev')}</a>` : ''}
<span>${c.t('page.of')} ${page}/${pages}</span>
${page < pages ? html`<a rel="next" href="${withParams(c.url, { page: String(page + 1) })}">${c.t('search.more')} →</a>` : ''}</nav>`;
}

/** The rows as CSV, header first, every row the table shows across its pages, in its order. */
export function csv<R>(columns: Column<R>[], rows: R[]): string {
  const line = (cells: string[]) => cells.map(csvField).join(',') + '\r\n';
  return '\ufeff' + line(columns.map((c) => c.label)) + rows.map((r) => line(columns.map((c) => c.text(r)))).join('');
}
