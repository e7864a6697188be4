/** The archive database: open/migrate, write processed files, read them back, search. */
export { closeDb, openDb, type Db, type OpenOptions } from './db.ts';
export { migrate, currentVersion, MIGRATIONS, LATEST_VERSION } from './migrations.ts';
export { storeFile, DeferredSearchRows, findFile, addFilePath, recordIngestError, clearIngestErrors, numberKey, type Fold, type StoreContext, type StoredFile, type StoreFileOptions, type IngestError } from './write.ts';
export { readFile, listFiles, filePaths, canonicalDump, type FileSummary } from './read.ts';
export { search, parseQuery, matchExpression, snippet, type SearchHit, type SearchOptions, type SearchFilters } from './search.ts';
export { WriteGroup, type GroupLimits } from './group.ts';
export { currentLm, currentLmId } from './lm-table.ts';
