/**
 * An archive built from the gold annotations (fixtures/gold/), written through the store's
 * real writer: the query layer is tested against what the fixtures say, independently of how
 * well extraction currently does. Provenance offsets are found in the fixture text.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { DocLink, Reference, Target, Task, VbDocument, VbFile } from '../../schemas/document.ts';
import { fold } from '../../src/normalize/index.ts';
import { documentProvince } from '../../src/extract/index.ts';
import { openDb, type Db } from '../../src/store/db.ts';
import { storeFile } from '../../src/store/write.ts';

export const FIXTURES = join(import.meta.dirname, '../../fixtures');

export function seedFiles(): string[] {
  return readdirSync(FIXTURES).filter((f) => /^\d{3}_[0-9a-f]+\.txt$/.test(f)).sort();
}

export interface GoldDocument {
  document: { type: string | null; number: string | null; issued: string | null; place: string | null; issuer: string | null; issuerParent: string | null; subject: string | null; signers: any[]; recipients: string[]; distribution: string[] };
  link: DocLink | null;
  outline: { kind: string; label: string | null; heading: string | null; depth: number }[];
  references: Omit<Reference, 'prov' | 'subject'>[];
}

export function gold(file: string): { documents: GoldDocument[]; entities: { targets: Omit<Target, 'prov'>[]; tasks: Omit<Task, 'prov'>[] }[] } {
  const base = file.replace(/\.txt$/, '');
  const g = JSON.parse(readFileSync(join(FIXTURES, 'gold', `${base}.json`), 'utf8'));
  const t = JSON.parse(readFileSync(join(FIXTURES, 'gold', `${base}.tasks.json`), 'utf8'));
  return { documents: g.documents, entities: t.documents };
}

/** Where a phrase sits in the text (first 40 characters are enough to find it); 0 if not found. */
function locate(text: string, phrase: string, from = 0): { start: number; end: number } {
  const probe = phrase.slice(0, 40);
  let at = text.indexOf(probe, from);
  if (at < 0) at = text.indexOf(probe);
  if (at < 0) return { start: 0, end: 0 };
  return { start: at, end: Math.min(text.length, at + phrase.length) };
}

export function goldFile(file: string): VbFile {
  const bytes = readFileSync(join(FIXTURES, file));
  const text = bytes.toString('utf8').normalize('NFC').replace(/\r\n?/g, '\n');
  const g = gold(file);
  const documents: VbDocument[] = g.documents.map((d, i) => {
    const prov = (phrase: string) => ({ ...locate(text, phrase), page: null, section: null });
    const ent = g.entities[i] ?? { targets: [], tasks: [] };
    return {
      index: i,
      start: 0,
      end: text.length,
      header: { ...d.document, province: null },
      links: d.link ? [d.link] : [],
      sections: d.outline.map((o, k) => ({
        id: `d${i}.s${k}`,
        parent: null,
        kind: o.kind as any,
        label: o.label,
        heading: o.heading,
        text: o.heading ?? '',
        order: k,
        depth: o.depth,
        start: 0,
        end: 0,
        page: null,
      })),
      tables: [],
      references: d.references.map((r) => ({ subject: null, ...r, prov: prov(r.text) })),
      agencies: [],
      dates: [],
      targets: ent.targets.map((t) => ({ ...t, prov: prov(t.text) })),
      tasks: ent.tasks.map((t) => ({ ...t, prov: prov(t.content) })),
      persons: [],
    } as VbDocument;
  });
  // The province is extract's decision, made from the gold header as the pipeline would.
  for (const d of documents) d.header.province = documentProvince(d, text.slice(d.start, d.end));
  return {
    source: { path: `fixtures/${file}`, hash: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, mediaType: 'text/plain', encoding: 'utf-8' },
    original: text,
    text,
    pages: [],
    restored: [],
    documents,
    messages: [],
  };
}

/** A database file holding every seed fixture as its gold annotations say. */
export function buildGoldDb(path: string): void {
  const db: Db = openDb(path);
  for (const f of seedFiles()) storeFile(db, goldFile(f), { fold, pipelineVersion: 'gold', now: () => '2026-01-01T00:00:00Z' });
  db.close();
}
