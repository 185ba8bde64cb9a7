import { describe, expect, it } from 'vitest';
import * as vocab from '../../../src/shared/vocab';
import { useTempProject } from '../../helpers/temp-project';

/** Every `CHECK (column IN ('a', 'b', ...))` of text values in the migrated schema, by table.column. */
function textCheckLists(sqls: { name: string; sql: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { name, sql } of sqls) {
    // Also `CHECK (column IS NULL OR column IN (...))`, the form that spares NULLs the IN list.
    for (const m of sql.matchAll(/CHECK \((?:\w+ IS NULL OR )?(\w+) IN \(('[^)]*)\)\)/g)) {
      const values = [...(m[2] ?? '').matchAll(/'([^']*)'/g)].map((v) => v[1] ?? '');
      out.set(`${name}.${m[1] ?? ''}`, values);
    }
  }
  return out;
}

// Which vocabulary each checked column must equal. A new CHECK list must be added here, or the
// test fails: that is the point.
const EXPECTED: Record<string, readonly string[]> = {
  'programs.program_type': vocab.PROGRAM_TYPES,
  'partners.partner_type': vocab.PARTNER_TYPES,
  'partner_commitments.status': vocab.COMMITMENT_STATUSES,
  'contributions.kind': vocab.CONTRIBUTION_KINDS,
  'contributions.unit': vocab.CONTRIBUTION_UNITS,
  'instruments.respondent_kind': vocab.RESPONDENT_KINDS,
  'scale_options.missing_reason': vocab.MISSING_REASONS,
  'respondents.kind': vocab.RESPONDENT_KINDS,
  'sittings.wave': vocab.WAVES,
  'answers.missing_reason': vocab.MISSING_REASONS,
  'goals.direction': vocab.GOAL_DIRECTIONS,
  'import_issues.severity': vocab.ISSUE_SEVERITIES,
};

describe('closed vocabularies', () => {
  const project = useTempProject();

  it('SQL CHECK lists equal the TypeScript arrays in src/shared/vocab.ts, in order', () => {
    const { db } = project();
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as {
      name: string;
      sql: string;
    }[];
    const found = textCheckLists(tables);
    expect(Object.fromEntries(found)).toEqual(
      Object.fromEntries(Object.entries(EXPECTED).map(([k, v]) => [k, [...v]])),
    );
  });

  it.each([
    [vocab.isProgramType, 'summer_camp', 'Summer camp'],
    [vocab.isPartnerType, 'funder', 'sponsor'],
    [vocab.isContributionKind, 'in_kind', 'in-kind'],
    [vocab.isContributionUnit, 'usd', 'USD'],
    [vocab.isCommitmentStatus, 'met', 'done'],
    [vocab.isRespondentKind, 'partner', 'parent'],
    [vocab.isMissingReason, 'dont_know', "don't know"],
    [vocab.isWave, 'retrospective_pre', 'retro'],
    [vocab.isGoalDirection, 'at_most', 'below'],
    [vocab.isSourceFileKind, 'attendance', 'sign-in'],
  ])('guard %# accepts a member and refuses a near miss', (guard, yes, no) => {
    expect(guard(yes)).toBe(true);
    expect(guard(no)).toBe(false);
    expect(guard(undefined)).toBe(false);
  });
});
