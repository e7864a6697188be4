/**
 * HTML built by one tagged template that escapes every interpolation: document text can never
 * become markup by mistake. Only values made by `html` itself (or marked with `raw`, for
 * markup this program wrote, such as an SVG chart) are inserted as they are.
 */

/** Markup already safe to insert: made by `html`, or marked `raw` by this program. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

/** html`<p>${text}</p>`: strings and numbers escaped, arrays joined, null/undefined/false empty. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new Html(out);
}

/** Markup this program wrote itself (never text from a document or a request). */
export function raw(s: string): Html {
  return new Html(s);
}
