/**
 * Writing and reading the PostgreSQL archive with the store's own code (write.ts, read.ts):
 * each file in one transaction, serialised with the other writers (pg.ts WRITE_LOCK).
 */
import type { VbFile } from '../../schemas/document.ts';
import { canonicalDumpQ, readFileQ } from './read.ts';
import { pgRead, pgTransaction, type PgArchive } from './pg.ts';
import { addFilePathQ, clearIngestErrorsQ, findFileQ, recordIngestErrorQ, storeFileQ, type IngestError, type KnownFile, type StoreContext, type StoredFile, type StoreFileOptions } from './write.ts';

/** Store a processed file (replacing a previous version of the same bytes) in one transaction. */
export async function storeFilePg(a: PgArchive, file: VbFile, ctx: Omit<StoreContext, 'search'>, opts: StoreFileOptions = {}): Promise<StoredFile> {
  // The writer takes the archive's write lock itself, for its part that needs it (writeLock).
  return (await pgTransaction(a, storeFileQ(file, ctx, opts))).stored;
}

export async function recordIngestErrorPg(a: PgArchive, err: IngestError, ctx: Pick<StoreContext, 'pipelineVersion' | 'now'>): Promise<void> {
  await pgTransaction(a, recordIngestErrorQ(err, ctx), { lock: true });
}

/** Bytes already stored under another path: remember this one too; a failure at it is no longer one. */
export async function addKnownPathPg(a: PgArchive, fileId: number, path: string, hash: string): Promise<void> {
  await pgTransaction(
    a,
    (function* () {
      yield* addFilePathQ(fileId, path);
      yield* clearIngestErrorsQ(path, hash);
    })(),
    { lock: true },
  );
}

export const findFilePg = (a: PgArchive, hash: string): Promise<KnownFile | undefined> => pgRead(a, findFileQ(hash));
export const readFilePg = (a: PgArchive, hash: string): Promise<VbFile | undefined> => pgRead(a, readFileQ(hash));
/** canonicalDump (read.ts) of a PostgreSQL archive, in one snapshot. */
export const canonicalDumpPg = (a: PgArchive): Promise<unknown> => pgTransaction(a, canonicalDumpQ(), { readonly: true });
