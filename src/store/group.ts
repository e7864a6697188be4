/**
 * Group commit for batch imports: the files of the next quarter second (or up to 64 files)
 * share one transaction. Each file is still all or nothing, because `storeFile` runs as a
 * savepoint inside the group; what a group saves is the per-commit work: SQLite writes each
 * changed page once per commit, and FTS5 writes one index segment per commit (and later
 * merges them), so one commit per file wrote the same pages and segments over and over.
 * FTS5 also writes a segment at every savepoint, so the group holds its files' search rows
 * back and writes them just before it commits (`search`).
 *
 * A crash loses at most the open group; those files were never reported as stored, and a
 * rerun processes them again (nothing was committed, so nothing is duplicated).
 */
import type { Db } from './db.ts';
import { DeferredSearchRows } from './write.ts';

export interface GroupLimits {
  files: number;
  ms: number;
}

/**
 * WAL pages a batch lets pile up before a checkpoint copies them into the database file (and
 * syncs it): 64 MB, not SQLite's 4 MB. A group commit writes ~8 MB, so at 4 MB every commit
 * also checkpointed, with the main thread blocked on the disk while the pipeline threads ran
 * out of files (5,000 files: 67.9 → 61.3 s).
 */
const BATCH_AUTOCHECKPOINT_PAGES = 16_384;

export class WriteGroup {
  private open = false;
  private files = 0;
  private timer: NodeJS.Timeout | undefined;
  private afterCommit: ((err: Error | null) => void)[] = [];
  /** The group's search-index rows, written just before its commit (pass to `storeFile`). */
  readonly search = new DeferredSearchRows();
  /** The connection's own settings, given back at the end. */
  private saved: { autocheckpoint: number; tempStore: number } | undefined;

  constructor(
    private db: Db,
    private limits: GroupLimits = { files: 64, ms: 250 },
  ) {
    this.saved = {
      autocheckpoint: db.pragma('wal_autocheckpoint', { simple: true }) as number,
      tempStore: db.pragma('temp_store', { simple: true }) as number,
    };
    db.pragma(`wal_autocheckpoint = ${Math.max(this.saved.autocheckpoint, BATCH_AUTOCHECKPOINT_PAGES)}`);
    // Each file is a savepoint inside the group, and a savepoint keeps the pages it changes in
    // a sub-journal that spills to a temporary file past 64 KB: ~240 writes to /var/tmp per
    // file, twice the WAL's own. In memory it is a copy of the pages one file touches (~1 MB).
    db.pragma('temp_store = MEMORY');
  }

  /** Commit what is open and give the connection back its own settings. */
  end(): void {
    this.commit();
    if (!this.saved) return;
    try {
      this.db.pragma(`wal_autocheckpoint = ${this.saved.autocheckpoint}`);
      this.db.pragma(`temp_store = ${this.saved.tempStore}`);
    } catch {
      // the connection is gone
    }
    this.saved = undefined;
  }

  /** Make sure the group's transaction is open before writing. */
  begin(): void {
    if (this.open) return;
    // IMMEDIATE: take the write lock up front, so another writer waits instead of failing
    // half-way with SQLITE_BUSY.
    this.db.exec('BEGIN IMMEDIATE');
    this.open = true;
    this.files = 0;
    // A group also ends by time, so a slow file (a long scan) does not hold back the fast
    // ones already stored. Commits only ever run between files: JavaScript does not
    // interrupt the synchronous writes of one file.
    this.timer = setTimeout(() => this.commit(), this.limits.ms);
    this.timer.unref();
  }

  /** One file is done (stored or failed); `then` runs once the group is committed, or failed to. */
  done(then: (err: Error | null) => void): void {
    this.afterCommit.push(then);
    this.files++;
    if (this.files >= this.limits.files) this.commit();
  }

  /**
   * Commit now (end of batch, interruption, limits reached). Never throws: a failed commit
   * (disk full) rolls the group back and each of its files hears the error.
   */
  commit(): void {
    clearTimeout(this.timer);
    let error: Error | null = null;
    if (this.open) {
      this.open = false;
      try {
        this.search.flush(this.db);
        this.db.exec('COMMIT');
      } catch (err: any) {
        error = err instanceof Error ? err : new Error(String(err));
        try {
          if (this.db.inTransaction) this.db.exec('ROLLBACK');
        } catch {
          // the connection is gone; nothing was committed either way
        }
      }
    }
    this.search.discard(); // rolled back with the group, if not written
    const run = this.afterCommit;
    this.afterCommit = [];
    for (const f of run) f(error);
  }
}
