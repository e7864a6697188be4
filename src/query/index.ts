/** The analysts' query layer: pure functions over an open archive database. */
export { QueryError, searchDocumentIds, searchDocumentIdsQ, findDocuments, findDocumentsQ, resolveDocument, resolveDocumentQ, resolveProvince, describeDocument, citedLabel, periodStart, periodEnd, filterDocumentIds, type DocumentSummary, type DocumentFilter } from './common.ts';
export { agencyQuery, agencyMatcher, agencyForms, issuerForms } from './agency.ts';
export { cites, citesQ, refs, refsQ, type CitingRow, type RefRow, type CitesOptions } from './citations.ts';
export { tasks, tasksQ, tasksQuery, type TaskRow, type TasksOptions } from './tasks.ts';
export { targets, targetsQ, formatTarget, shownDeadline, type TargetRow, type TargetsOptions } from './targets.ts';
export { show, showQ } from './show.ts';
export { stats, statsQ } from './stats.ts';
export type { CitesOutput, RefsOutput, TasksOutput, TargetsOutput, ShowOutput, StatsOutput, SqlOutput, ExportList } from '../../schemas/query.ts';
export { runSql, sqlRows, jsonCell, prepareReadOnly, exportTable, exportableTables, exportableTablesQ, csvField, type ExportFormat, type SqlResult } from './sql.ts';
export { sentenceAround } from './sentence.ts';
export { documentText, documentTextQ, storedPage, storedPageQ, type StoredPage } from './spans.ts';
