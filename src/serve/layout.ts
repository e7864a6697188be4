/** The frame of every page: header with the navigation and the language switch, then the body. */
import { html, type Html } from './html.ts';
import type { Lang } from './i18n.ts';
import { translator } from './i18n.ts';

export interface PageContext {
  lang: Lang;
  t: (key: string) => string;
  /** The request's path and query, for the language switch and the sort links. */
  url: URL;
}

export function pageContext(url: URL, lang: Lang): PageContext {
  return { lang, t: translator(lang), url };
}

const NAV: [string, string][] = [
  ['/', 'nav.overview'],
  ['/search', 'nav.search'],
  ['/tasks', 'nav.tasks'],
  ['/targets', 'nav.targets'],
  ['/citations', 'nav.citations'],
];

/** This address with some parameters changed (null removes one); `page` reset unless given. */
export function withParams(url: URL, changes: Record<string, string | null>, path = url.pathname): string {
  const p = new URLSearchParams(url.search);
  if (!('page' in changes)) p.delete('page');
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) p.delete(k);
    else p.set(k, v);
  }
  const q = p.toString();
  return q ? `${path}?${q}` : path;
}

export function layout(c: PageContext, title: string, body: Html): Html {
  const { t } = c;
  const other = c.lang === 'vi' ? 'en' : 'vi';
  const active = (href: string) => (href === '/' ? c.url.pathname === '/' : c.url.pathname.startsWith(href) || (href === '/search' && c.url.pathname.startsWith('/documents')));
  return html`<!doctype html>
<html lang="${c.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · vanban</title>
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body>
<header class="top">
  <a class="brand" href="/">vanban <span>${t('app')}</span></a>
  <nav>${NAV.map(([href, key]) => html`<a href="${href}"${active(href) ? html` class="active" aria-current="page"` : ''}>${t(key)}</a>`)}</nav>
  <form class="quick" action="/search" method="get"><input type="search" name="q" placeholder="${t('search.placeholder')}" aria-label="${t('nav.search')}"><button>${t('search.button')}</button></form>
  <a class="lang" href="${withParams(c.url, { lang: other, page: c.url.searchParams.get('page') })}" hreflang="${other}">${t('lang.other')}</a>
</header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`;
}

/** An error page: what went wrong, in the user's language, with the precise reason. */
export function errorPage(c: PageContext, status: number, message: string): Html {
  const title = status === 404 ? c.t('error.notFound') : status === 400 ? c.t('error.badRequest') : c.t('error.title');
  return layout(c, title, html`<p class="error" role="alert">${message}</p><p><a href="/">${c.t('nav.overview')}</a></p>`);
}
