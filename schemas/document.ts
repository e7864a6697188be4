/**
 * The one document model every stage enriches (after Docling's DoclingDocument).
 *
 * A `VbFile` is what flows through the pipeline: one input file, its text (normalised and,
 * where needed, restored), the original text beside it, and the documents segmentation found
 * in it. Every item carries provenance: character offsets into `VbFile.text` and a page.
 * Problems are `messages` with a stage and a position (after vfile), not exceptions.
 */
import { z } from 'zod';
import { Box, PageFurniture, PageLine } from './ocr.ts';
import { COMPARATORS, DOC_LINK_KINDS, RELATIONS, TASK_ROLES, TASK_SOURCES } from './vocabulary.ts';

/** Where an item came from: character span in the file's text, page (1-based) when known. */
export const Provenance = z.object({
  start: z.number().int(),
  end: z.number().int(),
  page: z.number().int().nullable().default(null),
  section: z.string().nullable().default(null),
  /** Where on `page`: around the lines the span covers there; absent when the page has no laid-out lines (text files). */
  box: Box.optional(),
});
export type Provenance = z.infer<typeof Provenance>;

export const Severity = z.enum(['info', 'warning', 'error']);
export type Severity = z.infer<typeof Severity>;

export const Message = z.object({
  stage: z.string(), // load | ocr | layout | normalize | restore | segment | extract | store
  ruleId: z.string(),
  reason: z.string(),
  severity: Severity.default('warning'),
  start: z.number().int().nullable().default(null),
  end: z.number().int().nullable().default(null),
  page: z.number().int().nullable().default(null),
});
export type Message = z.infer<typeof Message>;

/** A page of the source (PDF/image) mapped to a span of the file text. */
export const Page = z.object({
  page: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
  method: z.enum(['text', 'textlayer', 'ocr']),
  confidence: z.number().nullable().default(null), // mean OCR confidence 0..1
  // Added by the ocr stage (optional): page size in points, rendering dpi, its lines with boxes.
  width: z.number().optional(),
  height: z.number().optional(),
  dpi: z.number().optional(),
  lines: z.array(PageLine).optional(),
  // Added by the layout stage: running headers, footers and page numbers, out of the text.
  furniture: z.array(PageFurniture).optional(),
});
export type Page = z.infer<typeof Page>;

/** A token the restoration stage changed (offsets into the restored text). */
export const RestoredToken = z.object({
  start: z.number().int(),
  end: z.number().int(),
  original: z.string(),
  restored: z.string(),
  confidence: z.number(),
});
export type RestoredToken = z.infer<typeof RestoredToken>;

export const SectionKind = z.enum([
  'part', // Phần, or a Roman-numeral heading "I. MỤC ĐÍCH, YÊU CẦU"
  'chapter', // Chương
  'section', // Mục
  'article', // Điều N.
  'clause', // khoản "1." (also "1)" in plans)
  'point', // điểm "a)" … "đ)"
  'subpoint', // "a.1", "-" bullets, "+" bullets
  'heading', // a markdown heading with no numbering
  'paragraph',
  'table',
  'preamble', // căn cứ / thực hiện lines before the body
  'recipients', // Kính gửi
  'distribution', // Nơi nhận
  'signature',
  'appendix',
]);
export type SectionKind = z.infer<typeof SectionKind>;

export const Section = z.object({
  id: z.string(), // stable within the file: "d0.s12"
  parent: z.string().nullable(),
  kind: SectionKind,
  label: z.string().nullable(), // "I", "1", "a", "Điều 3" → "3", bullet "-"
  heading: z.string().nullable(), // the heading text on the marker's line, when it is a heading
  text: z.string(), // the section's own text (not its children's)
  order: z.number().int(),
  depth: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
  page: z.number().int().nullable().default(null),
  box: Box.optional(), // as Provenance.box
});
export type Section = z.infer<typeof Section>;

export const Cell = z.object({ column: z.string(), text: z.string() });
export type Cell = z.infer<typeof Cell>;

export const Row = z.object({
  index: z.number().int(),
  kind: z.enum(['data', 'group']),
  label: z.string().nullable(), // "1", "I", "II.1"
  group: z.string().nullable(), // label of the innermost group row above ("II.1")
  cells: z.array(Cell),
  start: z.number().int(),
  end: z.number().int(),
  page: z.number().int().nullable().default(null),
  box: Box.optional(), // as Provenance.box
});
export type Row = z.infer<typeof Row>;

export const Table = z.object({
  id: z.string(),
  section: z.string().nullable(), // id of the section the table sits in
  columns: z.array(z.string()),
  rows: z.array(Row),
  start: z.number().int(),
  end: z.number().int(),
  page: z.number().int().nullable().default(null),
  box: Box.optional(), // as Provenance.box
});
export type Table = z.infer<typeof Table>;

export const Signer = z.object({
  name: z.string().nullable(),
  title: z.string().nullable(), // "Phó Chủ tịch"
  authority: z.string().nullable(), // "KT. Chủ tịch", "TM. Ủy ban nhân dân", null when signing in own name
});
export type Signer = z.infer<typeof Signer>;

