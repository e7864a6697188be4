/**
 * The analysts' pages. Each takes the answer of the matching /api/* call (answers.ts) and
 * draws it; nothing here reads the database itself.
 */
import type { CitesOutput, DocumentSummary, DocumentText, SearchOutput, ShowOutput, StatsOutput, TargetRow, TaskRow } from '../../schemas/query.ts';
import { TASK_ROLES } from '../../schemas/vocabulary.ts';
import { formatTarget, shownDeadline } from '../query/targets.ts';
import { barChart, citationGraph, type GraphNode } from './charts.ts';
import { csv, documentLink, documentTitle, filterForm, pager, sortableTable, sortedRows, type Column, type Field } from './components.ts';
import { escapeHtml, html, raw, type Html } from './html.ts';
import { shownDate, shownNumber } from './i18n.ts';
import { layout, withParams, type PageContext } from './layout.ts';

const docFilterFields = (c: PageContext): Field[] => [
  { name: 'type', label: c.t('filter.type'), hint: 'Kế hoạch' },
  { name: 'issuer', label: c.t('filter.issuer') },
  { name: 'province', label: c.t('filter.province') },
  { name: 'from', label: c.t('filter.from'), hint: c.t('filter.dateHint') },
  { name: 'to', label: c.t('filter.to'), hint: c.t('filter.dateHint') },
];

// ---- overview ----

export function overviewPage(c: PageContext, s: StatsOutput): Html {
  const { t } = c;
  const n = (x: number) => shownNumber(x, c.lang);
  const card = (label: string, value: string, href?: string) => html`<div class="card"><div class="value">${href ? html`<a href="${href}">${value}</a>` : value}</div><div class="label">${label}</div></div>`;
  const cards = html`<section class="cards">
${card(t('stats.documents'), n(s.documents), '/search')}
${card(t('stats.copies'), n(s.copies))}
${card(t('stats.files'), n(s.files))}
${card(t('stats.pages'), `${n(s.pages.text)} / ${n(s.pages.textlayer)} / ${n(s.pages.ocr)}`)}
${card(t('stats.tasks'), n(s.entities.tasks), '/tasks')}
${card(t('stats.targets'), n(s.entities.targets), '/targets')}
${card(t('stats.references'), `${n(s.citations.total)} (${n(s.citations.resolved)})`, '/citations')}
${card(t('stats.agencies'), n(s.entities.agencies))}
${card(t('stats.messages'), `${n(s.messages.error)} / ${n(s.messages.warning)} / ${n(s.messages.info)}`)}
${card(t('stats.ingestErrors'), n(s.ingestErrors))}
${card(t('stats.issued'), s.issued.first ? `${shownDate(s.issued.first)} – ${shownDate(s.issued.last)}` : '–')}
</section>`;
  const q = (k: string, v: string | null) => (v === null ? undefined : `/tasks?${new URLSearchParams({ [k]: v })}`);
  const charts = html`<section class="charts">
${barChart(t('stats.byType'), s.documentsByType.map((x) => ({ label: x.key ?? t('unknown'), count: x.count, href: q('type', x.key) })), { fmt: n })}
${barChart(t('stats.byProvince'), s.documentsByProvince.map((x) => ({ label: x.key ?? t('central'), count: x.count, href: q('province', x.key) })), { fmt: n })}
${barChart(t('stats.byYear'), s.documentsByYear.map((x) => ({ label: x.key ?? t('unknown'), count: x.count, href: x.key ? `/tasks?${new URLSearchParams({ from: x.key, to: x.key })}` : undefined })), { max: 30, fmt: n })}
${barChart(t('stats.topIssuers'), s.topIssuers.map((x) => ({ label: x.key ?? t('unknown'), count: x.count, href: x.key ? `/tasks?${new URLSearchParams({ issuer: x.key })}` : undefined })), { fmt: n })}
</section>`;
  const search = html`<form class="big-search" action="/search" method="get"><input type="search" name="q" autofocus placeholder="${t('search.placeholder')}" aria-label="${t('nav.search')}"><button>${t('search.button')}</button></form>`;
  return layout(c, t('nav.overview'), html`${search}${cards}${charts}`);
}

