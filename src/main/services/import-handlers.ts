import type { MethodName, Output, ParsedInput } from '@shared/contract';
import type { ReadSettings } from '@core/csv';
import { previewImport } from '../import/preview';
import { sniffFile } from '../import/read';
import { confirmMatch, issuesCsv, listImports, matchReport, undoImport } from '../import/history';
import { runImportHosted } from '../import/host';
import { listTemplates, saveTemplate } from '../import/templates';
import { progressReporter, type CallContext } from './context';
import type { Session } from './session';

type ImportMethod = Extract<MethodName, `import.${string}`>;
type ImportHandlers = {
  [M in ImportMethod]: (input: ParsedInput<M>, ctx: CallContext) => Promise<Output<M>> | Output<M>;
};

/** Handlers of the import pipeline's methods (spread into createHandlers). */
export function createImportHandlers(session: Session): ImportHandlers {
  return {
    'import.preview': ({ file, settings, kind, template, cohort, wave }, ctx) => {
      const f = session.files.resolve(file);
      const report = progressReporter(ctx, 'Reading the file', 'bytes');
      report(0, f.size, true);
      return previewImport(session.project.db, f.path, {
        settings,
        signal: ctx.signal,
        fileName: f.name,
        onProgress: (bytes, total) => report(bytes, total),
        ...(kind ? { kind } : {}),
        ...(template ? { template } : {}),
        ...(cohort ? { cohort } : {}),
        ...(wave ? { wave } : {}),
      });
    },
    'import.run': async ({ file, mapping, policy, dryRun, saveTemplateAs }, ctx) => {
      const f = session.files.resolve(file);
      const project = session.project;
      const report = await runImportHosted(project, f.path, {
        mapping,
        policy,
        dryRun,
        fileName: f.name,
        signal: ctx.signal,
        onProgress: (p) =>
          ctx.progress(
            p.finishing
              ? {
                  phase: dryRun ? 'Checking' : 'Saving',
                  done: p.rows,
                  total: null,
                  unit: 'rows',
                  rate: p.rate,
                  message: dryRun
                    ? 'Every row is read; finishing the check'
                    : 'Every row is read; building indexes and saving (this can no longer be cancelled)',
                  cancellable: false,
                }
              : {
                  phase: 'Importing',
                  done: p.rows,
                  total: null,
                  unit: 'rows',
                  rate: p.rate,
                  message: `${p.rows.toLocaleString('en-US')} rows, ${(p.bytes / 1e6).toFixed(1)} of ${(p.totalBytes / 1e6).toFixed(1)} MB (${p.percent.toFixed(0)}%)`,
                },
          ),
      });
      if (saveTemplateAs && report.status === 'imported') {
        const sniff = await sniffFile(f.path, mapping.settings as Partial<ReadSettings>); // ReadOverrides ⊂ ReadSettings
        saveTemplate(project.db, saveTemplateAs, mapping, sniff.ok ? sniff.columns.map((c) => c.key) : []);
      }
      return report;
    },
    'import.list': () => listImports(session.project.db),
    'import.undo': ({ importId }) => undoImport(session.project.db, importId),
    'import.templates': () => listTemplates(session.project.db),
    'import.saveTemplate': ({ name, mapping, columnKeys }) =>
      saveTemplate(session.project.db, name, mapping, columnKeys),
    'import.issuesCsv': ({ importId }) => issuesCsv(session.project.db, importId),
    'import.matchReport': (input) => matchReport(session.project.db, input),
    'import.confirmMatch': (input) => confirmMatch(session.project.db, input),
  };
}
