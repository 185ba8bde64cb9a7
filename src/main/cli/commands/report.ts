import { REPORT_FORMATS, REPORT_PAGE_SIZES, ReportRequest } from '@shared/export-contract';
import { METRIC_SECTIONS } from '@shared/metrics';
import { exportReport } from '../../export/service';
import { UsageError } from '../io';
import type { CommandSpec } from '../commands';
import { existingProjectPath } from '../project-arg';
import { writeOut } from './export';
import { CLI_CONTEXT, filtersFor, formatOf, list, openExportEnv } from './export-env';

export const reportCommand: CommandSpec = {
  summary: 'Write the evaluation report (PDF or HTML): figures, tables, methods, by evaluation question.',
  usage: `Usage: trellis report --project P --out report.pdf|report.html [--title T] [--filter k=v ...]
         [--question "TEXT" | --question "TEXT :: chart1, chart2" ...] [--chart NAME ...]
         [--table SECTION ...] [--page-size Letter|A4] [--json]
  Without --question, the evidence is grouped under default questions by dashboard page; without
  --chart, every chart with something to draw is included. A question's charts follow "::".
  Tables (appendix): ${METRIC_SECTIONS.join(', ')}. Small groups are suppressed throughout.`,
  options: {
    project: { type: 'string' },
    out: { type: 'string' },
    format: { type: 'string' },
    title: { type: 'string' },
    filter: { type: 'string', multiple: true },
    question: { type: 'string', multiple: true },
    chart: { type: 'string', multiple: true },
    table: { type: 'string', multiple: true },
    'page-size': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, io, version }) {
    const format = formatOf(values, REPORT_FORMATS);
    const pageSize = values['page-size'] ?? 'Letter';
    if (!(REPORT_PAGE_SIZES as readonly unknown[]).includes(pageSize))
      throw new UsageError(`--page-size must be ${REPORT_PAGE_SIZES.join(' or ')}.`);
    const questions = list(values.question).map((q) => {
      const [text, charts] = q.split('::');
      return {
        question: (text ?? '').trim(),
        charts: (charts ?? '')
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
        tables: [],
      };
    });
    const tables = list(values.table);
    const path = await existingProjectPath(values, 'report');
    const { env, project, close } = openExportEnv(path, version);
    try {
      const request = ReportRequest.safeParse({
        title: values.title,
        filters: filtersFor(project, values.filter),
        charts: list(values.chart).length ? list(values.chart) : undefined,
        tables: tables.length ? tables : undefined,
        questions: questions.length ? questions : undefined,
        format,
        pageSize,
      });
      if (!request.success) {
        const issue = request.error.issues[0];
        throw new UsageError(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
      }
      await writeOut(values, await exportReport(env, request.data, CLI_CONTEXT), io);
    } finally {
      close();
    }
  },
};