// ---- search ----

/** Markers the search puts around matched words, outside any text a document has. */
export const SEARCH_MARK: [string, string] = ['\uE000', '\uE001'];

/** A snippet with its matches as <mark>: escaped first, the markers turned into tags after. */
function markedSnippet(s: string): Html {
  return raw(escapeHtml(s).replaceAll(SEARCH_MARK[0], '<mark>').replaceAll(SEARCH_MARK[1], '</mark>'));
}

export const SEARCH_PAGE_SIZE = 20;

export function searchPage(c: PageContext, query: string, hits: SearchOutput | null, page: number, more: boolean): Html {
  const { t } = c;
  const form = html`<form class="filters search" method="get" action="/search">
<label class="q" for="f-q">${t('nav.search')}<input id="f-q" type="search" name="q" value="${query}" placeholder="${t('search.placeholder')}" autofocus></label>
${docFilterFields(c).map((f) => html`<label for="f-${f.name}">${f.label}<input id="f-${f.name}" name="${f.name}" value="${c.url.searchParams.get(f.name) ?? ''}"${f.hint ? html` placeholder="${f.hint}"` : ''}></label>`)}
<span class="buttons"><button type="submit">${t('search.button')}</button></span>
</form>`;
  if (!hits) return layout(c, t('nav.search'), form);
  const shown = hits.slice((page - 1) * SEARCH_PAGE_SIZE);
  // Hits grouped by document, in the order of each document's best hit.
  const groups = new Map<number, SearchOutput>();
  for (const h of shown) {
    const g = groups.get(h.document.id);
    if (g) g.push(h);
    else groups.set(h.document.id, [h]);
  }
  const body = shown.length
    ? html`<p class="count">${shown.length} ${t('search.hits')} ${groups.size} ${t('search.documents')}</p>
<ol class="hits">
${[...groups.values()].map((g) => {
  const d = g[0]!.document;
  return html`<li class="hit"><h2>${documentLink({ ...d, file: d.path })}</h2>
${d.issuer || d.subject ? html`<p class="meta">${[d.issuer, d.subject].filter(Boolean).join(' — ')}</p>` : ''}
<ul>${g.map((h) => html`<li><a class="where" href="/documents/${d.id}">${[h.section.label, h.section.heading].filter(Boolean).join(' ')}${h.section.page ? ` · ${t('doc.page')} ${h.section.page}` : ''}</a> <span class="snippet">${markedSnippet(h.snippet)}</span></li>`)}</ul></li>`;
})}
</ol>
<nav class="pager">${page > 1 ? html`<a rel="prev" href="${withParams(c.url, { page: String(page - 1) })}">← ${t('search.prev')}</a>` : ''}${more ? html`<a rel="next" href="${withParams(c.url, { page: String(page + 1) })}">${t('search.more')} →</a>` : ''}</nav>`
    : html`<p class="empty">${t('search.none')} “${query}”.</p>`;
  return layout(c, `${t('nav.search')}: ${query}`, html`${form}${body}`);
}

// ---- tasks ----

export function taskColumns(c: PageContext): Column<TaskRow>[] {
  const { t } = c;
  return [
    { key: 'id', label: t('col.id'), text: (r) => String(r.id), sort: (r) => r.id, cls: 'num' },
    { key: 'document', label: t('col.document'), text: (r) => documentTitle(r.document), sort: (r) => `${r.document.issued ?? ''} ${r.document.number ?? ''}`, cell: (r) => documentLink(r.document) },
    { key: 'group', label: t('col.group'), text: (r) => r.group ?? '' },
    { key: 'task', label: t('col.task'), text: (r) => r.content, cell: (r) => html`<a href="/documents/${r.document.id}?item=task-${r.id}#viewer">${r.content}</a>`, cls: 'long' },
    { key: 'lead', label: t('col.lead'), text: (r) => r.lead.join('; ') },
    { key: 'partners', label: t('col.partners'), text: (r) => r.partners.join('; ') },
    { key: 'due', label: t('col.due'), text: (r) => (r.due ? shownDate(r.due) : (r.recurrence ?? '')), sort: (r) => r.due ?? '' },
  ];
}

