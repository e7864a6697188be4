/**
 * The `--json` outputs of the analysts' query commands (cites, refs, tasks, targets, show,
 * stats, sql, export --list). Strict objects: the tests parse every command's output with
 * these, so a key added or renamed in the code without being added here fails.
 * README "Querying the archive" shows them with examples.
 */
import { z } from 'zod';

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
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const DocumentFilterEcho = {
  type: str,
  issuer: str,
  from: str,
  to: str,
  province: str,
  documents: z.array(z.string()).nullable(),
};

export const CitedDocument = z.strictObject({ number: str, type: str, name: str, issued: str, issuer: str });

const citation = {
  referenceId: z.number().int(),
  relation: z.string(), // căn cứ | thực hiện | sửa đổi | ban hành kèm theo | forwards | dẫn chiếu
  citation: z.string(), // as written
  sentence: z.string(), // the sentence around it
  page: z.number().int().nullable(),
  charStart: z.number().int(), // offsets into files.text
  charEnd: z.number().int(),
  cited: CitedDocument,
};

export const CitingRow = z.strictObject({ ...citation, document: DocumentSummary });
export const RefRow = z.strictObject({ ...citation, resolved: DocumentSummary.nullable() });

export const CitesOutput = z.strictObject({
  query: z.strictObject({ number: z.string(), relation: str, ...DocumentFilterEcho }),
  count: z.number().int(),
  citations: z.array(CitingRow),
});

export const RefsOutput = z.strictObject({ document: DocumentSummary, count: z.number().int(), references: z.array(RefRow) });

export const Role = z.enum(['lead', 'partner']);

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
  source: z.string(), // table | section
  page: z.number().int().nullable(),
  matched: z.array(z.strictObject({ role: Role, agency: z.string() })), // with --agency; else []
});

export const TasksOutput = z.strictObject({
  query: z.strictObject({ agency: str, role: Role.nullable(), dueBefore: str, dueFrom: str, text: str, ...DocumentFilterEcho }),
  count: z.number().int(),
  tasks: z.array(TaskRow),
});

export const TargetRow = z.strictObject({
  id: z.number().int(),
  document: DocumentSummary,
  comparator: z.enum(['>=', '<=', '=']),
  value: z.number(),
  unit: z.string(),
  subject: z.string(),
  deadline: str,
  text: z.string(),
  page: z.number().int().nullable(),
});

export const TargetsOutput = z.strictObject({
  query: z.strictObject({ year: z.number().int().nullable(), subject: str, ...DocumentFilterEcho }),
  count: z.number().int(),
  targets: z.array(TargetRow),
});

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
  }),
  links: z.array(z.strictObject({ kind: z.string(), direction: z.enum(['out', 'in']), document: DocumentSummary })),
  outline: z.array(z.strictObject({ kind: z.string(), label: str, heading: str, depth: z.number().int(), page: z.number().int().nullable() })),
  references: z.array(RefRow),
  citedBy: z.array(z.strictObject({ relation: z.string(), document: DocumentSummary })),
  agencies: z.array(z.strictObject({ text: z.string(), canonical: z.string(), kind: str, province: str, mentions: z.number().int() })),
  dates: z.array(z.strictObject({ text: z.string(), kind: z.string(), start: str, end: str, recurrence: str })),
  targets: z.array(TargetRow),
  tasks: z.array(TaskRow),
  persons: z.array(z.strictObject({ name: z.string(), title: str })),
  // the document's messages and its file's unpositioned ones; start/end are offsets into the file's text
  messages: z.array(
    z.strictObject({ stage: z.string(), rule: z.string(), severity: z.string(), reason: z.string(), start: z.number().int().nullable(), end: z.number().int().nullable(), page: z.number().int().nullable() }),
  ),
  // words restoration changed in the document, as read → as restored
  restored: z.array(
    z.strictObject({ start: z.number().int(), end: z.number().int(), page: z.number().int().nullable(), original: z.string(), restored: z.string(), confidence: z.number() }),
  ),
});

const Count = z.strictObject({ key: str, count: z.number().int() });
const n = z.number().int();

export const StatsOutput = z.strictObject({
  files: n,
  documents: n,
  pages: z.strictObject({ text: n, textlayer: n, ocr: n }),
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

export const SqlOutput = z.strictObject({ columns: z.array(z.string()), count: n, rows: z.array(z.record(z.string(), z.unknown())) });

export const ExportList = z.array(z.strictObject({ name: z.string(), type: z.enum(['table', 'view']) }));
