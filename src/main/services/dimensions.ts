import type { ProjectDimensions } from '@shared/metrics';
import type { Db } from '../db/open-project';

const PARTNER_TYPE_LABELS: Record<string, string> = {
  school: 'School',
  out_of_school_provider: 'Out-of-school provider',
  higher_education: 'Higher education',
  business: 'Business',
  government: 'Government',
  nonprofit: 'Nonprofit',
  funder: 'Funder',
};
export const partnerTypeLabel = (t: string) => PARTNER_TYPE_LABELS[t] ?? t;

/** What a project holds to filter and split by; the filter bar and the CLI's --filter both use it. */
export function readDimensions(db: Db): ProjectDimensions {
  const all = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const attributeRows = all<{ name: string; value: string }>(
    'SELECT DISTINCT name, value FROM participant_attributes ORDER BY name, value',
  );
  const attributes = new Map<string, string[]>();
  for (const r of attributeRows) attributes.set(r.name, [...(attributes.get(r.name) ?? []), r.value]);
  const range = db
    .prepare('SELECT min(session_date) AS "from", max(session_date) AS "to" FROM sessions')
    .get() as {
    from: string | null;
    to: string | null;
  };
  return {
    cohorts: all<{ code: string; startsOn: string; endsOn: string }>(
      'SELECT code, starts_on AS startsOn, ends_on AS endsOn FROM cohorts ORDER BY starts_on',
    ).map((c) => ({ ...c, label: c.code })),
    programs: all('SELECT code, name AS label, program_type AS type FROM programs ORDER BY name'),
    sites: all('SELECT code, name AS label FROM sites ORDER BY name'),
    partners: all('SELECT key AS code, name AS label, partner_type AS type FROM partners ORDER BY name'),
    partnerTypes: all<{ code: string }>('SELECT DISTINCT partner_type AS code FROM partners ORDER BY 1').map(
      (t) => ({
        code: t.code,
        label: partnerTypeLabel(t.code),
      }),
    ),
    attributes: [...attributes].map(([name, values]) => ({ name, values })),
    scales: all(
      `SELECT c.code, c.name AS label, i.name AS instrument, count(it.id) AS items
       FROM constructs c JOIN instruments i ON i.id = c.instrument_id LEFT JOIN items it ON it.construct_id = c.id
       GROUP BY c.id ORDER BY i.name, c.id`,
    ),
    waves: all<{ wave: string }>(
      'SELECT DISTINCT wave FROM sittings s WHERE EXISTS (SELECT 1 FROM answers a WHERE a.sitting_id = s.id) ORDER BY wave',
    ).map((w) => w.wave),
    dateRange: range.from && range.to ? { from: range.from, to: range.to } : null,
    counts: {
      participants: count('SELECT count(*) FROM participants'),
      sessions: count('SELECT count(*) FROM sessions'),
      attendance: count('SELECT count(*) FROM attendance'),
      youthResponses: count(
        "SELECT count(*) FROM responses r JOIN respondents p ON p.id = r.respondent_id WHERE p.kind = 'youth'",
      ),
      partnerResponses: count(
        "SELECT count(*) FROM responses r JOIN respondents p ON p.id = r.respondent_id WHERE p.kind = 'partner'",
      ),
      imports: count('SELECT count(*) FROM imports'),
    },
  };
}
