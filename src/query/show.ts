/**
 * One document in full: header, outline, entities, links and the problems the stages noted.
 */
import type { Database } from 'better-sqlite3';
import type { ShowOutput } from '../../schemas/query.ts';
import { OUTLINE_KINDS } from '../../schemas/vocabulary.ts';
import { all, get, runSqlite, type Q } from '../store/sql.ts';
import { SUMMARY_COLUMNS, resolveDocumentQ, summaryFromRow } from './common.ts';
import { refsQ } from './citations.ts';
import { tasksQ } from './tasks.ts';
import { targetsQ } from './targets.ts';

type FilledField = keyof ShowOutput['document']['filledFrom'];

/**
 * The document a selector names, through its work's primary copy (the best one: text or
 * born-digital over OCR), with every copy listed; with `copies`, the copy the selector names.
 */
export function show(db: Database, selector: string, opts: { copies?: boolean } = {}): ShowOutput {
  return runSqlite(db, showQ(selector, opts));
}

export function* showQ(selector: string, opts: { copies?: boolean } = {}): Q<ShowOutput> {
  const doc = yield* resolveDocumentQ(selector, opts);
  const d = (yield* get(`SELECT d.place, d.issuer_parent, d.pipeline_version, f.hash, f.media_type, f.id AS file_id,
              (SELECT count(*) FROM pages p WHERE p.file_id = f.id) AS pages
       FROM documents d JOIN files f ON f.id = d.file_id WHERE d.id = ?`, [doc.id])) as Record<string, any>;
  const signers = (yield* all('SELECT name, title, authority FROM document_signers WHERE document_id = ? ORDER BY ord', [doc.id])) as ShowOutput['document']['signers'];
  const people = (yield* all('SELECT kind, name FROM document_recipients WHERE document_id = ? ORDER BY kind, ord', [doc.id])) as { kind: string; name: string }[];

  // Linked documents of the same file, named by their works (by the copies with --copies).
  const linked = (col: string) => (opts.copies ? col : `(SELECT coalesce(x.work_id, x.id) FROM documents x WHERE x.id = ${col})`);
  const linkRows = (yield* all(`SELECT 'out' AS direction, l.kind, ${SUMMARY_COLUMNS} FROM document_links l JOIN v_document_copies vd ON vd.document_id = ${linked('l.target_document_id')} WHERE l.document_id = @id
       UNION ALL
       SELECT 'in' AS direction, l.kind, ${SUMMARY_COLUMNS} FROM document_links l JOIN v_document_copies vd ON vd.document_id = ${linked('l.document_id')} WHERE l.target_document_id = @id`, { id: doc.id })) as Record<string, any>[];

  // Every copy of the work, the primary first, then text before PDF text layers before scans
  // (better OCR first), and how each was read.
  const copies = (
    (yield* all(`SELECT c.document_id AS id, c.file_path AS file, c.idx AS "index", c.media_type AS "mediaType", c.copy_kind AS kind, c.is_primary AS "primary",
                (SELECT count(*) FROM pages p WHERE p.file_id = c.file_id) AS pages,
                (SELECT avg(p.confidence) FROM pages p WHERE p.file_id = c.file_id AND p.method = 'ocr') AS "ocrConfidence"
         FROM v_document_copies c WHERE c.work_id = ?
         ORDER BY c.is_primary DESC, CASE c.copy_kind WHEN 'text' THEN 0 WHEN 'textlayer' THEN 1 WHEN 'mixed' THEN 2 ELSE 3 END, "ocrConfidence" DESC, c.document_id`, [doc.work])) as Record<string, any>[]
  ).map((c) => ({ ...c, primary: c.primary === 1, ocrConfidence: c.ocrConfidence === null ? null : Math.round(c.ocrConfidence * 1000) / 1000 })) as ShowOutput['copies'];

  const outline = (yield* all(`SELECT kind, label, heading, depth, page FROM sections
       WHERE document_id = ? AND kind IN (${OUTLINE_KINDS.map((k) => `'${k}'`).join(',')})
       ORDER BY ord`, [doc.id])) as ShowOutput['outline'];

  // Who cites it: a citation of any copy of the work, by each citing work once (by every
  // citing copy of this copy with --copies).
  const citedBy = (yield* all(opts.copies
        ? `SELECT r.relation, ${SUMMARY_COLUMNS} FROM doc_references r JOIN v_document_copies vd ON vd.document_id = r.document_id WHERE r.target_document_id = ? ORDER BY vd.issued, vd.document_id`
        : `SELECT DISTINCT r.relation, ${SUMMARY_COLUMNS} FROM doc_references r JOIN documents c ON c.id = r.document_id
           JOIN v_documents vd ON vd.document_id = coalesce(c.work_id, c.id)
           WHERE r.target_document_id IN (SELECT id FROM documents WHERE work_id = ?) ORDER BY vd.issued, vd.document_id`, [opts.copies ? doc.id : doc.work])) as Record<string, any>[];

  // Agencies: one line per canonical name, with the number of mentions.
  const agencies = (yield* all(`SELECT min(text) AS text, canonical, kind, province, count(*) AS mentions FROM agencies
       WHERE document_id = ? GROUP BY canonical, kind, province ORDER BY min(ord)`, [doc.id])) as ShowOutput['agencies'];
  const dates = (yield* all('SELECT text, kind, date_from AS start, date_to AS "end", recurrence FROM dates WHERE document_id = ? ORDER BY ord', [doc.id])) as ShowOutput['dates'];
  const persons = (yield* all('SELECT name, title FROM persons WHERE document_id = ? ORDER BY ord', [doc.id])) as ShowOutput['persons'];
  // The file's unpositioned messages ("decoded from TCVN3") explain this document's text too;
  // within a severity, messages come in text order, so a repair is read beside its neighbours.
  const messages = (yield* all(`SELECT stage, rule, severity, reason, char_start AS start, char_end AS "end", page FROM messages
       WHERE document_id = @doc OR (file_id = @file AND document_id IS NULL AND char_start IS NULL)
       ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, coalesce(char_start, -1), ord`, { doc: doc.id, file: d.file_id })) as ShowOutput['messages'];
  const restored = (yield* all(`SELECT t.char_start AS start, t.char_end AS "end",
              (SELECT p.page FROM pages p WHERE p.file_id = t.file_id AND p.char_start <= t.char_start AND t.char_start < p.char_end) AS page,
              t.original, t.restored, t.confidence
       FROM restored_tokens t JOIN documents d ON d.id = @doc
       WHERE t.file_id = @file AND t.char_start >= d.char_start AND t.char_start < d.char_end ORDER BY t.char_start`, { doc: doc.id, file: d.file_id })) as ShowOutput['restored'];

  // A field the shown copy lacks (a scan's lost date, a text without its header) is taken from
  // the best copy that has it, and says so; with --copies the copy is shown as it is.
  const header: Record<FilledField, string | null> = { type: doc.type, number: doc.number, issued: doc.issued, place: d.place, issuer: doc.issuer, issuerParent: d.issuer_parent, subject: doc.subject };
  const filledFrom: ShowOutput['document']['filledFrom'] = {};
  const missing = (Object.keys(header) as FilledField[]).filter((k) => header[k] === null);
  if (!opts.copies && missing.length && copies.length > 1) {
    for (const c of copies) {
      if (c.id === doc.id) continue;
      const row = (yield* get('SELECT type, number, issued, place, issuer, issuer_parent AS "issuerParent", subject FROM documents WHERE id = ?', [c.id])) as Record<FilledField, string | null>;
      for (const k of missing) {
        if (header[k] === null && row[k] !== null) {
          header[k] = row[k];
          filledFrom[k] = c.id;
        }
      }
    }
  }

  return {
    document: {
      ...doc,
      ...header,
      filledFrom,
      signers,
      recipients: people.filter((p) => p.kind === 'recipient').map((p) => p.name),
      distribution: people.filter((p) => p.kind === 'distribution').map((p) => p.name),
      hash: d.hash,
      mediaType: d.media_type,
      pipelineVersion: d.pipeline_version,
      pages: d.pages,
    },
    copies,
    links: linkRows.map((r) => ({ kind: r.kind, direction: r.direction, document: summaryFromRow(r) })),
    outline,
    references: (yield* refsQ(String(doc.id), opts)).references,
    citedBy: citedBy.map((r) => ({ relation: r.relation, document: summaryFromRow(r) })),
    agencies,
    dates,
    targets: yield* targetsQ({ documents: [String(doc.id)], copies: true }),
    tasks: yield* tasksQ({ documents: [String(doc.id)], copies: true }),
    persons,
    messages,
    restored,
  };
}