export function tasksPage(c: PageContext, rows: TaskRow[], page: number): Html {
  const { t } = c;
  const fields: Field[] = [
    { name: 'agency', label: t('filter.agency'), hint: 'Sở Tài chính, STC' },
    { name: 'role', label: t('filter.role'), kind: 'select', options: [['', t('filter.role.any')], ...TASK_ROLES.map((r): [string, string] => [r, t(`role.${r}`)])] },
    { name: 'due-before', label: t('filter.dueBefore'), hint: t('filter.dateHint') },
    { name: 'due-in', label: t('filter.dueIn'), hint: t('filter.dateHint') },
    { name: 'text', label: t('filter.text') },
    ...docFilterFields(c),
  ];
  return listPage(c, t('nav.tasks'), fields, taskColumns(c), rows, page, '/tasks.csv', 'tasks');
}

// ---- targets ----

export function targetColumns(c: PageContext): Column<TargetRow>[] {
  const { t } = c;
  return [
    { key: 'id', label: t('col.id'), text: (r) => String(r.id), sort: (r) => r.id, cls: 'num' },
    { key: 'deadline', label: t('col.deadline'), text: (r) => (r.deadline ? shownDate(r.deadline) + (r.deadlineInferred ? '*' : '') : ''), sort: (r) => shownDeadline(r) ?? '' },
    { key: 'target', label: t('col.target'), text: (r) => formatTarget(r), sort: (r) => r.value, cls: 'num' },
    { key: 'subject', label: t('col.subject'), text: (r) => r.subject, cell: (r) => html`<a href="/documents/${r.document.id}?item=target-${r.id}#viewer" title="${r.text}">${r.subject}</a>`, cls: 'long' },
    { key: 'province', label: t('col.province'), text: (r) => r.document.province ?? '' },
    { key: 'document', label: t('col.document'), text: (r) => documentTitle(r.document), sort: (r) => `${r.document.issued ?? ''} ${r.document.number ?? ''}`, cell: (r) => documentLink(r.document) },
  ];
}

export function targetsPage(c: PageContext, rows: TargetRow[], page: number): Html {
  const { t } = c;
  const fields: Field[] = [{ name: 'year', label: t('filter.year'), hint: '2025' }, { name: 'subject', label: t('filter.subject') }, ...docFilterFields(c)];
  return listPage(c, t('nav.targets'), fields, targetColumns(c), rows, page, '/targets.csv', 'targets');
}

function listPage<R>(c: PageContext, title: string, fields: Field[], columns: Column<R>[], rows: R[], page: number, csvPath: string, id: string): Html {
  const { t } = c;
  const sorted = sortedRows(c, columns, rows);
  const tools = html`<p class="tools"><span class="count">${shownNumber(rows.length, c.lang)} ${t('rows')}</span> <a class="button" id="csv" href="${withParams(c.url, { page: null }, csvPath)}" download>${t('csv.download')}</a></p>`;
  const body = rows.length ? html`${tools}${sortableTable(c, columns, sorted, page, id)}${pager(c, rows.length, page)}` : html`<p class="empty">${t('empty')}</p>`;
  return layout(c, title, html`${filterForm(c, fields)}${body}`);
}

/** The CSV of a list page: its columns, every row, in the order the page shows them. */
export function listCsv<R>(c: PageContext, columns: Column<R>[], rows: R[]): string {
  return csv(columns, sortedRows(c, columns, rows));
}

