/**
 * Child process for the fuzz test: runs every file of a folder through load and the text
 * stages (normalize → restore → segment → extract) and prints one JSON line per file as it
 * finishes, so the parent can tell which input hangs (it kills us after a time bound).
 * Usage: node --import tsx tests/ingest/fuzz-worker.ts DIR [NAME…]  (default: every file in DIR)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VbFile as VbFileSchema, type VbFile } from '../../schemas/document.ts';
import { loadBytes } from '../../src/load/index.ts';
import { pipeline } from '../../src/pipeline.ts';

const dir = process.argv[2];

/** Provenance that points outside the text is a defect even when nothing throws. */
function badOffsets(f: VbFile): string[] {
  const n = f.text.length;
  const bad: string[] = [];
  const check = (what: string, s: number, e: number) => {
    if (!(s >= 0 && e >= s && e <= n)) bad.push(`${what} [${s}, ${e}) outside [0, ${n}]`);
  };
  for (const d of f.documents) {
    check(`document ${d.index}`, d.start, d.end);
    for (const s of d.sections) check(`section ${s.id}`, s.start, s.end);
    for (const t of d.tables) check(`table ${t.id}`, t.start, t.end);
    for (const k of ['references', 'agencies', 'dates', 'targets', 'tasks', 'persons'] as const) {
      for (const x of d[k] as { prov: { start: number; end: number } }[]) check(k, x.prov.start, x.prov.end);
    }
  }
  return bad.slice(0, 3);
}

const names = process.argv.length > 3 ? process.argv.slice(3) : readdirSync(dir).sort();
for (const name of names) {
  const bytes = readFileSync(join(dir, name));
  process.stdout.write(JSON.stringify({ event: 'start', name }) + '\n');
  const t0 = performance.now();
  let out: VbFile = loadBytes(name, bytes);
  async function* one() {
    yield out;
  }
  // No OCR: these are text inputs; the stages after load are the ones under test.
  const stages = pipeline({ until: 'extract', restore: {} });
  for await (const f of stages(one())) out = f;
  const ms = Math.round(performance.now() - t0);
  const crashes = out.messages.filter((m) => m.ruleId.endsWith('-failed')).map((m) => `${m.stage}: ${m.reason}`);
  const schema = VbFileSchema.safeParse(out);
  process.stdout.write(
    JSON.stringify({
      event: 'done',
      name,
      ms,
      chars: out.text.length,
      documents: out.documents.length,
      crashes,
      invalid: schema.success ? null : `${schema.error.issues[0].path.join('.')}: ${schema.error.issues[0].message}`,
      badOffsets: badOffsets(out),
    }) + '\n',
  );
}
