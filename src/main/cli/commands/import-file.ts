import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ImportKind, ImportPolicy, Mapping } from '@shared/import-mapping';
import type { ImportReport } from '@shared/import-contract';
import { TrellisError } from '@shared/errors';
import { isWave } from '@shared/vocab';
import { openProject } from '../../db/open-project';
import { runImportHosted } from '../../import/host';
import { previewImport } from '../../import/preview';
import { saveTemplate } from '../../import/templates';
import type { CommandSpec, OptionValues } from '../commands';
import { EXIT, UsageError, type CliIO } from '../io';
import { projectPath } from '../project-arg';

function fileArg(positionals: string[]): string {
  const file = positionals[0];
  if (!file) throw new UsageError('Name the file to read.');
  const path = resolve(file);
  if (!existsSync(path)) throw new TrellisError('file_not_found', `${file} does not exist.`);
  return path;
}

function waveArg(values: OptionValues) {
  const w = values.wave;
  if (w === undefined) return undefined;
  if (!isWave(w))
    throw new UsageError('--wave must be one of pre, post, retrospective_pre, follow_up, annual.');
  return w;
}

function kindArg(values: OptionValues) {
  if (values.kind === undefined) return undefined;
  const k = ImportKind.safeParse(values.kind);
  if (!k.success) throw new UsageError(`--kind must be one of ${ImportKind.options.join(', ')}.`);
  return k.data;
}

export const previewCommand: CommandSpec = {
  summary: 'Show what Trellis detects in a file and the mapping it proposes.',
  usage: `Usage: trellis preview FILE [--project PATH] [--kind KIND] [--template NAME] [--cohort C] [--wave W] [--json]
  Prints the detected encoding, delimiter, platform and columns, and the proposed mapping (--json
  prints the whole preview; its "mapping" can be saved to a file for \`trellis import --mapping\`).`,
  options: {
    project: { type: 'string' },
    kind: { type: 'string' },
    template: { type: 'string' },
    cohort: { type: 'string' },
    wave: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals, io }) {
    const path = fileArg(positionals);
    const p = projectPath(values, false);
    const project = p ? openProject(p) : null;
    try {
      const wave = waveArg(values);
      const kind = kindArg(values);
      const preview = await previewImport(project?.db ?? null, path, {
        ...(kind ? { kind } : {}),
        ...(typeof values.template === 'string' ? { template: values.template } : {}),
        ...(typeof values.cohort === 'string' ? { cohort: values.cohort } : {}),
        ...(wave ? { wave } : {}),
      });
      if (values.json) {
        io.out(JSON.stringify(preview));
        return;
      }
      const s = preview.settings;
      const lines = [
        `${preview.fileName} (${preview.size.toLocaleString('en-US')} bytes)`,
        `  platform ${s.platform}, encoding ${s.encoding}, delimiter ${JSON.stringify(s.delimiter)}, ${s.headerRowCount} header row(s)${s.dateOrder ? `, dates ${s.dateOrder}` : ''}`,
        `  kind ${preview.mapping.kind}${preview.mapping.cohort ? `, cohort ${preview.mapping.cohort}` : ''}${preview.mapping.wave ? `, wave ${preview.mapping.wave}` : ''}`,
        ...(preview.alreadyImported
          ? [`  already imported (import ${preview.alreadyImported.importId})`]
          : []),
        '  columns:',
        ...preview.columns.map(
          (c) =>
            `    ${String(c.index + 1).padStart(3)} ${c.label.slice(0, 40).padEnd(40)} ${c.role}${c.target ? ` -> ${c.target}` : ''}`,
        ),
        ...preview.issues.map((i) => `  ${i.severity}: ${i.message}${i.row ? ` (row ${i.row})` : ''}`),
      ];
      io.out(lines.join('\n'));
    } finally {
      project?.close();
    }
  },
};

function printReport(report: ImportReport, io: CliIO, json: boolean): void {
  if (json) {
    io.out(JSON.stringify(report));
    return;
  }
  const head =
    report.status === 'imported'
      ? `Imported ${report.fileName} as import ${report.importId}: ${report.rowsImported} of ${report.rowsRead} rows`
      : report.status === 'dry_run'
        ? `Dry run of ${report.fileName}: ${report.rowsImported} of ${report.rowsRead} rows would be imported`
        : report.status === 'already_imported'
          ? `${report.fileName} was already imported (import ${report.previousImportId}): nothing added`
          : `Nothing was imported from ${report.fileName}: ${report.rowsSkipped} of ${report.rowsRead} rows have errors`;
  const extra = [
    report.rowsSkipped && report.status !== 'refused' ? `${report.rowsSkipped} skipped` : '',
    report.rowsDropped ? `${report.rowsDropped} left out by the platform's defaults` : '',
    report.rowsAlreadyPresent ? `${report.rowsAlreadyPresent} already in the project` : '',
  ].filter(Boolean);
  const counts = Object.entries(report.counts).map(([t, n]) => `${t} ${n}`);
  io.out(
    [
      `${head}${extra.length ? ` (${extra.join(', ')})` : ''}.`,
      ...(counts.length ? [`  rows written: ${counts.join(', ')}`] : []),
      ...report.issues.slice(0, 20).map((i) => `  ${issueLine(i)}`),
      ...(report.issueCount > 20 ? [`  ... ${report.issueCount - 20} more issues`] : []),
    ].join('\n'),
  );
}