// ---- citations ----

export function citationsPage(c: PageContext, number: string, answer: CitesOutput | null, around: ShowOutput | null): Html {
  const { t } = c;
  const form = filterForm(c, [{ name: 'number', label: t('filter.number'), hint: '45/2020/NĐ-CP' }, { name: 'document', label: t('filter.document') }, ...docFilterFields(c)]);
  const parts: Html[] = [form];
  if (!answer && !around) parts.push(html`<p class="intro">${t('cites.intro')}</p>`);
  if (around) parts.push(neighbourhood(c, around));
  if (answer) {
    parts.push(
      answer.count
        ? html`<h2>${t('doc.citedBy')} ${number} (${answer.count})</h2>
<table class="data" id="citing"><thead><tr><th>${t('col.document')}</th><th>${t('doc.issuer')}</th><th>${t('col.relation')}</th><th>${t('col.sentence')}</th></tr></thead><tbody>
${answer.citations.map((r) => html`<tr><td>${documentLink(r.document, `?item=reference-${r.referenceId}#viewer`)}</td><td>${r.document.issuer ?? ''}</td><td>${r.relation}</td><td class="long">${r.sentence}</td></tr>`)}
</tbody></table>`
        : html`<p class="empty">${t('cites.none')} ${number}.</p>`,
    );
  }
  return layout(c, t('nav.citations'), html`${parts}`);
}

/** The graph and tables of what a document cites and who cites it. */
export function neighbourhood(c: PageContext, s: ShowOutput): Html {
  const { t } = c;
  const d = s.document;
  const center: GraphNode = { id: `d${d.id}`, label: documentTitle(d), sub: d.issuer ?? undefined, href: `/documents/${d.id}`, stored: true };
  const seen = new Set<string>();
  const cited: GraphNode[] = [];
  for (const r of s.references) {
    const key = r.resolved ? `d${r.resolved.id}` : (r.cited.number ?? r.cited.name ?? r.citation);
    if (seen.has(key)) continue;
    seen.add(key);
    cited.push(
      r.resolved
        ? { id: key, label: documentTitle(r.resolved), sub: r.resolved.issuer ?? undefined, href: `/citations?document=${r.resolved.id}`, stored: true }
        : { id: key, label: r.cited.number ?? r.cited.name ?? r.citation, sub: r.cited.type ?? undefined, href: r.cited.number ? `/citations?${new URLSearchParams({ number: r.cited.number })}` : undefined, stored: false },
    );
  }
  const citing: GraphNode[] = [...new Map(s.citedBy.map((x) => [x.document.id, x.document])).values()].map((x) => ({ id: `d${x.id}`, label: documentTitle(x), sub: x.issuer ?? undefined, href: `/citations?document=${x.id}`, stored: true }));
  return html`${citationGraph(`${t('cites.graph')}: ${documentTitle(d)}`, center, cited, citing)}
<div class="two">
<section><h2>${t('doc.cites')} (${s.references.length})</h2>${s.references.length ? html`<table class="data" id="refs"><thead><tr><th>${t('col.cited')}</th><th>${t('col.relation')}</th><th>${t('col.inArchive')}</th></tr></thead><tbody>
${s.references.map((r) => html`<tr><td><a href="/documents/${d.id}?item=reference-${r.referenceId}#viewer">${r.cited.number ?? r.cited.name ?? r.citation}</a></td><td>${r.relation}</td><td>${r.resolved ? documentLink(r.resolved) : '–'}</td></tr>`)}
</tbody></table>` : html`<p class="empty">–</p>`}</section>
<section><h2>${t('doc.citedBy')} (${s.citedBy.length})</h2>${s.citedBy.length ? html`<ul>${s.citedBy.map((x) => html`<li>${documentLink(x.document)} — ${x.relation}</li>`)}</ul>` : html`<p class="empty">–</p>`}</section>
</div>`;
}

// ---- document ----

