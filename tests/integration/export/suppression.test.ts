import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExportDelivery } from '../../../src/shared/export-contract';
import { prepareDemoProject } from '../../../src/main/services/demo-project';
import { resourcesDir } from '../../../src/main/cli/app-paths';
import { createDispatch, type Dispatch } from '../../../src/main/services/dispatch';
import { createHandlers } from '../../../src/main/services/handlers';
import { Session } from '../../../src/main/services/session';
import { participantQueries } from '../../../src/main/db/queries/participants';
import { programQueries } from '../../../src/main/db/queries/programs';
import { sessionQueries } from '../../../src/main/db/queries/sessions';
import { addImport } from '../../helpers/model-seed';
import { useTempDir } from '../../helpers/temp';
import { keep, poppler } from './support';

/**
 * Suppression holds in every export. The demo partnership plus one tiny program: 7 youth (under the
 * threshold of 10) at a 141-hour robotics residency, whose figures are unlike any other group's:
 * 59,259 minutes = 987.65 contact hours in all, 141.09 hours per youth. Every export the real
 * catalogue and metrics engine can make (each chart as SVG and its table as CSV and XLSX, metric
 * tables, the report as PDF and HTML, the standalone dashboard) must carry none of those figures.
 * The control lowers the threshold to 5 and finds them: the test can fail.
 */

const PILOT = 'Zoë’s Robotics Pilot';
/**
 * The tiny group's figures as any export could print them: raw (987.65, 141.0857...) or rounded to
 * one or two decimals, as a whole number, not inside a longer number.
 */
const HIDDEN: RegExp[] = [
  /(?<![\d.])987\.(6|65|7)(?!\d)/,
  /(?<![\d.])987\.65\d+/,
  /(?<![\d.])141\.(09|1)(?!\d)/,
  /(?<![\d.])141\.0857\d*/,
  /(?<![\d.,])59,?259(?![\d.])/,
];

/**
 * What a reader or a program can get out of SVG/HTML: text, labels and data blocks; not path
 * geometry or the inlined vega library, whose numbers mean nothing.
 */