export const Header = z.object({
  type: z.string().nullable(), // "Kế hoạch", "Quyết định", "Công văn" …
  number: z.string().nullable(), // canonical số/ký hiệu "7260/VP-KGVX"
  issued: z.string().nullable(), // YYYY-MM-DD
  place: z.string().nullable(),
  issuer: z.string().nullable(), // canonical name of the issuing body
  issuerParent: z.string().nullable(), // its parent body, when the header names one
  // The province the document belongs to, decided once by extract (issuer, place line, text).
  province: z.string().nullable().default(null),
  subject: z.string().nullable(), // trích yếu / V/v
  signers: z.array(Signer),
  recipients: z.array(z.string()), // Kính gửi
  distribution: z.array(z.string()), // Nơi nhận (without "Lưu")
});
export type Header = z.infer<typeof Header>;

export const DocLinkKind = z.enum(DOC_LINK_KINDS);
export type DocLinkKind = z.infer<typeof DocLinkKind>;

export const DocLink = z.object({
  kind: DocLinkKind,
  target: z.number().int(), // index of the other document in the same file
});
export type DocLink = z.infer<typeof DocLink>;

// ---- entities (filled by extract/) ----

/** How a document cites another; `Relation.options` is in strength order (schemas/vocabulary.ts). */
export const Relation = z.enum(RELATIONS);
export type Relation = z.infer<typeof Relation>;

export const Reference = z.object({
  number: z.string().nullable(), // canonical "45/2020/NĐ-CP"; null for laws cited by name
  type: z.string().nullable(), // "Nghị định", "Luật" …
  name: z.string().nullable(), // for laws: "Luật Giao dịch điện tử"
  issued: z.string().nullable(), // YYYY-MM-DD, or YYYY for laws by year
  issuer: z.string().nullable(),
  subject: z.string().nullable(),
  relation: Relation,
  text: z.string(),
  prov: Provenance,
});
export type Reference = z.infer<typeof Reference>;

export const Agency = z.object({
  text: z.string(), // as written
  canonical: z.string(), // "Sở Thông tin và Truyền thông tỉnh Vĩnh Long"
  kind: z.string().nullable(), // ministry, province, department, party, council, press …
  province: z.string().nullable(),
  prov: Provenance,
});
export type Agency = z.infer<typeof Agency>;

export const DateKind = z.enum(['date', 'month', 'quarter', 'year', 'period', 'deadline', 'recurrence']);
export type DateKind = z.infer<typeof DateKind>;

export const DateEntity = z.object({
  text: z.string(),
  kind: DateKind,
  start: z.string().nullable(), // YYYY-MM-DD
  end: z.string().nullable(),
  recurrence: z.string().nullable(), // "P1M", "P6M", "P1Y", "P1W" + count, or "continuous"
  prov: Provenance,
});
export type DateEntity = z.infer<typeof DateEntity>;

export const Comparator = z.enum(COMPARATORS);
export type Comparator = z.infer<typeof Comparator>;

export const Target = z.object({
  value: z.number(),
  unit: z.string(), // "%" or "tin, bài/tuần"
  comparator: Comparator,
  subject: z.string(),
  deadline: z.string().nullable(), // YYYY-MM-DD
  // Set when the text gives no date and the deadline is the horizon of the plan's title.
  deadlineInferred: z.boolean().optional(),
  text: z.string(),
  prov: Provenance,
});
export type Target = z.infer<typeof Target>;

export const TaskSource = z.enum(TASK_SOURCES);
export type TaskSource = z.infer<typeof TaskSource>;

/** The role of an agency in a task: a task's `lead` agencies and its `partners`. */
export const TaskRole = z.enum(TASK_ROLES);
export type TaskRole = z.infer<typeof TaskRole>;

export const Task = z.object({
  content: z.string(),
  lead: z.array(z.string()),
  partners: z.array(z.string()),
  start: z.string().nullable(),
  due: z.string().nullable(),
  recurrence: z.string().nullable(),
  outputs: z.string().nullable(),
  group: z.string().nullable(),
  source: TaskSource,
  prov: Provenance,
});
export type Task = z.infer<typeof Task>;

export const Person = z.object({
  name: z.string(),
  title: z.string().nullable(),
  prov: Provenance,
});
export type Person = z.infer<typeof Person>;

/** One document found in a file. Offsets are into the file's text. */
export const VbDocument = z.object({
  index: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
  header: Header,
  links: z.array(DocLink),
  sections: z.array(Section),
  tables: z.array(Table),
  references: z.array(Reference).default([]),
  agencies: z.array(Agency).default([]),
  dates: z.array(DateEntity).default([]),
  targets: z.array(Target).default([]),
  tasks: z.array(Task).default([]),
  persons: z.array(Person).default([]),
});
export type VbDocument = z.infer<typeof VbDocument>;

export const SourceInfo = z.object({
  path: z.string(),
  hash: z.string(), // sha256 of the bytes
  size: z.number().int(),
  mediaType: z.string(), // text/plain, text/markdown, application/pdf, image/png …
  encoding: z.string().nullable(), // utf-8, utf-16le, tcvn3, vni …
});
export type SourceInfo = z.infer<typeof SourceInfo>;

export const VbFile = z.object({
  source: SourceInfo,
  original: z.string(), // decoded text before normalisation/restoration
  text: z.string(), // normalised (and restored) text every offset points into
  pages: z.array(Page).default([]),
  restored: z.array(RestoredToken).default([]),
  documents: z.array(VbDocument).default([]),
  messages: z.array(Message).default([]),
});
export type VbFile = z.infer<typeof VbFile>;
