import type { ImportKind } from '@shared/import-mapping';

/**
 * The model fields a column can fill, per kind of file. `attribute:<name>` (roster) is open-ended.
 * A field is required unless marked optional; `oneOf` groups say "at least one of these".
 */
export interface FieldSpec {
  name: string;
  required?: boolean;
  description: string;
}

const f = (name: string, description: string, required = false): FieldSpec => ({
  name,
  description,
  required,
});

export const KIND_FIELDS: Record<ImportKind, { fields: FieldSpec[]; oneOf?: string[][] }> = {
  roster: {
    fields: [
      f('participant_key', 'Participant (youth) ID', true),
      f('program', 'Program code or name'),
      f('site', 'Site code or name'),
      f('cohort', 'Cohort code (2024-25)'),
      f('enrolled_on', 'Enrolment date'),
      f('exited_on', 'Exit date'),
    ],
  },
  partners: {
    fields: [
      f('partner_key', 'Partner ID', true),
      f('name', 'Organisation name', true),
      f(
        'partner_type',
        'school, out_of_school_provider, higher_education, business, government, nonprofit, funder',
        true,
      ),
      f('town', 'Town'),
      f('joined_on', 'Date joined'),
      f('left_on', 'Date left'),
      f('contact_name', 'Primary contact name'),
      f('contact_role_title', 'Primary contact role'),
      f('contact_email', 'Primary contact e-mail'),
    ],
  },
  commitments: {
    fields: [
      f('partner_key', 'Partner ID'),
      f('partner_name', 'Partner name'),
      f('role', 'Role in the partnership', true),
      f('commitment', 'What the partner committed to', true),
      f('starts_on', 'From'),
      f('ends_on', 'To'),
      f('cohort', 'Cohort code'),
      f('status', 'planned, in_progress, met, not_met, dropped'),
    ],
    oneOf: [['partner_key', 'partner_name']],
  },
  mentors: {
    fields: [
      f('mentor_key', 'Mentor ID', true),
      f('name', 'Name', true),
      f('partner_key', 'Partner ID'),
      f('partner_name', 'Partner name'),
      f('expertise', 'Expertise'),
    ],
  },
  sessions: {
    fields: [
      f('external_id', 'Session ID in the source'),
      f('session_date', 'Date', true),
      f('cohort', 'Cohort code'),
      f('program', 'Program code or name'),
      f('site', 'Site code or name'),
      f('activity_type', 'Activity type code or name'),
      f('minutes_offered', 'Minutes offered', true),
      f('partner_key', 'Leading partner ID'),
      f('partner_name', 'Leading partner name'),
      f('mentor_keys', 'Mentor IDs (a list)'),
      f('title', 'Title'),
    ],
  },
  attendance: {
    fields: [
      f('participant_key', 'Participant (youth) ID', true),
      f('session_external_id', 'Session ID (as in the sessions file)'),
      f('session_date', 'Session date'),
      f('program', 'Program code or name'),
      f('site', 'Site code or name'),
      f('activity_type', 'Activity type'),
      f('cohort', 'Cohort code'),
      f('is_present', 'Present (yes/no, 1/0); absent rows say 0'),
      f('minutes_attended', 'Minutes attended'),
      f('minutes_offered', 'Minutes offered (for sessions created by this file)'),
    ],
    oneOf: [['session_external_id', 'session_date']],
  },
  contributions: {
    fields: [
      f('partner_key', 'Partner ID'),
      f('partner_name', 'Partner name'),
      f('kind', 'mentor_hours, sessions_led, equipment, funding, in_kind', true),
      f('amount', 'Amount', true),
      f('unit', 'hours, sessions, usd, items', true),
      f('contributed_on', 'Date'),
      f('cohort', 'Cohort code'),
      f('mentor_key', 'Mentor ID'),
      f('description', 'Description'),
    ],
    oneOf: [['partner_key', 'partner_name']],
  },
  goals: {
    fields: [
      f('metric_key', 'Metric key (youth_reached ...)', true),
      f('description', 'Description'),
      f('target_value', 'Target', true),
      f('direction', 'at_least or at_most'),
      f('unit', 'Unit'),
      f('cohort', 'Cohort code'),
      f('program', 'Program code or name'),
      f('starts_on', 'From'),
      f('ends_on', 'To'),
      f('owner_partner_key', 'Owning partner ID'),
      f('owner_partner_name', 'Owning partner name'),
    ],
  },
  survey: {
    fields: [
      f('participant_key', 'Participant (youth) ID'),
      f('partner_key', 'Partner ID (partner surveys)'),
      f('partner_name', 'Partner name (partner surveys)'),
      f('contact_email', 'Respondent e-mail (partner surveys)'),
      f('contact_role_title', 'Respondent role (partner surveys)'),
      f('response_id', 'Response ID of the platform'),
      f('responded_at', 'When the response was recorded'),
      f('cohort', 'Cohort code'),
      f('wave', 'Wave (pre, post ...)'),
      f('program', 'Program code or name'),
    ],
  },
};

export function isKnownField(kind: ImportKind, field: string): boolean {
  if (kind === 'roster' && /^attribute:\S/.test(field)) return true;
  return KIND_FIELDS[kind].fields.some((s) => s.name === field);
}

/** Problems with a mapping before any row is read: unknown fields, missing required ones. */
export function checkMappingFields(
  kind: ImportKind,
  fields: Record<string, string>,
  _fixed: { cohort?: string | undefined; program?: string | undefined; wave?: string | undefined },
): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(fields))
    if (!isKnownField(kind, name)) problems.push(`"${name}" is not a field of a ${kind} file`);
  for (const spec of KIND_FIELDS[kind].fields)
    if (spec.required && !fields[spec.name])
      problems.push(`the ${spec.name} field (${spec.description}) has no column`);
  for (const group of KIND_FIELDS[kind].oneOf ?? [])
    if (!group.some((g) => fields[g])) problems.push(`one of ${group.join(', ')} needs a column`);
  return problems;
}
