/** `vanban show DOCUMENT`: header, outline, entities, links and problems of one document. */
import type { Command } from 'commander';
import { shownPath } from '../../lib/shown-path.ts';
import { addDbOption, dbPath } from '../db-option.ts';
import { addCopiesOption, addTimeoutOption } from '../../query/options.ts';

/** Restored words listed in the text output. */
const RESTORED_SHOWN = 40;

export function register(program: Command): void {
  const cmd = program
    .command('show')
    .description('one stored document: header, outline, references, agencies, targets, tasks')
    .argument('<document>', 'document id, number ("815/QĐ-VPCP"), or file path[#index]')
    .option('--json', 'JSON on stdout (shape in the README, "Querying the archive")')
    .option('--format <format>', 'text (the default) or md: the document as Markdown (header, text with its outline and tables, extracted records)');
  addCopiesOption(cmd);
  addTimeoutOption(cmd);
  addDbOption(cmd);
  cmd.action(async (selector: string, opts) => {
    const { withArchive, emit, cell } = await import('../../query/run.ts');
    const { showQ, describeDocument, citedLabel, formatTarget, shownDeadline } = await import('../../query/index.ts');
    const { runOn } = await import('../../store/archive.ts');
    const { formatTable, style, usageError } = await import('../output.ts');
    const format = opts.format ?? 'text';
    if (format !== 'text' && format !== 'md') usageError(`--format must be text or md, not "${opts.format}"`);
    if (format === 'md' && opts.json) usageError('--format md and --json: choose one');
    await withArchive(dbPath(opts), async (db) => {
      if (format === 'md') {
        const { showMarkdownQ } = await import('../../query/markdown.ts');
        process.stdout.write(await runOn(db, showMarkdownQ(selector, { copies: Boolean(opts.copies) })));
        return;
      }
      const s = await runOn(db, showQ(selector, { copies: Boolean(opts.copies) }));
      emit(
        Boolean(opts.json),
        s,
        () => {
          const d = s.document;
          const out: string[] = [];
          // A value taken from another copy says which ("(from #12)").
          const from = (f: keyof typeof d.filledFrom) => (d.filledFrom[f] !== undefined ? style.dim(` (from #${d.filledFrom[f]})`) : '');
          const field = (k: string, v: string | number | null | undefined, f?: keyof typeof d.filledFrom) => {
            if (v !== null && v !== undefined && v !== '') out.push(`${k.padEnd(15)}${v}${f ? from(f) : ''}`);
          };
          out.push(style.bold(`#${d.id} ${describeDocument(d)}`));
          field('Issuer', d.issuer, 'issuer');
          field('Parent', d.issuerParent, 'issuerParent');
          field('Province', d.province);
          field('Place', d.place, 'place');
          field('Subject', d.subject, 'subject');
          for (const sg of d.signers) field('Signed', [sg.authority, sg.title, sg.name].filter(Boolean).join(' · '));
          if (d.recipients.length) field('Kính gửi', d.recipients.join('; '));
          if (d.distribution.length) field('Nơi nhận', d.distribution.join('; '));
          field('File', `${shownPath(d.file)}#${d.index} (${d.mediaType}${d.pages ? `, ${d.pages} pages` : ''}, sha256 ${d.hash.slice(0, 12)}…)`);
          for (const l of s.links) field(l.direction === 'out' ? l.kind : `${l.kind} (by)`, `#${l.document.id} ${describeDocument(l.document)}`);
          const section = (title: string, body: string) => out.push('', style.bold(title), body.trimEnd());
          // The same document stored as text, PDF, scans: the one shown (primary) first.
          if (s.copies.length > 1) {
            section(
              `Copies (${s.copies.length})`,
              formatTable(
                ['ID', 'FILE', 'READ AS', 'PAGES', 'OCR CONF', ''],
                s.copies.map((c) => [c.id, `${shownPath(c.file)}#${c.index}`, c.kind ?? '', c.pages || '', c.ocrConfidence ?? '', c.id === d.id ? 'shown' : c.primary ? 'primary' : '']),
              ),
            );
          }
          if (s.outline.length) {
            const marker = (o: (typeof s.outline)[number]) =>
              o.kind === 'article' ? `Điều ${o.label ?? ''}.` : o.kind === 'chapter' ? `Chương ${o.label ?? ''}` : o.kind === 'section' ? `Mục ${o.label ?? ''}` : o.kind === 'point' ? `${o.label ?? ''})` : o.label ? `${o.label}.` : '';
            section('Outline', s.outline.map((o) => `${'  '.repeat(Math.max(0, o.depth - 1))}${[marker(o), cell(o.heading ?? '', 90)].filter(Boolean).join(' ') || style.dim(o.kind)}`).join('\n'));
          }
          if (s.references.length) {
            section(
              `References (${s.references.length})`,
              formatTable(
                ['RELATION', 'CITED', 'IN ARCHIVE'],
                s.references.map((r) => [r.relation, citedLabel(r.cited), r.resolved ? `#${r.resolved.id}` : '']),
              ),
            );
          }
          if (s.citedBy.length) section(`Cited by (${s.citedBy.length})`, s.citedBy.map((c) => `#${c.document.id} ${describeDocument(c.document)} — ${c.relation}`).join('\n'));
          if (s.agencies.length) section(`Agencies (${s.agencies.length})`, formatTable(['CANONICAL', 'KIND', 'MENTIONS'], s.agencies.map((a) => [a.canonical, a.kind, a.mentions]), 90));
          if (s.targets.length) section(`Targets (${s.targets.length})`, formatTable(['DEADLINE', 'TARGET', 'SUBJECT'], s.targets.map((t) => [shownDeadline(t), formatTarget(t), cell(t.subject, 90)]), 90));
          if (s.tasks.length) {
            section(
              `Tasks (${s.tasks.length})`,
              formatTable(['GRP', 'TASK', 'LEAD', 'DUE'], s.tasks.map((t) => [t.group, cell(t.content, 70), cell(t.lead.join('; '), 50), t.due ?? t.recurrence ?? '']), 90),
            );
          }
          if (s.persons.length) section(`Persons (${s.persons.length})`, s.persons.map((p) => [p.title, p.name].filter(Boolean).join(' ')).join('\n'));
          const at = (x: { start: number | null; end: number | null; page: number | null }) =>
            [x.start !== null ? `@${x.start}-${x.end}` : '', x.page !== null ? `p.${x.page}` : ''].filter(Boolean).join(' ');
          if (s.messages.length) section(`Messages (${s.messages.length})`, s.messages.map((m) => `${m.severity} ${m.stage}/${m.rule}${at(m) ? ` ${at(m)}` : ''}: ${m.reason}`).join('\n'));
          if (s.restored.length) {
            // an OCR'd document can have hundreds: the first ones here, every one in --json
            const shown = s.restored.slice(0, RESTORED_SHOWN).map((t) => `${at(t)}  '${t.original}' → '${t.restored}' (${t.confidence})`);
            if (s.restored.length > RESTORED_SHOWN) shown.push(style.dim(`… ${s.restored.length - RESTORED_SHOWN} more (--json lists all)`));
            section(`Restored words (${s.restored.length})`, shown.join('\n'));
          }
          return out.join('\n') + '\n';
        },
        null,
      );
    }, opts);
  });
}
