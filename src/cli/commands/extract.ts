/**
 * `vanban extract FILE`: run the whole pipeline on one file and print what it found, without
 * touching the database. `--json` prints the extraction contract: {"documents": [...]}.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import type { VbFile } from '../../../schemas/document.ts';
import { OUTLINE_KINDS } from '../../../schemas/vocabulary.ts';
import { addDbOption, archiveModel, dbPath } from '../db-option.ts';
import { addEngineOption, applyEngineOption } from '../run-options.ts';

export function register(program: Command): void {
  const cmd = program
    .command('extract')
    .description('extract the documents of one file (header, sections, tables, entities) without storing them')
    .argument('<file>', 'a text, markdown, PDF or image file')
    .option('--json', 'print {"documents": [...]} as JSON')
    .option('--no-restore', 'do not restore missing diacritics');
  addEngineOption(cmd);
  addDbOption(cmd);
  cmd.exitOverride().action(async (path: string, opts) => {
    applyEngineOption(opts);
    const { printJson, EXIT, notFound } = await import('../output.ts');
    const { fileToJson } = await import('../output.ts');
    const { run, failed } = await import('../../pipeline.ts');
    const { pathFromString } = await import('../../lib/path-bytes.ts');
    if (!existsSync(path)) notFound(`${path}: no such file`);
    // The database is only read (an adapted restoration model), never written.
    const restore = opts.restore === false ? { off: true } : { model: await archiveModel(dbPath(opts)) };
    let file: VbFile | undefined;
    try {
      for await (const f of run([pathFromString(path)], { restore })) file = f;
    } finally {
      const { releaseWorkers } = await import('../../ingest/index.ts');
      await releaseWorkers();
    }
    if (!file) return;
    if (opts.json) printJson(fileToJson(file));
    else process.stdout.write(formatFile(file));
    if (failed(file)) {
      for (const m of file.messages.filter((x) => x.severity === 'error')) process.stderr.write(`vanban: ${m.reason} [${m.stage}/${m.ruleId}]\n`);
      process.exitCode = EXIT.someFailed;
    }
  });
}

const OUTLINE = new Set<string>(OUTLINE_KINDS);

/** A reader's view: header, outline, what else was found, problems. */
export function formatFile(file: VbFile): string {
  const out: string[] = [`${file.source.path}  (${file.source.mediaType}, ${file.documents.length} document${file.documents.length === 1 ? '' : 's'})`];
  for (const d of file.documents) {
    const h = d.header;
    out.push('', `[${d.index}] ${[h.type, h.number].filter(Boolean).join(' ') || '(no type/number)'}`);
    const field = (name: string, v: string | null | undefined) => v && out.push(`    ${name.padEnd(10)} ${v}`);
    field('issued', h.issued);
    field('place', h.place);
    field('issuer', h.issuer);
    field('parent', h.issuerParent);
    field('subject', h.subject);
    for (const s of h.signers) field('signer', [s.authority, s.title, s.name].filter(Boolean).join(' · '));
    if (h.recipients.length) field('to', h.recipients.join('; '));
    for (const l of d.links) field('link', `${l.kind} → [${l.target}]`);
    const outline = d.sections.filter((s) => OUTLINE.has(s.kind));
    if (outline.length) out.push('    outline');
    for (const s of outline) out.push(`    ${'  '.repeat(s.depth)}${s.label ?? ''} ${s.heading ?? s.text.split('\n')[0].slice(0, 70)}`);
    const counts = (
      [
        ['sections', d.sections.length],
        ['tables', d.tables.length],
        ['references', d.references.length],
        ['agencies', d.agencies.length],
        ['dates', d.dates.length],
        ['targets', d.targets.length],
        ['tasks', d.tasks.length],
        ['persons', d.persons.length],
      ] as const
    )
      .map(([k, n]) => `${n} ${k}`)
      .join(', ');
    out.push(`    ${counts}`);
  }
  const problems = file.messages.filter((m) => m.severity !== 'info');
  if (problems.length) {
    out.push('', 'messages');
    for (const m of problems) out.push(`  ${m.severity} ${m.stage}/${m.ruleId}: ${m.reason}`);
  }
  return out.join('\n') + '\n';
}