const KINDS = ['task', 'target', 'reference', 'agency', 'date', 'person'] as const;

/** The item an address points at: "task-82". */
export function parseItem(v: string | null): { kind: string; id: number } | null {
  const m = v ? /^([a-z]+)-(\d+)$/.exec(v) : null;
  return m ? { kind: m[1]!, id: Number(m[2]) } : null;
}

/**
 * The text cut at every span boundary; each piece highlighted with the kinds of the spans over
 * it and linked to the innermost one. Offsets are into the file's text (`dt.start` first).
 */
function highlightedText(dt: DocumentText, selected: string | null): Html {
  const base = dt.start;
  const len = dt.text.length;
  const spans = dt.spans
    .map((s) => ({ ...s, a: Math.max(0, s.start - base), b: Math.min(len, s.end - base), key: `${s.kind}-${s.id}` }))
    .filter((s) => s.b > s.a);
  const cuts = [...new Set([0, len, ...spans.flatMap((s) => [s.a, s.b])])].sort((x, y) => x - y);
  spans.sort((x, y) => x.a - y.a);
  const out: Html[] = [];
  const opened = new Set<string>();
  // A sweep: the spans over the piece are those started and not yet ended.
  let next = 0;
  let active: typeof spans = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i]!, cuts[i + 1]!];
    const text = dt.text.slice(a, b);
    while (next < spans.length && spans[next]!.a <= a) active.push(spans[next++]!);
    active = active.filter((s) => s.b > a);
    const over = active;
    if (!over.length) {
      out.push(html`${text}`);
      continue;
    }
    const inner = over.reduce((x, y) => (y.b - y.a < x.b - x.a ? y : x));
    const kinds = [...new Set(over.map((s) => s.kind))];
    const sel = over.some((s) => s.key === selected);
    const anchor = opened.has(inner.key) ? '' : (opened.add(inner.key), html` id="t-${inner.key}"`);
    out.push(html`<a class="hl ${kinds.map((k) => `k-${k}`).join(' ')}${sel ? ' sel' : ''}"${anchor} href="?item=${inner.key}#viewer" data-item="${inner.key}"${placeAttrs(inner)}>${text}</a>`);
  }
  return html`${out}`;
}

/** Where an item is, for the page's script to move the box without a reload. */
function placeAttrs(x: { page: number | null; box: [number, number, number, number] | null }): Html {
  return x.page !== null && x.box ? html` data-page="${x.page}" data-box="${x.box.join(',')}"` : html``;
}

/** The page image with the box of the item pointed at drawn over it (points scaled by the SVG's viewBox). */
function pageViewer(c: PageContext, dt: DocumentText, pageNo: number, box: [number, number, number, number] | null, item: string | null): Html {
  const { t } = c;
  const p = dt.pages.find((x) => x.page === pageNo)!;
  const w = p.width ?? 595;
  const h = p.height ?? 842;
  const pageLinks = dt.pages.map((x) => (x.page === pageNo ? html`<strong>${x.page}</strong>` : html`<a href="${withParams(c.url, { p: String(x.page), item: null })}#viewer">${x.page}</a>`));
  return html`<section class="viewer" id="viewer" data-page="${pageNo}" data-width="${w}" data-height="${h}">
<h2>${t('doc.pageImage')} · ${t('doc.page')} ${pageNo}</h2>
<p class="pages">${t('doc.page')}: ${pageLinks.map((l, i) => html`${i ? ' ' : ''}${l}`)}</p>
<div class="page-frame">
<img src="/files/${dt.fileId}/pages/${pageNo}" alt="${t('doc.page')} ${pageNo}" width="${Math.round(w)}" height="${Math.round(h)}">
<svg class="boxes" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" aria-hidden="true">${box ? html`<rect class="box" data-item="${item ?? ''}" x="${box[0] - 2}" y="${box[1] - 2}" width="${box[2] - box[0] + 4}" height="${box[3] - box[1] + 4}"></rect>` : ''}<rect class="box preview off" x="0" y="0" width="0" height="0"></rect></svg>
</div>
${item && !box ? html`<p class="note">${t('doc.noBox')}</p>` : !item ? html`<p class="note">${t('doc.pickItem')}</p>` : ''}
</section>`;
}

