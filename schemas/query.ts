/**
 * The `--json` outputs of the analysts' query commands (cites, refs, tasks, targets, show,
 * stats, sql, export --list, search), and the types of src/query (z.infer of these, never a
 * twin). Strict objects: tests/query/json-output.test.ts checks every command's output against
 * these and against the JSON Schemas made from them (schemas/json/), so a key added, renamed
 * or dropped in the code without changing it here fails.
 * README "Querying the archive" shows them with examples.
 */
import { z } from 'zod';
import { Comparator, DateKind, DocLinkKind, Relation, SectionKind, Severity, TaskRole, TaskSource } from './document.ts';
import { OUTLINE_KINDS } from './vocabulary.ts';
import { Box } from './ocr.ts';

const str = z.string().nullable();

/** What names a document in every answer. */
export const DocumentSummary = z.strictObject({
  id: z.number().int(),
  type: str,
  number: str, // canonical số/ký hiệu; null for unnumbered plans
  issued: str, // YYYY-MM-DD
  issuer: str,
  province: str, // from the issuer ("Ủy ban nhân dân tỉnh Vĩnh Long" → "Vĩnh Long"); null for central bodies
  subject: str,
  file: z.string(), // path the file was ingested from
  index: z.number().int(), // position of the document in its file
  work: z.number().int(), // the document's identity: id of its work's primary copy (= id unless this is a copy, with --copies)
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

/** The document filters as a query echoes them: every key present, null when not given. */
export const DocumentFilterEcho = z.strictObject({
  type: str,
  issuer: str,
  from: str,
  to: str,
  province: str,
  documents: z.array(z.string()).nullable(),
  copies: z.boolean(), // --copies: every stored copy listed, not each document once
});
export type DocumentFilterEcho = z.infer<typeof DocumentFilterEcho>;

export const CitedDocument = z.strictObject({ number: str, type: str, name: str, issued: str, issuer: str });
export type CitedDocument = z.infer<typeof CitedDocument>;

const citation = {
  referenceId: z.number().int(),
  relation: Relation,
  citation: z.string(), // as written
  sentence: z.string(), // the sentence around it
  page: z.number().int().nullable(),
  charStart: z.number().int(), // offsets into files.text
  charEnd: z.number().int(),
  cited: CitedDocument,
};

export const CitingRow = z.strictObject({ ...citation, document: DocumentSummary }); // document: the one that cites
export type CitingRow = z.infer<typeof CitingRow>;
export const RefRow = z.strictObject({ ...citation, resolved: DocumentSummary.nullable() }); // resolved: the stored document cited
export type RefRow = z.infer<typeof RefRow>;

export const CitesOutput = z.strictObject({
  query: z.strictObject({ number: z.string(), relation: str, ...DocumentFilterEcho.shape }),
  count: z.number().int(),
  citations: z.array(CitingRow),
});
export type CitesOutput = z.infer<typeof CitesOutput>;

export const RefsOutput = z.strictObject({ document: DocumentSummary, count: z.number().int(), references: z.array(RefRow) });
export type RefsOutput = z.infer<typeof RefsOutput>;

export const TaskRow = z.strictObject({
  id: z.number().int(),
  document: DocumentSummary,
  group: str, // group label of the plan table ("I", "II.1")
  content: z.string(),
  lead: z.array(z.string()), // agencies as written
  partners: z.array(z.string()),
  start: str,
  due: str,
  recurrence: str,
  outputs: str,
  source: TaskSource,
  page: z.number().int().nullable(),
  matched: z.array(z.strictObject({ role: TaskRole, agency: z.string() })), // with --agency; else []
});
export type TaskRow = z.infer<typeof TaskRow>;

export const TasksOutput = z.strictObject({
  query: z.strictObject({ agency: str, role: TaskRole.nullable(), dueBefore: str, dueFrom: str, text: str, ...DocumentFilterEcho.shape }),
  count: z.number().int(),
  tasks: z.array(TaskRow),
});
export type TasksOutput = z.infer<typeof TasksOutput>;

export const TargetRow = z.strictObject({
  id: z.number().int(),
  document: DocumentSummary,
  comparator: Comparator,
  value: z.number(),
  unit: z.string(),
  subject: z.string(),
  deadline: str,
  // the deadline is the title's horizon ("… giai đoạn 2021–2025"), not stated with the target
  deadlineInferred: z.boolean(),
  text: z.string(),
  page: z.number().int().nullable(),
});
export type TargetRow = z.infer<typeof TargetRow>;

export const TargetsOutput = z.strictObject({
  query: z.strictObject({ year: z.number().int().nullable(), subject: str, ...DocumentFilterEcho.shape }),
  count: z.number().int(),
  targets: z.array(TargetRow),
});
export type TargetsOutput = z.infer<typeof TargetsOutput>;

/** Section kinds that make a document's outline in `vanban show`. */
export const OutlineKind = SectionKind.extract(OUTLINE_KINDS);
export type OutlineKind = z.infer<typeof OutlineKind>;

export const ShowOutput = z.strictObject({
  document: DocumentSummary.extend({
    place: str,
    issuerParent: str,
    signers: z.array(z.strictObject({ name: str, title: str, authority: str })),
    recipients: z.array(z.string()),
    distribution: z.array(z.string()),
    hash: z.string(),
    mediaType: z.string(),
    pipelineVersion: z.string(),
    pages: z.number().int(),
    // header fields the shown copy lacks, taken from another copy (field → that copy's id)
    filledFrom: z.partialRecord(z.enum(['type', 'number', 'issued', 'place', 'issuer', 'issuerParent', 'subject']), z.number().int()),
  }),
  // every stored copy of the document (its work), the primary (the one shown) first
  copies: z.array(
    z.strictObject({
      id: z.number().int(),
      file: z.string(),
      index: z.number().int(),
      mediaType: z.string(),
      kind: z.enum(['text', 'textlayer', 'mixed', 'ocr']).nullable(), // how its text was read
      primary: z.boolean(),
      pages: z.number().int(),
      ocrConfidence: z.number().nullable(), // mean over its OCR'd pages
    }),
  ),
  links: z.array(z.strictObject({ kind: DocLinkKind, direction: z.enum(['out', 'in']), document: DocumentSummary })),
  outline: z.array(z.strictObject({ kind: OutlineKind, label: str, heading: str, depth: z.number().int(), page: z.number().int().nullable() })),
  references: z.array(RefRow),
  citedBy: z.array(z.strictObject({ relation: Relation, document: DocumentSummary })),
  agencies: z.array(z.strictObject({ text: z.string(), canonical: z.string(), kind: str, province: str, mentions: z.number().int() })),
  dates: z.array(z.strictObject({ text: z.string(), kind: DateKind, start: str, end: str, recurrence: str })),
  targets: z.array(TargetRow),
  tasks: z.array(TaskRow.extend({ matched: TaskRow.shape.matched.max(0) })), // no agency asked: nothing matched
  persons: z.array(z.strictObject({ name: z.string(), title: str })),
  // the document's messages and its file's unpositioned ones; start/end are offsets into the file's text
  messages: z.array(
    z.strictObject({ stage: z.string(), rule: z.string(), severity: Severity, reason: z.string(), start: z.number().int().nullable(), end: z.number().int().nullable(), page: z.number().int().nullable() }),
  ),
  // words restoration changed in the document, as read → as restored
  restored: z.array(
    z.strictObject({ start: z.number().int(), end: z.number().int(), page: z.number().int().nullable(), original: z.string(), restored: z.string(), confidence: z.number() }),
  ),
});

export type ShowOutput = z.infer<typeof ShowOutput>;

/**
 * A document's text with where each extracted item sits in it (the web page's highlights):
 * offsets into the file's text (`start` is where the document's text begins there), the page
 * and the box on it ([x0, y0, x1, y1], points from the page's top-left; null for text files).
 */
export const SpanKind = z.enum(['reference', 'agency', 'date', 'target', 'task', 'person']);
export type SpanKind = z.infer<typeof SpanKind>;
export const DocumentText = z.strictObject({
  id: z.number().int(),
  fileId: z.number().int(),
  mediaType: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  pages: z.array(
    z.strictObject({ page: z.number().int(), start: z.number().int(), end: z.number().int(), method: z.string(), width: z.number().nullable(), height: z.number().nullable(), dpi: z.number().nullable() }),
  ),
  spans: z.array(
    z.strictObject({ kind: SpanKind, id: z.number().int(), start: z.number().int(), end: z.number().int(), page: z.number().int().nullable(), box: Box.nullable(), label: z.string() }),
  ),
});
export type DocumentText = z.infer<typeof DocumentText>;

export const Count = z.strictObject({ key: str, count: z.number().int() });
export type Count = z.infer<typeof Count>;
const n = z.number().int();

export const StatsOutput = z.strictObject({
  files: n,
  documents: n, // distinct documents (works); every copy with --copies
  copies: n, // stored documents, every copy of each

  pages: z.strictObject({ text: n, textlayer: n, ocr: n }),
  ocrEngines: z.array(Count), // OCR'd pages by engine (wasm, native; null: not recorded)
  restoredTokens: n,
  sections: n,
  tables: n,
  tableRows: n,
  entities: z.strictObject({ references: n, agencies: n, dates: n, targets: n, tasks: n, taskAgencies: n, persons: n }),
  citations: z.strictObject({ total: n, numbered: n, resolved: n }),
  documentsByType: z.array(Count),
  documentsByProvince: z.array(Count),
  documentsByYear: z.array(Count),
  topIssuers: z.array(Count),
  messages: z.strictObject({ error: n, warning: n, info: n }),
  ingestErrors: n,
  pipelineVersions: z.array(Count),
  issued: z.strictObject({ first: str, last: str }),
});
export type StatsOutput = z.infer<typeof StatsOutput>;

// rows as SQLite returns them (blobs base64, integers beyond 2^53 as strings); truncated: --max-rows stopped it
export const SqlOutput = z.strictObject({ columns: z.array(z.string()), rows: z.array(z.record(z.string(), z.unknown())), count: n, truncated: z.boolean() });
export type SqlOutput = z.infer<typeof SqlOutput>;

export const ExportList = z.array(z.strictObject({ name: z.string(), type: z.enum(['table', 'view']) }));
export type ExportList = z.infer<typeof ExportList>;

/** A hit of `vanban search`: the section whose text matched, in its document. */
export const SearchHit = z.strictObject({
  document: z.strictObject({
    id: n,
    file: z.string(), // sha256 of the file
    path: z.string(),
    index: n,
    type: str,
    number: str,
    issued: str,
    issuer: str,
    subject: str,
  }),
  section: z.strictObject({ id: n, key: z.string(), kind: SectionKind, label: str, heading: str, start: n, end: n, page: n.nullable() }),
  snippet: z.string(), // matched words between markers («…», or colours on a terminal)
  score: z.number(), // bm25 (lower is better), within its tier
  phrase: z.boolean(), // the whole query matched as a phrase
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchOutput = z.array(SearchHit);
export type SearchOutput = z.infer<typeof SearchOutput>;

/**
 * What every command prints on stdout with --json when it cannot answer (and the text on stderr):
 * usage (exit 2: bad option, missing argument, impossible date), not-found (exit 1: no such
 * database, document or table), ambiguous (exit 1: a selector matching several documents, listed),
 * timeout (exit 1: --timeout), failed (exit 1: anything else, such as a refused SQL statement).
 */
export const ErrorCode = z.enum(['usage', 'not-found', 'ambiguous', 'timeout', 'failed']);
export type ErrorCode = z.infer<typeof ErrorCode>;
export const ErrorOutput = z.strictObject({
  error: z.strictObject({ code: ErrorCode, message: z.string(), candidates: z.array(DocumentSummary).optional() }),
});
export type ErrorOutput = z.infer<typeof ErrorOutput>;
