/**
 * The closed vocabularies of the record shapes, each written once. schemas/document.ts and
 * schemas/query.ts make them zod enums; store, extract and query read them from here (or from
 * those enums). Plain lists without zod, so a light module (a CLI option's help, read before
 * any command runs) can name the values without loading zod.
 */

/**
 * How a document cites another, strongest first: a document cited several times keeps its
 * strongest relation, and `vanban cites` lists a document's citations in this order
 * (fixtures/GOLD.md). "forwards": a cover letter forwarding the document it received.
 */
export const RELATIONS = ['căn cứ', 'thực hiện', 'sửa đổi', 'ban hành kèm theo', 'forwards', 'dẫn chiếu'] as const;

/** How a target's value is bounded: at least (tối thiểu), at most (tối đa), exactly. */
export const COMPARATORS = ['>=', '<=', '='] as const;

/** The role of an agency in a task: lead (chủ trì), partner (phối hợp). */
export const TASK_ROLES = ['lead', 'partner'] as const;

/** Where a task was read: a row of a plan table, or a section of the body. */
export const TASK_SOURCES = ['table', 'section'] as const;

/** How documents of one file are linked: a cover letter forwards, a decision issues, an appendix belongs to. */
export const DOC_LINK_KINDS = ['forwards', 'issues', 'appendix_of'] as const;

/** Section kinds that make a document's outline (fixtures/GOLD.md): not bullets, paragraphs, tables. */
export const OUTLINE_KINDS = ['part', 'chapter', 'section', 'article', 'clause', 'point', 'appendix'] as const;

/**
 * The OCR engine asked for (--engine, env VANBAN_OCR_ENGINE): wasm = tesseract.js; native = the
 * `tesseract` binary with the same vie model (about twice the pages per second); auto = native
 * where that binary can read the model, wasm otherwise.
 */
export const OCR_ENGINE_CHOICES = ['auto', 'wasm', 'native'] as const;

/** Rule of the ocr stage's info message naming the engine that read a file's pages: engine-wasm, engine-native. */
export const ENGINE_RULE_PREFIX = 'engine-';

/** How logs name the engines that read pages. */
export const OCR_ENGINE_NAMES: Record<string, string> = { wasm: 'tesseract.js (wasm)', native: 'native tesseract' };