export function documentPage(c: PageContext, s: ShowOutput, dt: DocumentText, siblings: DocumentSummary[] = []): Html {
  const { t } = c;
  const d = s.document;
  const itemParam = c.url.searchParams.get('item');
  const item = parseItem(itemParam);
  const selected = item ? dt.spans.find((x) => x.kind === item.kind && x.id === item.id) ?? null : null;
  const key = selected ? `${selected.kind}-${selected.id}` : null;
  const from = (f: keyof typeof d.filledFrom) => (d.filledFrom[f] !== undefined ? html` <a class="from" href="/documents/${d.filledFrom[f]}">(${t('doc.filledFrom')} #${d.filledFrom[f]})</a>` : '');
  const row = (label: string, v: Html | string | null | undefined, f?: keyof typeof d.filledFrom) => (v ? html`<tr><th scope="row">${label}</th><td>${v}${f ? from(f) : ''}</td></tr>` : '');
  const header = html`<section class="header"><h2>${t('doc.header')}</h2><table class="fields">
${row(t('doc.type'), d.type, 'type')}${row(t('doc.number'), d.number, 'number')}${row(t('doc.issued'), shownDate(d.issued), 'issued')}${row(t('doc.place'), d.place, 'place')}
${row(t('doc.issuer'), d.issuer, 'issuer')}${row(t('doc.parent'), d.issuerParent, 'issuerParent')}${row(t('doc.province'), d.province)}${row(t('doc.subject'), d.subject, 'subject')}
${d.signers.map((sg) => row(t('doc.signed'), [sg.authority, sg.title, sg.name].filter(Boolean).join(' · ')))}
${row(t('doc.recipients'), d.recipients.join('; '))}${row(t('doc.distribution'), d.distribution.join('; '))}
${row(t('doc.file'), `${d.file}#${d.index} (${d.mediaType}${d.pages ? `, ${d.pages} ${t('doc.page').toLowerCase()}` : ''})`)}
</table></section>`;
  // The other documents of its file, each with how it is linked to this one when it is.
  const linkOf = new Map(s.links.map((l) => [l.document.id, l]));
  const others = [...siblings.filter((x) => x.id !== d.id), ...s.links.map((l) => l.document).filter((x) => !siblings.some((y) => y.id === x.id) && x.id !== d.id)];
  const links = others.length
    ? html`<section><h2>${t('doc.links')}</h2><ul>${others.map((x) => {
        const l = linkOf.get(x.id);
        return html`<li>${l ? `${t(`link.${l.kind}${l.direction === 'in' ? '.in' : ''}`)}: ` : ''}${documentLink(x)}</li>`;
      })}</ul></section>`
    : '';
  const copies =
    s.copies.length > 1
      ? html`<section><h2>${t('doc.copies')} (${s.copies.length})</h2><ul>${s.copies.map(
          (x) => html`<li>${x.id === d.id ? html`<strong>#${x.id}</strong>` : html`<a href="/documents/${x.id}">#${x.id}</a>`} ${x.file.split(/[\\/]/).pop()} · ${x.kind ?? x.mediaType}${x.pages ? ` · ${x.pages} ${t('doc.page').toLowerCase()}` : ''}${x.ocrConfidence !== null ? ` · OCR ${x.ocrConfidence}` : ''}${x.id === d.id ? ` (${t('doc.copy.shown')})` : x.primary ? ` (${t('doc.copy.primary')})` : ''}</li>`,
        )}</ul></section>`
      : '';
  const outline = s.outline.length
    ? html`<section><h2>${t('doc.outline')}</h2><ul class="outline">${s.outline.map((o) => html`<li class="depth-${Math.min(6, o.depth)}">${[o.kind === 'article' ? `Điều ${o.label ?? ''}.` : o.label ? `${o.label}.` : '', o.heading ?? ''].filter(Boolean).join(' ')}${o.page ? html` <span class="pg">${t('doc.page')} ${o.page}</span>` : ''}</li>`)}</ul></section>`
    : '';
  // The items beside the text, by kind; tasks with their lead and due date from `show`.
  const taskInfo = new Map(s.tasks.map((x) => [x.id, x]));
  const items = html`<section class="items"><h2>${t('doc.items')}</h2>${KINDS.map((k) => {
    const list = dt.spans.filter((x) => x.kind === k);
    if (!list.length) return '';
    return html`<details open><summary class="k-${k}">${t(`kind.${k}`)} (${list.length})</summary><ol>${list.map((x) => {
      const info = k === 'task' ? taskInfo.get(x.id) : undefined;
      const extra = info ? [info.lead.join('; '), info.due ? shownDate(info.due) : info.recurrence].filter(Boolean).join(' · ') : '';
      const label = x.label.length > 160 ? `${x.label.slice(0, 159)}…` : x.label;
      return html`<li${`${x.kind}-${x.id}` === key ? html` class="sel"` : ''}><a class="item" data-item="${x.kind}-${x.id}"${placeAttrs(x)} href="?item=${x.kind}-${x.id}#viewer">${label}</a>${extra ? html` <span class="extra">${extra}</span>` : ''}${x.page ? html` <span class="pg">${t('doc.page')} ${x.page}</span>` : ''}</li>`;
    })}</ol></details>`;
  })}</section>`;
  // The page shown: the selected item's, else ?p=, else the first.
  const imaged = dt.pages.filter((p) => p.method !== 'text');
  const pParam = Number(c.url.searchParams.get('p'));
  const pageNo = selected?.page ?? (imaged.some((p) => p.page === pParam) ? pParam : imaged[0]?.page);
  // A text copy has no page image; a scanned or PDF copy of it has, one click away.
  const imagedCopies = s.copies.filter((x) => x.id !== d.id && x.mediaType !== 'text/plain' && x.mediaType !== 'text/markdown' && x.pages > 0);
  const viewer =
    imaged.length && pageNo !== undefined && imaged.some((p) => p.page === pageNo)
      ? pageViewer(c, dt, pageNo, selected?.page === pageNo ? selected.box : null, key)
      : imagedCopies.length
        ? html`<section class="viewer"><h2>${t('doc.pageImage')}</h2><p>${t('doc.pagesIn')} ${imagedCopies.map((x, i) => html`${i ? ', ' : ''}<a href="/documents/${x.id}">#${x.id} ${x.file.split(/[\\/]/).pop()}</a>`)}</p></section>`
        : '';
  const cites = s.references.length || s.citedBy.length ? html`<p><a href="/citations?document=${d.id}">${t('doc.citations')}: ${s.references.length} → · ← ${s.citedBy.length}</a></p>` : '';
  const messages = s.messages.length
    ? html`<section><h2>${t('doc.messages')} (${s.messages.length})</h2><ul class="messages">${s.messages.map((m) => html`<li class="${m.severity}"><span class="sev">${m.severity}</span> <code>${m.stage}/${m.rule}</code>${m.page ? ` (${t('doc.page')} ${m.page})` : ''}: ${m.reason}</li>`)}</ul></section>`
    : '';
  const text = html`<section class="text"><h2>${t('doc.text')}</h2><pre class="doctext" id="doctext">${highlightedText(dt, key)}</pre></section>`;
  return layout(
    c,
    documentTitle(d),
    html`<div class="doc">
<div class="doc-side">${header}${links}${copies}${cites}${outline}${messages}</div>
<div class="doc-main">${viewer}${text}</div>
<div class="doc-items">${items}</div>
</div>`,
  );
}
