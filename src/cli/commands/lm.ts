/**
 * `vanban lm train PATH…`: adapt the restoration language model to an archive's own clean
 * documents (the born-digital half teaches the model for the scanned half). The counts live in
 * the archive DB (table lm_models), never in data/ or the home folder.
 * `vanban lm show` / `vanban lm reset` inspect or drop them. Inputs are expanded as ingest expands
 * them (.vanbanignore holds), and the archive must exist: a mistyped --db is refused, not created.
 * The same on a PostgreSQL archive (`--db postgresql://…`): the model is a row of its lm_models
 * table, changed in one transaction under the model's advisory lock (store/lm-table.ts
 * LM_LOCK), so a `train` and the workers teaching the model at the same moment never lose
 * each other's counts.
 */
import type { Command } from 'commander';
import { shownPath } from '../../lib/shown-path.ts';
import { addDbOption, dbPath, pgReadIfArchive } from '../db-option.ts';

export function register(program: Command): void {
  const lm = program.command('lm').description('the language model used to restore diacritics and repair OCR text');

  const train = lm
    .command('train')
    .description("learn from the archive's own clean documents (text, markdown, PDF); garbled files are skipped")
    .argument('<paths...>', 'files or folders')
    .option('--reset', 'forget what was learnt before')
    .option('--json', 'report as JSON');
  addDbOption(train);
  train.action(async (paths: string[], opts) => {
    const { closeDb, openDb } = await import('../../store/db.ts');
    const { expandInputs } = await import('../../ingest/expand.ts');
    const { run } = await import('../../pipeline.ts');
    const { trainArchive } = await import('../../restore/train.ts');
    const { trainLmQ } = await import('../../store/lm-table.ts');
    const { runSqlite } = await import('../../store/sql.ts');
    const { isPgUrl, openPg, closePg, pgTransaction, redact } = await import('../../store/pg.ts');
    // Opened first, so a wrong --db is refused before any file is read. PostgreSQL: opened as a
    // reader (an archive that is not there is refused, not made); the model is written in a
    // transaction of its own.
    const pg = isPgUrl(dbPath(opts)) ? await openPg(dbPath(opts), { readonly: true }) : undefined;
    const db = pg ? undefined : openDb(dbPath(opts), { existingArchive: true });
    try {
      const docs: { path: string; hash: string; text: string }[] = [];
      const inputs = await expandInputs(paths);
      const failed: { path: string; reason: string }[] = inputs.unusable.map((u) => ({ path: u.input, reason: u.reason }));
      for await (const f of run(inputs.files, { until: 'normalize' })) {
        const err = f.messages.find((m) => m.severity === 'error');
        if (err) failed.push({ path: f.source.path, reason: err.reason });
        else docs.push({ path: f.source.path, hash: f.source.hash, text: f.text });
      }
      const train = trainLmQ((previous) => trainArchive(previous, docs, { reset: Boolean(opts.reset) }), new Date().toISOString());
      const { report: rep } = pg ? await pgTransaction(pg, train) : db!.transaction(() => runSqlite(db!, train)).immediate();
      rep.skipped.push(...failed);
      if (opts.json) process.stdout.write(JSON.stringify(rep, null, 2) + '\n');
      else {
        for (const a of rep.added) process.stdout.write(`learnt ${shownPath(a.path)} (${a.tokens} tokens)\n`);
        for (const s of rep.skipped) process.stdout.write(`skipped ${shownPath(s.path)}: ${s.reason}\n`);
        process.stdout.write(`archive model: ${rep.totalTokens} tokens from ${rep.sources} documents in ${pg ? redact(dbPath(opts)) : dbPath(opts)}\n`);
      }
      if (rep.added.length === 0 && docs.length === 0) process.exitCode = 1;
    } finally {
      if (db) closeDb(db);
      if (pg) await closePg(pg);
    }
  });

  const show = lm.command('show').description("what the archive's model was learnt from").option('--json', 'JSON');
  addDbOption(show);
  show.action(async (opts) => {
    const { existsSync } = await import('node:fs');
    const { openDb } = await import('../../store/db.ts');
    const { readLm, readLmQ } = await import('../../store/lm-table.ts');
    const { BASE_LM_FILE } = await import('../../restore/index.ts');
    const { isPgUrl, redact } = await import('../../store/pg.ts');
    const path = dbPath(opts);
    // PostgreSQL: a database with no archive in it has no model, as a missing SQLite file has none.
    const pgRow = () => pgReadIfArchive(path, readLmQ());
    const pg = isPgUrl(path);
    const row = pg ? await pgRow() : existsSync(path) ? (() => {
      const db = openDb(path, { readonly: true });
      try {
        return readLm(db);
      } finally {
        db.close();
      }
    })() : null;
    const info = {
      base: BASE_LM_FILE,
      archive: row ? { db: pg ? redact(path) : path, id: row.id, tokens: row.tokens, updated: row.updated, sources: JSON.parse(row.sources) } : null,
    };
    if (opts.json) process.stdout.write(JSON.stringify(info, null, 2) + '\n');
    else {
      process.stdout.write(`shipped model: ${info.base} (sources in data/lm/SOURCES.md)\n`);
      if (!info.archive) process.stdout.write(`no archive model in ${pg ? redact(path) : path} (vanban lm train PATH… adds one)\n`);
      else {
        process.stdout.write(`archive model ${info.archive.id.slice(0, 12)} in ${info.archive.db}: ${info.archive.tokens} tokens, updated ${info.archive.updated}\n`);
        for (const s of info.archive.sources) process.stdout.write(`  ${shownPath(s.path)} (${s.tokens} tokens)\n`);
      }
    }
  });

  const reset = lm.command('reset').description("drop the archive's model (restoration falls back to the shipped one)");
  addDbOption(reset);
  reset.action(async (opts) => {
    const { closeDb, openDb } = await import('../../store/db.ts');
    const { deleteLm, deleteLmQ } = await import('../../store/lm-table.ts');
    const { isPgUrl, openPg, closePg, pgTransaction } = await import('../../store/pg.ts');
    if (isPgUrl(dbPath(opts))) {
      const a = await openPg(dbPath(opts), { readonly: true });
      try {
        process.stdout.write((await pgTransaction(a, deleteLmQ())) ? 'archive model dropped\n' : 'no archive model\n');
      } finally {
        await closePg(a);
      }
      return;
    }
    const db = openDb(dbPath(opts), { existingArchive: true });
    try {
      process.stdout.write(deleteLm(db) ? 'archive model dropped\n' : 'no archive model\n');
    } finally {
      closeDb(db);
    }
  });
}
