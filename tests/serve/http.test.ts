/**
 * `vanban serve` over HTTP, without a browser: the API answers are the CLI's --json answers
 * (and parse with the schemas of schemas/query.ts), bad parameters get 400 and unknown things
 * 404 with a reason, document text is escaped, page images come by stored file id only.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CitesOutput, DocumentText, ErrorOutput, SearchOutput, ShowOutput, StatsOutput, TargetsOutput, TasksOutput } from '../../schemas/query.ts';
import { closeDb, openDb, type Db } from '../../src/store/db.ts';
import { listen, type Running } from '../../src/serve/server.ts';
import { BIN, ROOT } from '../ingest/cli.ts';
import { makeArchive, SCRIPT_MARK, type TestArchive } from './archive.ts';

let archive: TestArchive;
let db: Db;
let server: Running;

beforeAll(async () => {
  archive = makeArchive();
  db = openDb(archive.db, { readonly: true, existingArchive: true });
  server = await listen(db, 0, '127.0.0.1');
});

afterAll(async () => {
  await server?.close();
  if (db) closeDb(db);
  archive?.remove();
});

async function get(path: string, init?: RequestInit) {
  const res = await fetch(new URL(path, server.url), init);
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body, text: body.toString('utf8') };
}

const getJson = async (path: string) => {
  const r = await get(path);
  return { ...r, json: JSON.parse(r.text) };
};

function cli(args: string[]): unknown {
  const r = spawnSync(BIN, [...args, '--db', archive.db, '--json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return JSON.parse(r.stdout);
}

const one = (sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as Record<string, any>;

describe('the API answers what the CLI answers', () => {
  it('search, without diacritics, with a filter', async () => {
    const r = await getJson('/api/search?q=dich+vu+cong&type=ke+hoach');
    expect(r.status).toBe(200);
    const hits = SearchOutput.parse(r.json);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.document.type === 'Kế hoạch')).toBe(true);
    expect(r.json).toEqual(cli(['search', 'dich vu cong', '--type', 'ke hoach']));
  });

  it('show, tasks, targets, cites, stats', async () => {
    const doc = one("SELECT id FROM documents WHERE type = 'Kế hoạch' ORDER BY id LIMIT 1").id;
    const show = await getJson(`/api/documents/${doc}`);
    expect(ShowOutput.parse(show.json).document.id).toBe(doc);
    expect(show.json).toEqual(cli(['show', String(doc)]));

    const tasks = await getJson('/api/tasks?agency=Cuc+Kiem+soat+thu+tuc+hanh+chinh&role=lead&due-before=2022');
    expect(TasksOutput.parse(tasks.json).count).toBeGreaterThan(0);
    expect(tasks.json).toEqual(cli(['tasks', '--agency', 'Cuc Kiem soat thu tuc hanh chinh', '--role', 'lead', '--due-before', '2022']));

    const targets = await getJson('/api/targets?year=2021');
    TargetsOutput.parse(targets.json);
    expect(targets.json).toEqual(cli(['targets', '--year', '2021']));

    const cited = one('SELECT number FROM doc_references WHERE number IS NOT NULL GROUP BY number ORDER BY count(*) DESC LIMIT 1').number;
    const cites = await getJson(`/api/cites?${new URLSearchParams({ number: cited })}`);
    expect(CitesOutput.parse(cites.json).count).toBeGreaterThan(0);
    expect(cites.json).toEqual(cli(['cites', cited]));

    const stats = await getJson('/api/stats');
    expect(StatsOutput.parse(stats.json).copies).toBe(one('SELECT count(*) AS n FROM documents').n);
    expect(stats.json).toEqual(cli(['stats']));
  });

  it('a document\'s text with the spans and boxes of its items', async () => {
    const task = one("SELECT t.id, t.document_id, t.char_start, t.char_end, t.box FROM tasks t JOIN documents d ON d.id = t.document_id JOIN files f ON f.id = d.file_id WHERE f.media_type = 'application/pdf' AND t.box IS NOT NULL ORDER BY t.id LIMIT 1");
    // a copy (the PDF of a document also stored as text) is named with copies, as `show --copies`
    const r = await getJson(`/api/documents/${task.document_id}/text?copies=1`);
    const dt = DocumentText.parse(r.json);
    const span = dt.spans.find((s) => s.kind === 'task' && s.id === task.id)!;
    expect(span.box).toEqual(JSON.parse(task.box));
    const content = one('SELECT content FROM tasks WHERE id = ?', task.id).content as string;
    // the stored span points at the task's words in the text
    expect(dt.text.slice(span.start - dt.start, span.end - dt.start).replace(/\s+/g, ' ')).toContain(content.slice(0, 20));
  });
});

describe('bad requests and unknown things', () => {
  it.each([
    ['/api/tasks?role=boss&agency=Sở+Tài+chính', 400, 'role must be lead or partner'],
    ['/api/tasks?role=lead', 400, 'role needs agency'],
    ['/api/tasks?due-before=2021-13', 400, 'there is no month 13'],
    ['/api/tasks?agency=%25', 400, 'needs a letter or digit'],
    ['/api/tasks?colour=red', 400, 'unknown parameter "colour"'],
    ['/api/targets?year=21', 400, 'four-digit year'],
    ['/api/search', 400, 'q: give the words to find'],
    ['/api/search?q=x&limit=0', 400, 'limit must be'],
    ['/api/cites', 400, 'number: give'],
    ['/api/documents/9999', 404, 'no stored document matches "9999"'],
    ['/api/nothing', 404, 'no page at /api/nothing'],
  ])('%s → %i', async (path, status, message) => {
    const r = await getJson(path);
    expect(r.status).toBe(status);
    expect(ErrorOutput.parse(r.json).error.message).toContain(message);
    expect(r.json.error.code).toBe(status === 404 ? 'not-found' : 'usage');
  });

  it('a bad parameter is answered, not logged: the console stays quiet', async () => {
    const written: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string | Uint8Array) => (written.push(String(chunk)), true)) as typeof write;
    try {
      expect((await get('/api/tasks?due-before=2021-13')).status).toBe(400);
      expect((await get('/tasks?role=boss&agency=x')).status).toBe(400);
    } finally {
      process.stderr.write = write;
    }
    expect(written).toEqual([]);
  });

  it.each([
    ['/nope', 404, 'no page at /nope'],
    ['/documents/9999', 404, 'no stored document matches'],
    ['/tasks?due-in=2021-02-30', 400, 'month 2 of 2021 has 28 days'],
    ['/search?q=ke+hoach&page=0', 400, 'page must be'],
    ['/files/abc/pages/1', 400, 'file id must be a whole number'],
    ['/files/999/pages/1', 404, 'no stored file 999'],
    ['/files/1/pages/7', 404, 'has no page 7'],
    ['/?lang=fr', 400, 'lang must be vi or en'],
  ])('page %s → %i, said on the page', async (path, status, message) => {
    const r = await get(path);
    expect(r.status).toBe(status);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(r.text).toContain(message.replace(/"/g, '&quot;'));
  });

  it('the archive is read-only: nothing but GET is answered, and the connection cannot write', async () => {
    const r = await get('/api/stats', { method: 'POST' });
    expect(r.status).toBe(405);
    expect(() => db.exec('CREATE TABLE x (a)')).toThrow(/readonly/);
  });

  it('kept answers are dropped when another connection changes the archive', async () => {
    const before = StatsOutput.parse((await getJson('/api/stats')).json).ingestErrors;
    expect(StatsOutput.parse((await getJson('/api/stats')).json).ingestErrors).toBe(before); // kept
    const agency = '/api/tasks?agency=Ban+Th%E1%BB%AD+Nghi%E1%BB%87m&role=lead';
    expect((await getJson(agency)).json.count).toBe(0);
    const writer = openDb(archive.db);
    try {
      writer.prepare("INSERT INTO ingest_errors (path, stage, rule, reason, pipeline_version, first_seen) VALUES ('x.pdf', 'load', 'test', 'test', 'x', '2026-01-01')").run();
      const task = writer.prepare('SELECT t.id FROM tasks t JOIN documents d ON d.id = t.document_id WHERE coalesce(d.work_id, d.id) = d.id LIMIT 1').get() as { id: number };
      writer.prepare("INSERT INTO task_agencies (task_id, role, ord, agency) VALUES (?, 'lead', 99, 'Ban Thử Nghiệm')").run(task.id);
      expect(StatsOutput.parse((await getJson('/api/stats')).json).ingestErrors).toBe(before + 1);
      expect(TasksOutput.parse((await getJson(agency)).json).tasks.map((t) => t.id)).toEqual([task.id]);
      writer.prepare("DELETE FROM ingest_errors WHERE path = 'x.pdf'").run();
      writer.prepare("DELETE FROM task_agencies WHERE agency = 'Ban Thử Nghiệm'").run();
    } finally {
      closeDb(writer);
    }
    expect(StatsOutput.parse((await getJson('/api/stats')).json).ingestErrors).toBe(before);
  });

  it('on localhost it answers only to localhost names (no DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const ask = (host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(new URL('/api/stats', server.url), { headers: { host } }, (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        });
        req.on('error', reject);
        req.end();
      });
    const evil = await ask('archive.attacker.example:8080');
    expect(evil.status).toBe(403);
    expect(evil.body).toContain('answers only to localhost');
    for (const host of ['localhost:8080', '127.0.0.1', '[::1]:9000']) expect((await ask(host)).status).toBe(200);
  });

  it('a path in the request never reaches the file system', async () => {
    for (const path of ['/files/..%2F..%2Fetc%2Fpasswd/pages/1', '/assets/..%2Fserver.ts', '/assets/passwd.js']) {
      const r = await get(path);
      expect([400, 404]).toContain(r.status);
      expect(r.text).not.toContain('root:');
    }
  });
});

describe('pages', () => {
  it('document text is escaped, and no inline script is allowed', async () => {
    const id = one("SELECT id FROM documents WHERE number = '99/UBND-VX'").id;
    const r = await get(`/documents/${id}`);
    expect(r.status).toBe(200);
    expect(r.text).toContain(`&lt;script&gt;window.${SCRIPT_MARK}=1&lt;/script&gt;`);
    expect(r.text).toContain('&lt;img src=x onerror=&quot;');
    expect(r.text).not.toMatch(new RegExp(`<script>[^<]*${SCRIPT_MARK}`));
    expect(r.text).not.toMatch(/<img src=x/);
    const csp = r.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    // the only script is the server's own file
    expect([...r.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="/assets/app.js" defer>']);
    const search = await get('/search?q=de+nghi+kiem+tra+noi+dung');
    expect(search.text).toContain('&lt;script&gt;');
    expect(search.text).not.toMatch(new RegExp(`<script>[^<]*${SCRIPT_MARK}`));
  });

  it('the document page boxes the item pointed at on its page image, a JPEG rendered from the stored PDF', async () => {
    const task = one("SELECT t.id, t.document_id, t.page, t.box, d.file_id FROM tasks t JOIN documents d ON d.id = t.document_id JOIN files f ON f.id = d.file_id WHERE f.media_type = 'application/pdf' AND t.box IS NOT NULL ORDER BY t.id LIMIT 1");
    const r = await get(`/documents/${task.document_id}?item=task-${task.id}`);
    expect(r.status).toBe(200);
    const [x0, y0, x1, y1] = JSON.parse(task.box) as number[];
    expect(r.text).toContain(`<rect class="box" data-item="task-${task.id}" x="${x0! - 2}" y="${y0! - 2}" width="${x1! - x0! + 4}" height="${y1! - y0! + 4}">`);
    expect(r.text).toContain(`<img src="/files/${task.file_id}/pages/${task.page}"`);
    expect(r.text).toMatch(new RegExp(`<a class="hl k-task[^"]* sel" id="t-task-${task.id}"`));
    const img = await get(`/files/${task.file_id}/pages/${task.page}`);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    expect([...img.body.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    // a text document has no page image
    const text = await get(`/files/1/pages/1`);
    expect(text.status).toBe(404);
  });

  it('the tasks CSV has the rows of the table, in the order asked', async () => {
    const api = TasksOutput.parse((await getJson('/api/tasks?type=ke+hoach')).json);
    const r = await get('/tasks.csv?type=ke+hoach&sort=due&dir=desc');
    expect(r.headers.get('content-type')).toContain('text/csv');
    const lines = r.text.replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Mã,Văn bản,Nhóm,Nhiệm vụ,Chủ trì,Phối hợp,Thời hạn');
    const ids = lines.slice(1).map((l) => Number(l.split(',')[0]));
    expect(ids.sort()).toEqual(api.tasks.map((t) => t.id).sort());
    const page = await get('/tasks?type=ke+hoach&sort=due&dir=desc');
    const shown = [...page.text.matchAll(/<tr><td class="num">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    const csvOrder = r.text.replace(/^\ufeff/, '').trimEnd().split('\r\n').slice(1).map((l) => Number(l.split(',')[0]));
    expect(shown).toEqual(csvOrder);
    // due dates descending, undated last
    const due = new Map(api.tasks.map((t) => [t.id, t.due ?? '']));
    const dues = csvOrder.map((id) => due.get(id)!).filter(Boolean);
    expect(dues).toEqual([...dues].sort().reverse());
  });

  it('Vietnamese by default, English on asking (and remembered)', async () => {
    const vi = await get('/');
    expect(vi.text).toContain('<html lang="vi">');
    expect(vi.text).toContain('Văn bản theo loại');
    const en = await get('/?lang=en');
    expect(en.text).toContain('Documents by type');
    const cookie = en.headers.get('set-cookie')!;
    expect(cookie).toContain('lang=en');
    const again = await get('/tasks', { headers: { cookie: 'lang=en' } });
    expect(again.text).toContain('Download CSV');
  });

  it('every page answers', async () => {
    const doc = one('SELECT id FROM documents ORDER BY id LIMIT 1').id;
    const scan = one("SELECT d.id FROM documents d JOIN files f ON f.id = d.file_id WHERE f.media_type = 'application/pdf' LIMIT 1").id;
    for (const lang of ['vi', 'en'])
      for (const path of ['/', '/search', '/search?q=chuyen+doi+so', `/documents/${doc}`, `/documents/${scan}`, '/tasks', '/targets?year=2025', '/citations', `/citations?document=${doc}`, '/citations?number=45%2F2020%2FN%C4%90-CP', '/nope']) {
        const r = await get(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        expect(r.status, path).toBe(path === '/nope' ? 404 : 200);
        expect(r.text).toContain(`<html lang="${lang}">`);
      }
    const dates = await get('/tasks');
    expect(dates.text).toMatch(/\d{2}\/\d{2}\/\d{4}/); // dd/mm/yyyy
  });
});