function readable(markup: string): string {
  const json = [...markup.matchAll(/<script type="application\/json"[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => m[1],
  );
  const body = markup.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<style[\s\S]*?<\/style>/g, ' ');
  const text = [...body.matchAll(/>([^<]+)</g)].map((m) => m[1]);
  const labels = [...body.matchAll(/(?:aria-label|title|alt)="([^"]*)"/g)].map((m) => m[1]);
  return [...json, ...text, ...labels].join('\n');
}

async function seedTinyProgram(session: Session) {
  const db = session.project.db;
  const cohort = db.prepare("SELECT id FROM cohorts WHERE code = '2024-25'").pluck().get() as number;
  const site = db.prepare('SELECT id FROM sites ORDER BY id LIMIT 1').pluck().get() as number;
  const activity = db.prepare('SELECT id FROM activity_types ORDER BY id LIMIT 1').pluck().get() as number;
  db.transaction(() => {
    const imp = addImport(db, 'roster', 'pilot-roster.csv');
    const program = programQueries(db).insertProgram({
      code: 'PILOT',
      name: PILOT,
      programType: 'workshop',
      description: null,
    });
    const sessions = sessionQueries(db);
    const residency = sessions.insertSession(
      {
        externalId: 'PILOT-1',
        sessionDate: '2025-03-01',
        programId: program,
        cohortId: cohort,
        siteId: site,
        activityTypeId: activity,
        minutesOffered: 8470,
        partnerId: null,
        title: 'Robotics residency',
      },
      { importId: imp, sourceRow: 1 },
    );
    const people = participantQueries(db);
    for (let i = 0; i < 7; i++) {
      const id = people.insertParticipant(`PILOT-Y${i + 1}`, { importId: imp, sourceRow: i + 1 });
      people.insertEnrolment(
        {
          participantId: id,
          programId: program,
          cohortId: cohort,
          siteId: site,
          enrolledOn: '2025-02-01',
          exitedOn: null,
        },
        { importId: imp, sourceRow: i + 1 },
      );
      // 6 x 8466 + 8463 = 59,259 minutes
      sessions.insertAttendance(
        { participantId: id, sessionId: residency, isPresent: true, minutesAttended: i === 6 ? 8463 : 8466 },
        { importId: imp, sourceRow: i + 1 },
      );
    }
  })();
}

function xlsxText(xlsx: Buffer): string {
  const files = unzipSync(new Uint8Array(xlsx));
  return Object.entries(files)
    .filter(([name]) => name.endsWith('.xml'))
    .map(([, data]) => strFromU8(data))
    .join('\n');
}

describe('suppression holds in every export', () => {
  const temp = useTempDir();
  let session: Session;
  let dispatch: Dispatch;

  const take = (r: Awaited<ReturnType<Dispatch>>): Buffer => {
    if (!r.ok) expect.fail(`${r.error.code}: ${r.error.message}`);
    const d = r.value as ExportDelivery;
    return session.downloads.take(d.downloadUrl!.split('/').pop()!)!.data;
  };

  beforeAll(async () => {
    const dir = temp();
    const path = join(dir, 'demo.trellis');
    await prepareDemoProject(path, resourcesDir());
    session = new Session('browser', '0.0.0-test');
    session.open(path);
    await seedTinyProgram(session);
    dispatch = createDispatch(createHandlers(session), (e) => console.error(e));
  }, 120_000);

  async function everyExport(): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const cat = await dispatch('export.catalogue', {});
    if (!cat.ok) expect.fail(cat.error.message);
    const charts = (cat.value as { charts: { id: string; empty: string | null }[] }).charts;
    const drawable = charts.filter((c) => !c.empty).map((c) => c.id);
    expect(drawable.length).toBeGreaterThan(10);
    for (const chart of drawable) {
      out.set(
        `${chart}.svg`,
        readable(take(await dispatch('export.chart', { chart, format: 'svg' })).toString('utf8')),
      );
      out.set(
        `${chart}.csv`,
        take(await dispatch('export.table', { source: { kind: 'chart', chart }, format: 'csv' })).toString(
          'utf8',
        ),
      );
      out.set(
        `${chart}.xlsx`,
        xlsxText(take(await dispatch('export.table', { source: { kind: 'chart', chart }, format: 'xlsx' }))),
      );
    }
    for (const section of ['reach', 'dosage', 'retention'] as const)
      for (const by of [['program'], ['program', 'cohort']])
        out.set(
          `${section}-${by.join('-')}.csv`,
          take(
            await dispatch('export.table', { source: { kind: 'section', section, by }, format: 'csv' }),
          ).toString('utf8'),
        );
    const pdf = keep(
      'suppression-report.pdf',
      take(await dispatch('export.report', { charts: drawable, format: 'pdf' })),
    );
    out.set('report.pdf', poppler('pdftotext', [pdf, '-']));
    out.set(
      'report.html',
      readable(take(await dispatch('export.report', { charts: drawable, format: 'html' })).toString('utf8')),
    );
    out.set(
      'dashboard.html',
      readable(take(await dispatch('export.dashboard', { charts: drawable })).toString('utf8')),
    );
    const chartPdf = keep(
      'suppression-reach.pdf',
      take(await dispatch('export.chart', { chart: 'reach-youth', format: 'pdf' })),
    );
    out.set('reach-youth.pdf', poppler('pdftotext', [chartPdf, '-']));
    return out;
  }

  it('no figure of a group under the threshold appears in any chart, table, report or dashboard', async () => {
    const exports = await everyExport();
    const leaks = [...exports].flatMap(([name, text]) =>
      HIDDEN.map((h) => h.exec(text))
        .filter((m) => m !== null)
        .map((m) => `${name}: ${m[0]} in “${m.input.slice(Math.max(0, m.index - 60), m.index + 20)}”`),
    );
    expect(leaks).toEqual([]);
    // The group is there, marked: a reader learns it exists and why its numbers are missing.
    const dosage = exports
      .get('dosage-program.csv')!
      .split('\r\n')
      .find((l) => l.includes(PILOT));
    expect(dosage).toMatch(/^Zoë’s Robotics Pilot,(,)+suppressed \(n < 10\)$/);
    expect(exports.get('report.pdf')).toContain(PILOT);
  }, 300_000);

  it('control: with the threshold at 5 the same group is shown, so the figures would be found', async () => {
    const r = await dispatch('project.updateSettings', { suppressionThreshold: 5 });
    expect(r.ok).toBe(true);
    try {
      const csv = take(
        await dispatch('export.table', {
          source: { kind: 'section', section: 'dosage', by: ['program'] },
          format: 'csv',
        }),
      ).toString('utf8');
      expect(csv).toContain(`${PILOT},7,987.7,141.1,`); // youth, contact hours total and mean
      const svg = readable(
        take(await dispatch('export.chart', { chart: 'reach-hours', format: 'svg' })).toString('utf8'),
      );
      expect(HIDDEN.some((h) => h.test(svg))).toBe(true);
    } finally {
      await dispatch('project.updateSettings', { suppressionThreshold: 10 });
    }
  }, 120_000);
});
