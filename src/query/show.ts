/**
 * One document in full: header, outline, entities, links and the problems the stages noted.
 */
import type { Database } from 'better-sqlite3';
import type { ShowOutput } from '../../schemas/query.ts';
import { OUTLINE_KINDS } from '../../schemas/vocabulary.ts';
import { SUMMARY_COLUMNS, resolveDocument, summaryFromRow } from './common.ts';
import { refs } from './citations.ts';
import { tasks } from './tasks.ts';
import { targets } from './targets.ts';


export function show(db: Database, selector: string): ShowOutput {
  const doc = resolveDocument(db, selector);
  const d = db
    .prepare(
      `SELECT d.place, d.issuer_parent, d.pipeline_version, f.hash, f.media_type, f.id AS file_id,
              (SELECT count(*) FROM pages p WHERE p.file_id = f.id) AS pages
       FROM documents d JOIN files f ON f.id = d.file_id WHERE d.id = ?`,
    )
    .get(doc.id) as Record<string, any>;
  const signers = db.prepare('SELECT name, title, authority FROM document_signers WHERE document_id = ? ORDER BY ord').all(doc.id) as ShowOutput['document']['signers'];
  const people = db.prepare('SELECT kind, name FROM document_recipients WHERE document_id = ? ORDER BY kind, ord').all(doc.id) as { kind: string; name: string }[];

  const linkRows = db
    .prepare(
      `SELECT 'out' AS direction, l.kind, ${SUMMARY_COLUMNS} FROM document_links l JOIN v_documents vd ON vd.document_id = l.target_document_id WHERE l.document_id = @id
       UNION ALL
       SELECT 'in' AS direction, l.kind, ${SUMMARY_COLUMNS} FROM document_links l JOIN v_documents vd ON vd.document_id = l.document_id WHERE l.target_document_id = @id`,
    )
    .all({ id: doc.id }) as Record<string, any>[];

  const outline = db
    .prepare(
      `SELECT kind, label, heading, depth, page FROM sections
       WHERE document_id = ? AND kind IN (${OUTLINE_KINDS.map((k) => `'${k}'`).join(',')})
       ORDER BY ord`,
    )
    .all(doc.id) as ShowOutput['outline'];

  const citedBy = db
    .prepare(`SELECT r.relation, ${SUMMARY_COLUMNS} FROM doc_references r JOIN v_documents vd ON vd.document_id = r.document_id WHERE r.target_document_id = ? ORDER BY vd.issued, vd.document_id`)
    .all(doc.id) as Record<string, any>[];

  // Agencies: one line per canonical name, with the number of mentions.
  const agencies = db
    .prepare(
      `SELECT min(text) AS text, canonical, kind, province, count(*) AS mentions FROM agencies
       WHERE document_id = ? GROUP BY canonical, kind, province ORDER BY min(ord)`,
    )
    .all(doc.id) as ShowOutput['agencies'];
  const dates = db
    .prepare('SELECT text, kind, date_from AS start, date_to AS "end", recurrence FROM dates WHERE document_id = ? ORDER BY ord')
    .all(doc.id) as ShowOutput['dates'];
  const persons = db.prepare('SELECT name, title FROM persons WHERE document_id = ? ORDER BY ord').all(doc.id) as ShowOutput['persons'];
  // The file's unpositioned messages ("decoded from TCVN3") explain this document's text too;
  // within a severity, messages come in text order, so a repair is read beside its neighbours.
  const messages = db
    .prepare(
      `SELECT stage, rule, severity, reason, char_start AS start, char_end AS "end", page FROM messages
       WHERE document_id = @doc OR (file_id = @file AND document_id IS NULL AND char_start IS NULL)
       ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, coalesce(char_start, -1), ord`,
    )
    .all({ doc: doc.id, file: d.file_id }) as ShowOutput['messages'];
  const restored = db
    .prepare(
      `SELECT t.char_start AS start, t.char_end AS "end",
              (SELECT p.page FROM pages p WHERE p.file_id = t.file_id AND p.char_start <= t.char_start AND t.char_start < p.char_end) AS page,
              t.original, t.restored, t.confidence
       FROM restored_tokens t JOIN documents d ON d.id = @doc
       WHERE t.file_id = @file AND t.char_start >= d.char_start AND t.char_start < d.char_end ORDER BY t.char_start`,
    )
    .all({ doc: doc.id, file: d.file_id }) as ShowOutput['restored'];

  return {
    document: {
      ...doc,
      place: d.place,
      issuerParent: d.issuer_parent,
      signers,
      recipients: people.filter((p) => p.kind === 'recipient').map((p) => p.name),
      distribution: people.filter((p) => p.kind === 'distribution').map((p) => p.name),
      hash: d.hash,
      mediaType: d.media_type,
      pipelineVersion: d.pipeline_version,
      pages: d.pages,
    },
    links: linkRows.map((r) => ({ kind: r.kind, direction: r.direction, document: summaryFromRow(r) })),
    outline,
    references: refs(db, String(doc.id)).references,
    citedBy: citedBy.map((r) => ({ relation: r.relation, document: summaryFromRow(r) })),
    agencies,
    dates,
    targets: targets(db, { documents: [String(doc.id)] }),
    tasks: tasks(db, { documents: [String(doc.id)] }),
    persons,
    messages,
    restored,
  };
}
