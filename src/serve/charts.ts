/**
 * Charts drawn on the server as inline SVG (no script, no library, nothing fetched): bar
 * charts of counts, and a citation neighbourhood graph. Every label goes through `html`.
 */
import { html, type Html } from './html.ts';

export interface Bar {
  label: string;
  count: number;
  href?: string;
}

/** Horizontal bars, longest first as given, `max` of them (the rest summed into "…"). */
export function barChart(title: string, bars: Bar[], opts: { max?: number; other?: string; fmt?: (n: number) => string } = {}): Html {
  const max = opts.max ?? 12;
  const fmt = opts.fmt ?? String;
  let shown = bars;
  if (bars.length > max) {
    const rest = bars.slice(max - 1).reduce((a, b) => a + b.count, 0);
    shown = [...bars.slice(0, max - 1), { label: opts.other ?? '…', count: rest }];
  }
  const W = 560;
  const LABEL = 220;
  const ROW = 24;
  const top = Math.max(1, ...shown.map((b) => b.count));
  const h = ROW * shown.length + 8;
  return html`<figure class="chart"><figcaption>${title}</figcaption>
<svg viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-label="${title}">
${shown.map((b, i) => {
  const y = 4 + i * ROW;
  const w = Math.max(2, Math.round(((W - LABEL - 60) * b.count) / top));
  const label = b.label.length > 34 ? `${b.label.slice(0, 33)}…` : b.label;
  const row = html`<text x="${LABEL - 8}" y="${y + 16}" text-anchor="end" class="lbl">${label}<title>${b.label}</title></text><rect x="${LABEL}" y="${y + 3}" width="${w}" height="${ROW - 8}" class="bar"></rect><text x="${LABEL + w + 6}" y="${y + 16}" class="num">${fmt(b.count)}</text>`;
  return b.href ? html`<a href="${b.href}">${row}</a>` : row;
})}
</svg></figure>`;
}

export interface GraphNode {
  id: string;
  label: string;
  sub?: string;
  href?: string;
  stored: boolean;
}

/**
 * The document in the middle, what it cites on the left, who cites it on the right; an arrow
 * from citing to cited. Nodes not in the archive are drawn dashed.
 */
export function citationGraph(title: string, center: GraphNode, cited: GraphNode[], citing: GraphNode[], max = 12): Html {
  const left = cited.slice(0, max);
  const right = citing.slice(0, max);
  const W = 900;
  const NW = 230;
  const NH = 40;
  const GAP = 12;
  const rows = Math.max(1, left.length, right.length);
  const H = rows * (NH + GAP) + GAP;
  const yOf = (i: number, n: number) => (H - n * (NH + GAP) + GAP) / 2 + i * (NH + GAP);
  const cy = (H - NH) / 2;
  const xs = { left: 10, center: (W - NW) / 2, right: W - NW - 10 };
  const node = (n: GraphNode, x: number, y: number, cls: string) => {
    const label = n.label.length > 32 ? `${n.label.slice(0, 31)}…` : n.label;
    const sub = n.sub && n.sub.length > 38 ? `${n.sub.slice(0, 37)}…` : n.sub;
    const g = html`<g class="node ${cls}${n.stored ? '' : ' external'}"><rect x="${x}" y="${y}" width="${NW}" height="${NH}" rx="6"></rect><text x="${x + 8}" y="${y + 17}">${label}</text>${sub ? html`<text x="${x + 8}" y="${y + 32}" class="sub">${sub}</text>` : ''}<title>${[n.label, n.sub].filter(Boolean).join(' — ')}</title></g>`;
    return n.href ? html`<a href="${n.href}">${g}</a>` : g;
  };
  const edge = (x1: number, y1: number, x2: number, y2: number) => html`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" class="edge" marker-end="url(#arrow)"></line>`;
  return html`<figure class="graph"><figcaption>${title}</figcaption>
<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${title}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"></path></marker></defs>
${left.map((_, i) => edge(xs.center, cy + NH / 2, xs.left + NW, yOf(i, left.length) + NH / 2))}
${right.map((_, i) => edge(xs.right, yOf(i, right.length) + NH / 2, xs.center + NW, cy + NH / 2))}
${left.map((n, i) => node(n, xs.left, yOf(i, left.length), 'cited'))}
${node(center, xs.center, cy, 'center')}
${right.map((n, i) => node(n, xs.right, yOf(i, right.length), 'citing'))}
</svg></figure>`;
}
