import { Mapping, type ScaleSpec } from '@shared/import-mapping';
import type { MissingReason, SourceFileKind, Wave } from '@shared/vocab';

/**
 * resources/demo/manifest.json, read as mappings: each file entry becomes the Mapping the import
 * pipeline runs with (so the demo project is built exactly as a user's files would be).
 */

interface ManifestScale {
  code: string;
  name: string;
  min: number;
  max: number;
  options: ({ label: string; value: number } | { label: string; missing_reason: MissingReason })[];
  blank?: MissingReason;
}
interface ManifestItem {
  code: string;
  construct?: string;
  response_scale: string;
  reverse_coded: boolean;
  position: number;
  text: string;
  versions?: { from_cohort: string; text: string; comparable: boolean }[];
}
interface ManifestInstrument {
  code: string;
  name: string;
  version: string;
  respondent_kind: 'youth' | 'partner';
  constructs: { code: string; name: string; min_items: number }[];
  items: ManifestItem[];
}
export interface ManifestFile {
  path: string;
  kind: SourceFileKind;
  format: string;
  date_format?: string;
  cohort?: string;
  wave?: Wave;
  columns?: Record<string, string>;
  value_maps?: Record<string, Record<string, string>>;
  list_separator?: Record<string, string>;
  instrument?: string;
  instrument_version?: string;
  timestamp?: { column: string; format: string };
  response_id_column?: string;
  respondent?: {
    kind: 'youth' | 'partner';
    column?: string;
    partner_name_column?: string;
    contact_email_column?: string;
    role_column?: string;
  };
  items?: { item: string; import_id?: string; column: string }[];
  other_columns?: { import_id: string; role: string; attribute?: string }[];
  expected?: Record<string, number>;
  data_rows?: number;
}
export interface DemoManifest {
  format: 'trellis-demo-manifest';
  partnership: { name: string; description: string };
  participant_key: { id_normalisation: Record<string, boolean> };
  cohorts: { code: string; starts_on: string; ends_on: string }[];
  programs: { code: string; name: string; program_type: string }[];
  sites: { code: string; name: string; town: string }[];
  activity_types: { code: string; name: string }[];
  response_scales: ManifestScale[];
  instruments: ManifestInstrument[];
  files: ManifestFile[];
}

function dateOrder(format: string | undefined): 'ymd' | 'mdy' | 'dmy' | undefined {
  if (!format) return undefined;
  if (/^Y/i.test(format)) return 'ymd';
  if (/^M/i.test(format)) return 'mdy';
  if (/^D/i.test(format)) return 'dmy';
  return undefined;
}

function scaleSpec(s: ManifestScale): ScaleSpec {
  return {
    code: s.code,
    name: s.name,
    min: s.min,
    max: s.max,
    options: s.options.map((o) =>
      'value' in o ? { label: o.label, value: o.value } : { label: o.label, missing: o.missing_reason },
    ),
    missingCodes: [],
    blank: s.blank ?? 'skipped',
  };
}

/** The mapping for one manifest file entry. */
export function mappingFromManifest(manifest: DemoManifest, file: ManifestFile): Mapping {
  const order = dateOrder(file.date_format ?? file.timestamp?.format);
  const base = {
    kind: file.kind,
    settings: order ? { dateOrder: order } : {},
    idNormalisation: manifest.participant_key.id_normalisation,
    ...(file.cohort ? { cohort: file.cohort } : {}),
    ...(file.wave ? { wave: file.wave } : {}),
  };
  if (file.kind !== 'survey') {
    const columns = file.columns ?? {};
    const headerToField = new Map(Object.entries(columns).map(([field, header]) => [header, field]));
    const byField = (m: Record<string, unknown> | undefined) =>
      Object.fromEntries(
        Object.entries(m ?? {}).map(([header, v]) => [headerToField.get(header) ?? header, v]),
      );
    return Mapping.parse({
      ...base,
      fields: columns,
      valueMaps: byField(file.value_maps),
      listSeparators: byField(file.list_separator),
      yearlyAttributes: ['grade', 'school', 'frl'],
      createMissing: false,
    });
  }
  const instrument = manifest.instruments.find((i) => i.code === file.instrument);
  if (!instrument)
    throw new Error(`manifest: ${file.path} names instrument ${file.instrument}, which is not defined`);
  const itemDefs = new Map(instrument.items.map((i) => [i.code, i]));
  const usedScales = new Set(instrument.items.map((i) => i.response_scale));
  const fields: Record<string, string> = {};
  const r = file.respondent;
  if (r?.column) fields.participant_key = r.column;
  if (r?.partner_name_column) fields.partner_name = r.partner_name_column;
  if (r?.contact_email_column) fields.contact_email = r.contact_email_column;
  if (r?.role_column) fields.contact_role_title = r.role_column;
  if (file.response_id_column) fields.response_id = file.response_id_column;
  if (file.timestamp) fields.responded_at = file.timestamp.column;
  const textFor = (def: ManifestItem): string => {
    const versions = (def.versions ?? []).filter((v) => !file.cohort || v.from_cohort <= file.cohort);
    return versions.at(-1)?.text ?? def.text;
  };
  return Mapping.parse({
    ...base,
    fields,
    createMissing: false,
    survey: {
      instrument: {
        code: instrument.code,
        name: instrument.name,
        version: file.instrument_version ?? instrument.version,
        respondentKind: instrument.respondent_kind,
      },
      scales: manifest.response_scales.filter((s) => usedScales.has(s.code)).map(scaleSpec),
      constructs: instrument.constructs.map((c) => ({ code: c.code, name: c.name, minItems: c.min_items })),
      items: (file.items ?? []).map((it) => {
        const def = itemDefs.get(it.item);
        if (!def) throw new Error(`manifest: ${file.path} maps unknown item ${it.item}`);
        return {
          column: it.import_id ?? it.column,
          code: def.code,
          text: textFor(def),
          scale: def.response_scale,
          ...(def.construct ? { construct: def.construct } : {}),
          reverse: def.reverse_coded,
        };
      }),
      attributes: (file.other_columns ?? [])
        .filter((o) => o.role === 'attribute' && o.attribute)
        .map((o) => ({ column: o.import_id, name: o.attribute! })),
    },
  });
}