function issueLine(i: ImportReport['issues'][number]): string {
  const where = [
    i.row ? `row ${i.row}` : '',
    i.column ? `column ${i.column}${i.columnName ? ` (${i.columnName})` : ''}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${i.severity} ${i.code}${where ? ` at ${where}` : ''}: ${i.message}${i.value !== undefined ? ` [${JSON.stringify(i.value)}]` : ''}`;
}

export const importCommand: CommandSpec = {
  summary: 'Import a file into a project, all or nothing.',
  usage: `Usage: trellis import FILE --project PATH [--template NAME | --mapping FILE] [--kind KIND]
                      [--cohort C] [--wave W] [--skip-invalid] [--dry-run] [--save-template NAME] [--json]
  Without --template or --mapping, the proposed mapping (see \`trellis preview\`) is used.
  By default a file with any invalid row is refused (exit 1, first issues on stderr); --skip-invalid
  imports the valid rows and lists the others in the report. docs/mapping-format.md describes --mapping.`,
  options: {
    project: { type: 'string' },
    template: { type: 'string' },
    mapping: { type: 'string' },
    kind: { type: 'string' },
    cohort: { type: 'string' },
    wave: { type: 'string' },
    'skip-invalid': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    'save-template': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals, io }) {
    const path = fileArg(positionals);
    const projectFile = projectPath(values)!;
    if (values.template !== undefined && values.mapping !== undefined)
      throw new UsageError('Give --template or --mapping, not both.');
    const wave = waveArg(values);
    const kind = kindArg(values);
    const project = openProject(projectFile);
    try {
      let mapping: Mapping;
      if (typeof values.mapping === 'string') {
        let raw: unknown;
        try {
          raw = JSON.parse(readFileSync(resolve(values.mapping), 'utf8'));
        } catch (err) {
          throw new TrellisError(
            'bad_input',
            `${values.mapping} is not a readable JSON mapping file: ${(err as Error).message}`,
          );
        }
        const parsed = Mapping.safeParse(raw);
        if (!parsed.success) {
          const first = parsed.error.issues[0];
          throw new TrellisError(
            'bad_input',
            `${values.mapping} is not a valid mapping${first ? ` at ${first.path.join('.') || '(top)'}: ${first.message}` : ''}.`,
          );
        }
        mapping = parsed.data;
      } else {
        const preview = await previewImport(project.db, path, {
          ...(kind ? { kind } : {}),
          ...(typeof values.template === 'string' ? { template: values.template } : {}),
        });
        mapping = preview.mapping;
      }
      if (typeof values.cohort === 'string') mapping.cohort = values.cohort;
      if (wave) mapping.wave = wave;
      const policy: ImportPolicy = values['skip-invalid'] ? 'skip_invalid' : 'refuse';
      const showProgress = !values.json && process.stderr.isTTY;
      const report = await runImportHosted(project, path, {
        mapping,
        policy,
        dryRun: values['dry-run'] === true,
        ...(showProgress
          ? {
              onProgress: (p) =>
                process.stderr.write(
                  `\r  ${p.rows.toLocaleString('en-US')} rows, ${p.percent.toFixed(0)}%, ${Math.round(p.rate).toLocaleString('en-US')} rows/s   `,
                ),
            }
          : {}),
      });
      if (showProgress) process.stderr.write('\r\x1b[K');
      if (report.status === 'imported' && typeof values['save-template'] === 'string')
        saveTemplate(project.db, values['save-template'], mapping, []);
      if (report.status === 'refused') {
        printReport(report, io, values.json === true);
        const first = report.issues.filter((i) => i.severity === 'error').slice(0, 5);
        io.err(
          `trellis import: nothing was imported: ${report.rowsSkipped} rows have errors. First: ${first.map(issueLine).join('; ')}`.slice(
            0,
            2000,
          ),
        );
        return EXIT.userError;
      }
      printReport(report, io, values.json === true);
      return EXIT.ok;
    } finally {
      project.close();
    }
  },
};

export const importsCommand: CommandSpec = {
  summary: 'List the imports of a project.',
  usage: 'Usage: trellis imports --project PATH [--json]',
  options: { project: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, io }) {
    const project = openProject(projectPath(values)!);
    try {
      const { listImports } = await import('../../import/history');
      const list = listImports(project.db);
      if (values.json) io.out(JSON.stringify(list));
      else if (list.length === 0) io.out('No imports yet.');
      else
        io.out(
          list
            .map(
              (i) =>
                `${String(i.importId).padStart(4)}  ${i.importedAt.slice(0, 19).replace('T', ' ')}  ${i.kind.padEnd(13)} ${String(i.rowsImported).padStart(8)} rows${i.rowsSkipped ? ` (${i.rowsSkipped} skipped)` : ''}  ${i.fileName}`,
            )
            .join('\n'),
        );
    } finally {
      project.close();
    }
  },
};

export const undoImportCommand: CommandSpec = {
  summary: 'Undo an import: its rows are removed.',
  usage: 'Usage: trellis undo-import ID --project PATH [--json]',
  options: { project: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals, io }) {
    const id = Number(positionals[0]);
    if (!Number.isInteger(id) || id <= 0) throw new UsageError('Give the import ID (see `trellis imports`).');
    const project = openProject(projectPath(values)!);
    try {
      const { undoImport } = await import('../../import/history');
      const result = undoImport(project.db, id);
      io.out(
        values.json
          ? JSON.stringify(result)
          : `Undid import ${id} (${result.fileName}): ${result.removedRows} rows removed.`,
      );
    } finally {
      project.close();
    }
  },
};
