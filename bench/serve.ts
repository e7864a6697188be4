/**
 * Response times of `vanban serve` on an ingested archive: the main pages and API calls, each
 * asked once (the first answer: the server keeps the rows of the last few tables and the stats
 * until the archive changes) and then `runs` times more; median and p95 of those in ms, over
 * HTTP from this process to the server running in it. The addresses are picked from the archive (a document with tasks,
 * a number that is cited, a word of its text), so they are real answers, not 404s.
 */
import { closeDb, openDb } from '../src/store/db.ts';
import { listen } from '../src/serve/server.ts';

export interface ServeTiming {
  path: string;
  status: number;
  bytes: number;
  /** The first answer, before any statement or answer of it was kept. */
  firstMs: number;
  medianMs: number;
  p95Ms: number;
}

export interface ServeBench {
  documents: number;
  runs: number;
  timings: ServeTiming[];
  slowestP95Ms: number;
  slowestFirstMs: number;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

export async function benchServe(dbFile: string, runs = 20): Promise<ServeBench> {
  const db = openDb(dbFile, { readonly: true, existingArchive: true });
  const running = await listen(db, 0, '127.0.0.1');
  try {
    const one = (sql: string) => db.prepare(sql).get() as Record<string, any> | undefined;
    const documents = one('SELECT count(*) AS n FROM documents')!.n as number;
    const doc = one('SELECT document_id AS id FROM tasks GROUP BY document_id ORDER BY count(*) DESC LIMIT 1')?.id ?? 1;
    const task = one(`SELECT id FROM tasks WHERE document_id = ${doc} ORDER BY ord LIMIT 1`)?.id;
    const cited = one('SELECT number FROM doc_references WHERE target_document_id IS NOT NULL GROUP BY number ORDER BY count(*) DESC LIMIT 1')?.number ?? '45/2020/NĐ-CP';
    const agency = one('SELECT agency FROM task_agencies GROUP BY agency ORDER BY count(*) DESC LIMIT 1')?.agency ?? 'Sở Tài chính';
    const q = (p: Record<string, string>) => new URLSearchParams(p).toString();
    const paths = [
      '/',
      '/api/stats',
      `/search?${q({ q: 'chuyen doi so' })}`,
      `/api/search?${q({ q: 'chuyen doi so' })}`,
      `/documents/${doc}`,
      `/documents/${doc}?item=task-${task}`,
      `/api/documents/${doc}`,
      `/tasks?${q({ agency, role: 'lead' })}`,
      `/api/tasks?${q({ agency, role: 'lead' })}`,
      `/tasks?${q({ 'due-in': '2025' })}`,
      '/tasks',
      `/targets?${q({ year: '2025' })}`,
      '/targets',
      `/citations?${q({ number: cited })}`,
      `/api/cites?${q({ number: cited })}`,
      `/citations?document=${doc}`,
    ];
    const timings: ServeTiming[] = [];
    for (const path of paths) {
      const url = new URL(path, running.url).href;
      const ask = async () => {
        const t0 = performance.now();
        const res = await fetch(url);
        const body = await res.arrayBuffer();
        return { ms: performance.now() - t0, status: res.status, bytes: body.byteLength };
      };
      const first = await ask(); // the first answer: nothing of it kept yet
      const times: number[] = [];
      let last = { status: 0, bytes: 0 };
      for (let i = 0; i < runs; i++) {
        const r = await ask();
        times.push(r.ms);
        last = r;
      }
      timings.push({ path, status: last.status, bytes: last.bytes, firstMs: Math.round(first.ms * 10) / 10, medianMs: Math.round(quantile(times, 0.5) * 10) / 10, p95Ms: Math.round(quantile(times, 0.95) * 10) / 10 });
    }
    return { documents, runs, timings, slowestP95Ms: Math.max(...timings.map((t) => t.p95Ms)), slowestFirstMs: Math.max(...timings.map((t) => t.firstMs)) };
  } finally {
    await running.close();
    closeDb(db);
  }
}

// `node --import tsx bench/serve.ts ARCHIVE [RUNS]`: the table alone, on an archive already made.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, runs] = process.argv.slice(2);
  if (!file) throw new Error('usage: node --import tsx bench/serve.ts ARCHIVE [RUNS]');
  const r = await benchServe(file, runs ? Number(runs) : 20);
  process.stdout.write(`${r.documents} documents, ${r.runs} runs each\n`);
  for (const t of r.timings) process.stdout.write(`${String(t.firstMs).padStart(8)} ${String(t.medianMs).padStart(8)} ${String(t.p95Ms).padStart(8)}  ${t.status} ${String(t.bytes).padStart(9)}  ${t.path}\n`);
}
