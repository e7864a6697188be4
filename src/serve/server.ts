/**
 * `vanban serve`: a read-only web application over the archive on node:http. Routes are a
 * table of (pattern, handler); handlers are async and await every query call (`runOn`: an
 * SQLite or a PostgreSQL archive, src/store/archive.ts). The archive is opened read-only; every page is sent with a Content-Security-Policy that allows only this
 * server's own script and style files, so markup that slipped into a document could not run.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorOutput } from '../../schemas/query.ts';
import { ROOT } from '../lib/root.ts';
import { findDocumentsQ, storedPageQ, tasksQ } from '../query/index.ts';
import { isPgArchive, runOn, type Archive } from '../store/archive.ts';
import { TASK_ROLES } from '../../schemas/vocabulary.ts';
import { CITES_PARAMS, citesAnswer, searchAnswer, searchRequest, showAnswer, statsAnswer, targetsAnswer, tasksAnswer, textAnswer } from './answers.ts';
import type { Html } from './html.ts';
import { LANGS, type Lang } from './i18n.ts';
import { errorPage, pageContext, type PageContext } from './layout.ts';
import { pageImage } from './page-image.ts';
import { HttpError, httpErrorOf, idOf, optionsOf, pageNumber } from './params.ts';
import { SEARCH_MARK, SEARCH_PAGE_SIZE, citationsPage, documentPage, listCsv, overviewPage, searchPage, targetColumns, targetsPage, taskColumns, tasksPage } from './pages.ts';
import { FILTER_PARAMS } from './params.ts';

/** What a handler answers. */
interface Reply {
  status?: number;
  type: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

interface Request {
  db: Archive;
  url: URL;
  match: RegExpExecArray;
  page: PageContext;
}

type Handler = (r: Request) => Promise<Reply>;

export const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const json = (value: unknown, status = 200): Reply => ({ status, type: 'application/json; charset=utf-8', body: JSON.stringify(value, null, 2) + '\n' });
const page = (h: Html): Reply => ({ type: 'text/html; charset=utf-8', body: h.value });

/** The files under src/serve/assets/ the pages load, read once (no path from the request is ever opened). */
const ASSETS: Record<string, { type: string; body: Buffer }> = Object.fromEntries(
  [
    ['app.js', 'text/javascript; charset=utf-8'],
    ['app.css', 'text/css; charset=utf-8'],
  ].map(([name, type]) => [name, { type: type!, body: readFileSync(join(ROOT, 'src', 'serve', 'assets', name!)) }]),
);

/**
 * Answers kept until the archive changes (`PRAGMA data_version` moves when another connection
 * commits), a few per kind: an analyst pages through and re-sorts one table, and the overview's
 * counts over every table are the slowest answer of all. Keyed by the parameters that choose
 * the rows (not page, sort or language).
 *
 * On PostgreSQL nothing is kept: it has no data_version, and a cheap stand-in (`max(id)` of
 * files, a count) sees only new files, not rows rewritten in place (a later file joining a work,
 * reprocessing), while workers on other machines write at any time. Asking again is the one
 * simple choice that is never stale; each answer is one READ ONLY transaction, as the CLI's.
 */
function memo<T>(db: Archive, fn: (params: URLSearchParams) => Promise<T>, keep = 8): (params: URLSearchParams) => Promise<T> {
  if (isPgArchive(db)) return fn;
  const kept = new Map<string, { version: number; value: T }>();
  return async (params) => {
    const version = db.pragma('data_version', { simple: true }) as number;
    const p = new URLSearchParams(params);
    for (const k of ['page', 'sort', 'dir', 'lang']) p.delete(k);
    p.sort();
    const key = p.toString();
    const hit = kept.get(key);
    if (hit && hit.version === version) {
      kept.delete(key);
      kept.set(key, hit);
      return hit.value;
    }
    const value = await fn(params);
    kept.set(key, { version, value });
    if (kept.size > keep) kept.delete(kept.keys().next().value!);
    return value;
  };
}

function routes(db: Archive): { table: [RegExp, Handler][]; warm: () => Promise<void> } {
  const statsOf = memo(db, (p) => statsAnswer(db, p), 4);
  const tasksOf = memo(db, (p) => tasksAnswer(db, p));
  const targetsOf = memo(db, (p) => targetsAnswer(db, p));
  const apiParams = (url: URL) => {
    const p = new URLSearchParams(url.search);
    p.delete('lang');
    return p;
  };
  // Work every first visitor would otherwise wait for: the overview's counts, the unfiltered
  // tasks and targets tables (the first click in the menu), and the agency names and
  // abbreviations that matching an agency reads (0.1–0.4 s each on 10,000 documents).
  // On PostgreSQL nothing is kept (memo, and allKept asks again): nothing to warm.
  const warm = async () => {
    if (isPgArchive(db)) return;
    await statsOf(new URLSearchParams());
    await tasksOf(new URLSearchParams());
    await targetsOf(new URLSearchParams());
    for (const role of [undefined, ...TASK_ROLES]) await runOn(db, tasksQ({ agency: 'Sở Tài chính', role }));
  };
  const table: [RegExp, Handler][] = [
    // ---- API: the CLI's --json shapes ----
    [/^\/api\/search$/, async ({ db, url }) => json(await searchAnswer(db, searchRequest(apiParams(url))))],
    [/^\/api\/documents\/([^/]+)$/, async ({ db, url, match }) => json(await showAnswer(db, decodeURIComponent(match[1]!), apiParams(url)))],
    [/^\/api\/documents\/([^/]+)\/text$/, async ({ db, url, match }) => json(await textAnswer(db, decodeURIComponent(match[1]!), apiParams(url)))],
    [/^\/api\/tasks$/, async ({ url }) => json(await tasksOf(apiParams(url)))],
    [/^\/api\/targets$/, async ({ url }) => json(await targetsOf(apiParams(url)))],
    [/^\/api\/cites$/, async ({ db, url }) => json(await citesAnswer(db, apiParams(url)))],
    [/^\/api\/stats$/, async ({ url }) => json(await statsOf(apiParams(url)))],
    // ---- page images, by stored file id and page number ----
    [
      /^\/files\/([^/]+)\/pages\/([^/]+)$/,
      async ({ db, match }) => {
        const fileId = idOf('file id', match[1]!);
        const sp = await runOn(db, storedPageQ(fileId, idOf('page', match[2]!)));
        const img = await pageImage(sp, fileId);
        return { type: img.type, body: img.body, headers: { 'Cache-Control': 'private, max-age=3600' } };
      },
    ],
    // ---- pages ----
    [
      /^\/$/,
      async ({ url, page: c }) => {
        optionsOf(url.searchParams, []);
        return page(overviewPage(c, await statsOf(new URLSearchParams())));
      },
    ],
    [
      /^\/search$/,
      async ({ db, url, page: c }) => {
        const q = url.searchParams.get('q') ?? '';
        if (!q.trim()) {
          optionsOf(url.searchParams, ['q', ...FILTER_PARAMS]);
          return page(searchPage(c, '', null, 1, false));
        }
        const n = pageNumber(url.searchParams);
        const p = new URLSearchParams(url.search);
        p.delete('lang');
        p.delete('page');
        const r = searchRequest(p);
        r.limit = n * SEARCH_PAGE_SIZE + 1;
        const hits = await searchAnswer(db, r, SEARCH_MARK);
        const more = hits.length > n * SEARCH_PAGE_SIZE;
        return page(searchPage(c, q, hits.slice(0, n * SEARCH_PAGE_SIZE), n, more));
      },
    ],
    [
      /^\/documents\/([^/]+)$/,
      async ({ db, url, match, page: c }) => {
        const sel = decodeURIComponent(match[1]!);
        const p = new URLSearchParams();
        const opts = optionsOf(url.searchParams, ['copies', 'item', 'p']);
        // A copy named by its id is shown as it is (a scan of a document stored as text too
        // has the page images); anything else through its work's primary copy, as `show` does.
        const copy = /^\d+$/.test(sel) ? (await runOn(db, findDocumentsQ(sel, { copies: true }))).find((d) => d.id === Number(sel)) : undefined;
        if (opts.copies || (copy && copy.work !== copy.id)) p.set('copies', '1');
        const s = await showAnswer(db, sel, p);
        const dt = await textAnswer(db, String(s.document.id), new URLSearchParams({ copies: '1' }));
        // every document of its file, each through the copy stored in this file
        const siblings = await runOn(db, findDocumentsQ(s.document.file, { copies: true }));
        return page(documentPage(c, s, dt, siblings.filter((x) => x.file === s.document.file)));
      },
    ],
    [/^\/tasks$/, async ({ url, page: c }) => page(tasksPage(c, (await tasksOf(apiParams(url))).tasks, pageNumber(url.searchParams)))],
    [/^\/tasks\.csv$/, async ({ url, page: c }) => csvReply('nhiem-vu.csv', listCsv(c, taskColumns(c), (await tasksOf(apiParams(url))).tasks))],
    [/^\/targets$/, async ({ url, page: c }) => page(targetsPage(c, (await targetsOf(apiParams(url))).targets, pageNumber(url.searchParams)))],
    [/^\/targets\.csv$/, async ({ url, page: c }) => csvReply('chi-tieu.csv', listCsv(c, targetColumns(c), (await targetsOf(apiParams(url))).targets))],
    [
      /^\/(?:citations|cites)$/,
      async ({ db, url, page: c }) => {
        const params = apiParams(url);
        const document = params.get('document');
        params.delete('document');
        optionsOf(params, CITES_PARAMS);
        const number = params.get('number') ?? '';
        const answer = number.trim() ? await citesAnswer(db, params) : null;
        // The graph: of the document asked for, else of the one stored document with that number.
        let center = document?.trim() ? document.trim() : null;
        if (!center && number.trim()) {
          const found = await runOn(db, findDocumentsQ(number.trim()));
          if (found.length === 1) center = String(found[0]!.id);
        }
        const around = center ? await showAnswer(db, center, new URLSearchParams()) : null;
        return page(citationsPage(c, number, answer, around));
      },
    ],
  ];
  return { table, warm };
}

function csvReply(name: string, body: string): Reply {
  return { type: 'text/csv; charset=utf-8', body, headers: { 'Content-Disposition': `attachment; filename="${name}"` } };
}

/** The language: ?lang= (then remembered in a cookie), else the cookie, else Vietnamese. */
function languageOf(req: IncomingMessage, url: URL): { lang: Lang; set: boolean } {
  const asked = url.searchParams.get('lang');
  if (asked !== null) {
    if (!(LANGS as readonly string[]).includes(asked)) throw new HttpError(400, `lang must be ${LANGS.join(' or ')}, not "${asked}"`);
    return { lang: asked as Lang, set: true };
  }
  const cookie = /(?:^|;\s*)lang=(vi|en)\b/.exec(req.headers.cookie ?? '');
  return { lang: (cookie?.[1] as Lang) ?? 'vi', set: false };
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** Names a browser uses for this machine; a server on a loopback address answers only to them. */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

/**
 * The request handler over an open (read-only) archive. `loopbackOnly`: refuse requests that name
 * another host, so a web site whose name is made to point at 127.0.0.1 (DNS rebinding) cannot
 * read the archive through a visitor's browser.
 */
export function handler(db: Archive, opts: { loopbackOnly?: boolean } = {}): ((req: IncomingMessage, res: ServerResponse) => Promise<void>) & { warm: () => Promise<void> } {
  const { table, warm } = routes(db);
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (opts.loopbackOnly && !LOOPBACK_HOST.test(req.headers.host ?? '')) {
      res.writeHead(403, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`vanban serve: host "${req.headers.host ?? ''}" refused: this server answers only to localhost, 127.0.0.1 and [::1] (start it with --host to serve another name)\n`);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const api = url.pathname.startsWith('/api/');
    let c = pageContext(url, 'vi');
    let reply: Reply;
    const extra: Record<string, string> = {};
    try {
      const { lang, set } = languageOf(req, url);
      c = pageContext(url, lang);
      if (set) extra['Set-Cookie'] = `lang=${lang}; Path=/; SameSite=Strict; Max-Age=31536000`;
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, `${req.method}: this archive is read-only; only GET is answered`);
      const asset = /^\/assets\/([a-z]+\.(?:js|css))$/.exec(url.pathname);
      if (asset) {
        const a = ASSETS[asset[1]!];
        if (!a) throw new HttpError(404, `no asset ${asset[1]}`);
        reply = { type: a.type, body: a.body, headers: { 'Cache-Control': 'no-cache' } };
      } else {
        const route = table.find(([re]) => re.test(url.pathname));
        if (!route) throw new HttpError(404, `no page at ${url.pathname}`);
        reply = await route[1]({ db, url, match: route[0].exec(url.pathname)!, page: c });
      }
    } catch (err) {
      const e = httpErrorOf(err);
      if (!e) process.stderr.write(`vanban serve: ${req.url}: ${(err as Error)?.stack ?? err}\n`);
      const status = e?.status ?? 500;
      const message = e?.message ?? `internal error: ${(err as Error)?.message ?? err}`;
      if (api) {
        const body: ErrorOutput = { error: { code: e?.code ?? 'failed', message, ...(e?.candidates.length ? { candidates: e.candidates } : {}) } };
        reply = json(body, status);
      } else {
        reply = { ...page(errorPage(c, status, message)), status };
      }
    }
    const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : reply.body;
    res.writeHead(reply.status ?? 200, { ...SECURITY_HEADERS, 'Content-Type': reply.type, 'Content-Length': body.length, ...extra, ...reply.headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  return Object.assign(handle, { warm });
}

export interface Running {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Listen on host:port (0: any free port) and answer from `db`; close() stops accepting and waits. */
export async function listen(db: Archive, port: number, host: string): Promise<Running> {
  const h = handler(db, { loopbackOnly: /^(?:127(?:\.\d{1,3}){3}|::1|localhost)$/i.test(host) });
  const server = createServer((req, res) => void h(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  // Warmed before the address is given out, so the first visitor does not wait for it.
  await h.warm().catch((err) => process.stderr.write(`vanban serve: warming up: ${err?.message ?? err}\n`));
  const addr = server.address();
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${typeof addr === 'object' && addr ? addr.port : port}/`;
  return {
    server,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
