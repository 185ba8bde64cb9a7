import { resolve } from 'node:path';
import { CHART_FORMATS, TABLE_FORMATS } from '@shared/export-contract';
import { Dimension, METRIC_SECTIONS, type MetricSection } from '@shared/metrics';
import { EXPORT_PRESET_IDS, isExportPresetId, type FigureSize } from '@core/export/presets';
import { exportChart, exportDashboard, exportTable, listCharts, type ExportFile } from '../../export/service';
import { writeFileAtomic } from '../../export/write-file';
import type { CliIO } from '../io';
import { UsageError } from '../io';
import type { CommandSpec, OptionValues } from '../commands';
import { existingProjectPath } from '../project-arg';
import { CLI_CONTEXT, filtersFor, formatOf, list, openExportEnv } from './export-env';

const USAGE = `Usage:
  trellis export chart --project P --chart NAME [--filter k=v ...] [--format png|svg|pdf]
                       [--preset report|slide|half-column | --width-in W --dpi N] [--no-caption] --out FILE
  trellis export chart --project P --list [--filter k=v ...]      the charts there are, by NAME
  trellis export table --project P (--chart NAME | --section S [--by DIM ...]) [--filter k=v ...]
                       [--format csv|xlsx] [--bom] --out FILE
  trellis export dashboard --project P [--filter k=v ...] [--chart NAME ...] [--title T] --out FILE.html

  --filter cohort=2024-25, program=CLUB, site="Cañon City Library" (code or name), partner=P01,
           partner_type=school, attribute:grade=7, from=2025-01-01, to=2025-06-30; repeatable.
  The format defaults to the --out extension. PNG: --preset report is 6.5 in at 300 dpi (default),
  slide 1920 px, half-column 3.25 in at 600 dpi. Sections: ${METRIC_SECTIONS.join(', ')}.
  Small groups are suppressed in every export.`;

export const exportCommand: CommandSpec = {
  summary: 'Export a chart (PNG/SVG/PDF), a table (CSV/XLSX) or a standalone dashboard (HTML).',
  usage: USAGE,
  options: {
    project: { type: 'string' },
    chart: { type: 'string', multiple: true },
    filter: { type: 'string', multiple: true },
    format: { type: 'string' },
    preset: { type: 'string' },
    'width-in': { type: 'string' },
    dpi: { type: 'string' },
    'no-caption': { type: 'boolean' },
    section: { type: 'string' },
    by: { type: 'string', multiple: true },
    bom: { type: 'boolean' },
    title: { type: 'string' },
    list: { type: 'boolean' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals, io, version }) {
    const what = positionals[0];
    if (what !== 'chart' && what !== 'table' && what !== 'dashboard')
      throw new UsageError(`say what to export: chart, table or dashboard${what ? ` (not "${what}")` : ''}.`);
    const path = await existingProjectPath(values, 'export');
    const { env, project, close } = openExportEnv(path, version);
    try {
      const filters = filtersFor(project, values.filter);
      if (what === 'chart' && values.list) {
        const { charts } = await listCharts(env, filters, CLI_CONTEXT);
        io.out(
          values.json
            ? JSON.stringify(charts)
            : charts.length
              ? charts
                  .map(
                    (c) => `${c.id.padEnd(28)} ${c.title}${c.empty ? `  (nothing to draw: ${c.empty})` : ''}`,
                  )
                  .join('\n')
              : 'No charts in this build.',
        );
        return;
      }
      let file: ExportFile;
      if (what === 'chart') {
        const [chart, ...more] = list(values.chart);
        if (!chart || more.length) throw new UsageError('--chart NAME: exactly one chart (see --list).');
        file = await exportChart(
          env,
          {
            chart,
            filters,
            format: formatOf(values, CHART_FORMATS),
            size: sizeOf(values),
            caption: !values['no-caption'],
          },
          CLI_CONTEXT,
        );
      } else if (what === 'table') {
        const charts = list(values.chart);
        const section = values.section;
        if ((charts.length ? 1 : 0) + (section ? 1 : 0) !== 1)
          throw new UsageError('give either --chart NAME (its numbers) or --section S (a metric table).');
        if (charts.length > 1) throw new UsageError('--chart: one chart per table.');
        if (section !== undefined && !(METRIC_SECTIONS as readonly unknown[]).includes(section))
          throw new UsageError(`--section must be one of ${METRIC_SECTIONS.join(', ')}.`);
        const by = list(values.by);
        for (const b of by)
          if (!Dimension.safeParse(b).success)
            throw new UsageError(
              `--by ${b}: split by cohort, program, site, partner, partner_type, wave or attribute:NAME.`,
            );
        if (by.length > 2) throw new UsageError('--by: at most two splits.');
        file = await exportTable(
          env,
          {
            source: charts.length
              ? { kind: 'chart', chart: charts[0]! }
              : { kind: 'section', section: section as MetricSection, by },
            filters,
            format: formatOf(values, TABLE_FORMATS),
            bom: !!values.bom,
          },
          CLI_CONTEXT,
        );
      } else {
        formatOf(values, ['html'] as const);
        const charts = list(values.chart);
        file = await exportDashboard(
          env,
          {
            filters,
            title: typeof values.title === 'string' ? values.title : undefined,
            charts: charts.length ? charts : undefined,
          },
          CLI_CONTEXT,
        );
      }
      await writeOut(values, file, io);
    } finally {
      close();
    }
  },
};

function sizeOf(values: OptionValues): 'report' | 'slide' | 'half-column' | FigureSize {
  const preset = values.preset;
  const width = values['width-in'];
  const dpi = values.dpi;
  if (preset !== undefined && (width !== undefined || dpi !== undefined))
    throw new UsageError('give --preset, or --width-in and --dpi, not both.');
  if (preset !== undefined) {
    if (!isExportPresetId(preset))
      throw new UsageError(`--preset must be one of ${EXPORT_PRESET_IDS.join(', ')}.`);
    return preset;
  }
  if (width === undefined && dpi === undefined) return 'report';
  const w = Number(width ?? 6.5);
  const d = Number(dpi ?? 300);
  if (!(w > 0) || !Number.isInteger(d))
    throw new UsageError('--width-in takes inches (e.g. 6.5), --dpi a whole number.');
  return { widthInches: w, dpi: d };
}

export async function writeOut(values: OptionValues, file: ExportFile, io: CliIO): Promise<void> {
  const out = resolve(String(values.out));
  await writeFileAtomic(out, file.data);
  const bytes = typeof file.data === 'string' ? Buffer.byteLength(file.data) : file.data.length;
  if (values.json) io.out(JSON.stringify({ path: out, bytes, warnings: file.warnings }));
  else {
    io.out(`Wrote ${out} (${bytes.toLocaleString('en-US')} bytes)`);
    for (const w of file.warnings) io.err(`note: ${w}`);
  }
}
