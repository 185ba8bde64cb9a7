/**
 * resources/demo/manifest.json: what each demo file is and how to map it into the model, so that the
 * import pipeline can build the demo project from the files alone. Format described in
 * resources/demo/README.md.
 */
import { RESPONSE_SCALES, type InstrumentSpec } from './instruments.ts';
import type { SurveyFile } from './surveys.ts';
import type { TableFile } from './tables.ts';
import { ACTIVITY_TYPES, COHORTS, PROGRAMS, SITES } from './world.ts';

const styleOf = (bom: boolean, eol: string) => ({
  encoding: 'utf-8',
  bom,
  line_ending: eol === '\r\n' ? 'crlf' : 'lf',
  delimiter: ',',
});

function instrumentEntry(i: InstrumentSpec) {
  return {
    code: i.code,
    name: i.name,
    version: i.version,
    respondent_kind: i.respondentKind,
    constructs: i.constructs.map((k) => ({ code: k.code, name: k.name, min_items: k.minItems })),
    items: i.items.map((it, n) => ({
      code: it.code,
      construct: it.construct,
      response_scale: i.responseScale,
      reverse_coded: it.reverse,
      position: n + 1,
      text: it.text,
      ...(it.reworded
        ? {
            versions: [
              { from_cohort: it.reworded.cohort, text: it.reworded.text, comparable: it.reworded.comparable },
            ],
          }
        : {}),
    })),
  };
}

export function buildManifest(seed: number, tables: TableFile[], surveys: SurveyFile[]): unknown {
  return {
    format: 'trellis-demo-manifest',
    version: 1,
    generator: 'scripts/generate-demo.ts',
    seed,
    partnership: {
      name: 'Wet Mountain STEM Career Connections',
      description:
        'A fictional rural mountain community STEM partnership over three school years: an in-school Technology & ' +
        'Design class, an after-school Maker Club and a summer camp, with 17 partners and 40 mentors.',
    },
    // Youth IDs as typed in surveys vary (y0042, Y42, " Y0042 ", 0042). The settings are those of
    // src/core/csv/participant-ids.ts (IdNormalisation): with them y0042, Y42 and " Y0042 " match the
    // roster's Y0042; "0042" (typed without the Y) does not, and is one edit away: a near miss for the
    // user to confirm.
    participant_key: {
      canonical_pattern: '^Y\\d{4}$',
      id_normalisation: { trim: true, caseFold: true, stripSeparators: true, stripLeadingZeros: true },
    },
    cohorts: COHORTS.map((c) => ({ code: c.code, starts_on: c.startsOn, ends_on: c.endsOn })),
    programs: PROGRAMS.map((p) => ({ code: p.code, name: p.name, program_type: p.type })),
    sites: SITES.map((s) => ({ code: s.code, name: s.name, town: s.town })),
    activity_types: ACTIVITY_TYPES.map((a) => ({ code: a.code, name: a.name })),
    response_scales: RESPONSE_SCALES,
    instruments: [...new Set(surveys.map((s) => s.instrument))].map(instrumentEntry),
    files: [
      ...tables.map((t) => ({
        path: t.path,
        kind: t.kind,
        format: 'plain_csv',
        ...styleOf(t.style.bom, t.style.eol),
        header_rows: 1,
        ...(t.cohort ? { cohort: t.cohort } : {}),
        date_format: t.dateFormat,
        data_rows: t.rows,
        columns: t.columns,
        ...(t.valueMaps ? { value_maps: t.valueMaps } : {}),
        ...(t.kind === 'attendance'
          ? {
              notes:
                'One row per youth present; sessions match sessions.csv by program, site, date and activity type.',
            }
          : {}),
        ...(t.kind === 'sessions' ? { list_separator: { mentor_ids: '; ' } } : {}),
      })),
      ...surveys.map((s) =>
        s.wave === 'annual'
          ? {
              path: s.path,
              kind: 'survey',
              format: 'google_forms',
              ...styleOf(false, '\r\n'),
              header_rows: 1,
              instrument: s.instrument.code,
              instrument_version: s.instrument.version,
              wave: s.wave,
              cohort: s.cohort,
              timestamp: { column: 'Timestamp', format: 'M/D/YYYY H:mm:ss', time_zone: 'America/Denver' },
              respondent: {
                kind: 'partner',
                partner_name_column: 'Which organization do you represent?',
                contact_email_column: 'Email Address',
                role_column: 'What is your role in the partnership?',
              },
              items: s.columns.map((c) => ({ item: c.item, column: c.column })),
              expected: s.expected,
            }
          : {
              path: s.path,
              kind: 'survey',
              format: 'qualtrics',
              ...styleOf(true, '\n'),
              header_rows: 3,
              instrument: s.instrument.code,
              instrument_version: s.instrument.version,
              wave: s.wave,
              cohort: s.cohort,
              timestamp: { column: 'EndDate', format: 'YYYY-MM-DD HH:mm:ss', time_zone: 'America/Denver' },
              response_id_column: 'ResponseId',
              keep_rows: { column: 'Status', values: ['IP Address'] },
              respondent: { kind: 'youth', column: 'youth_id', key: 'participant_key' },
              // Match items on the ImportId (row 3): export tags were renumbered in 2024-25.
              items: s.columns.map((c) => ({ item: c.item, import_id: c.importId, column: c.column })),
              other_columns: [
                { import_id: 'QID5', role: 'attribute', attribute: 'grade_self_report' },
                { import_id: 'QID6_TEXT', role: 'open_text' },
                ...(s.cohort === '2024-25' ? [{ import_id: 'QID9', role: 'assent' }] : []),
              ],
              expected: s.expected,
            },
      ),
    ],
  };
}
