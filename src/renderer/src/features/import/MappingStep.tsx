import { useEffect, useState } from 'react';
import type { ImportKind, Mapping } from '@shared/import-mapping';
import { SOURCE_FILE_KINDS, WAVES, type Wave } from '@shared/vocab';
import { useApi } from '../../api/use-api';
import type { Preview, PreviewRequest } from './ImportWizard';
import {
  assignColumn,
  assignmentOf,
  otherFieldsFor,
  ROLE_LABELS,
  rolesFor,
  setItemScale,
  type Role,
} from './mapping-edit';

export const KIND_LABELS: Record<ImportKind, string> = {
  roster: 'Roster (youth and their programs)',
  partners: 'Partners',
  commitments: 'Partner commitments',
  mentors: 'Mentors',
  sessions: 'Sessions',
  attendance: 'Attendance',
  contributions: 'Partner contributions',
  goals: 'Goals',
  survey: 'Survey responses',
};
export const WAVE_LABELS: Record<Wave, string> = {
  pre: 'Pre (before the program)',
  post: 'Post (after the program)',
  retrospective_pre: 'Retrospective pre',
  follow_up: 'Follow-up',
  annual: 'Annual',
};

/** The role of every column, the kind of file, cohort and wave, and the templates that fit. */
export function MappingStep({
  preview,
  mapping,
  request,
  problems,
  busy,
  onEdit,
  onRepreview,
  onBack,
  onNext,
}: {
  preview: Preview;
  mapping: Mapping;
  request: PreviewRequest;
  problems: string[];
  busy: boolean;
  onEdit(m: Mapping): void;
  onRepreview(req: PreviewRequest): void;
  onBack(): void;
  onNext(): void;
}) {
  const api = useApi();
  const [cohorts, setCohorts] = useState<string[]>([]);
  useEffect(() => {
    api.call('project.dimensions', {}).then(
      (d) => setCohorts(d.cohorts.map((c) => c.code)),
      () => setCohorts([]),
    );
  }, [api]);

  const roles = rolesFor(mapping.kind);
  const fields = otherFieldsFor(mapping.kind);
  const scales = mapping.survey?.scales ?? [];
  const fitting = preview.templates.filter((t) => t.fits);
  const others = preview.templates.filter((t) => !t.fits);

  return (
    <div className="step-body">
      <div className="settings-form">
        <label>
          This file holds
          <select
            value={mapping.kind}
            disabled={busy}
            onChange={(e) =>
              onRepreview({ ...request, kind: e.target.value as ImportKind, template: undefined })
            }
            data-testid="mapping-kind"
          >
            {SOURCE_FILE_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Start from a saved mapping
          <select
            value={preview.templateUsed ?? ''}
            disabled={busy || preview.templates.length === 0}
            onChange={(e) =>
              // the template brings its columns and codebook; this file's cohort and wave stay
              onRepreview({
                ...request,
                template: e.target.value || undefined,
                cohort: mapping.cohort,
                wave: mapping.wave,
              })
            }
            data-testid="mapping-template"
          >
            <option value="">
              {preview.templates.length ? 'The proposal for this file' : 'No saved mappings yet'}
            </option>
            {fitting.length > 0 && (
              <optgroup label="Fit this file">
                {fitting.map((t) => (
                  <option key={t.name} value={t.name}>
                    {t.name} ({t.kind})
                  </option>
                ))}
              </optgroup>
            )}
            {others.length > 0 && (
              <optgroup label="Other files">
                {others.map((t) => (
                  <option key={t.name} value={t.name}>
                    {t.name} ({t.kind})
                  </option>
                ))}
              </optgroup>
            )}
          </select>
          {fitting.length > 0 && !preview.templateUsed && (
            <span className="hint" data-testid="template-offer">
              {fitting.length === 1
                ? `The saved mapping “${fitting[0]!.name}” fits this file.`
                : `${fitting.length} saved mappings fit this file.`}
            </span>
          )}
        </label>
        {mapping.kind !== 'partners' && mapping.kind !== 'mentors' && (
          <label>
            Cohort (school year)
            <input
              list="wizard-cohorts"
              value={mapping.cohort ?? ''}
              placeholder="2024-25"
              disabled={mapping.fields.cohort !== undefined}
              onChange={(e) => onEdit(withOptional(mapping, 'cohort', e.target.value.trim()))}
              data-testid="mapping-cohort"
            />
            <datalist id="wizard-cohorts">
              {cohorts.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
            <span className="hint">
              {mapping.fields.cohort !== undefined ? 'from a column' : 'for every row of the file'}
            </span>
          </label>
        )}
        {mapping.kind === 'survey' && (
          <label>
            Wave
            <select
              value={mapping.wave ?? ''}
              disabled={mapping.fields.wave !== undefined}
              onChange={(e) => onEdit(withOptional(mapping, 'wave', e.target.value))}
              data-testid="mapping-wave"
            >
              <option value="">Choose…</option>
              {WAVES.map((w) => (
                <option key={w} value={w}>
                  {WAVE_LABELS[w]}
                </option>
              ))}
            </select>
          </label>
        )}
        {mapping.kind === 'survey' && mapping.survey && (
          <label>
            Instrument
            <input
              value={mapping.survey.instrument.name}
              onChange={(e) =>
                onEdit({
                  ...mapping,
                  survey: {
                    ...mapping.survey!,
                    instrument: { ...mapping.survey!.instrument, name: e.target.value },
                  },
                })
              }
              data-testid="mapping-instrument"
            />
            <span className="hint">code {mapping.survey.instrument.code}: pre and post must share it</span>
          </label>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={mapping.createMissing}
            onChange={(e) => onEdit({ ...mapping, createMissing: e.target.checked })}
          />
          Add programs, sites, cohorts and participants the project does not hold yet
        </label>
      </div>

      <div className="table-scroll mapping-table">
        <table data-testid="mapping-table">
          <caption className="visually-hidden">What each column of the file becomes</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Column</th>
              <th scope="col">Sample values</th>
              <th scope="col">Becomes</th>
              <th scope="col">Name or field</th>
              <th scope="col">Scale</th>
            </tr>
          </thead>
          <tbody>
            {preview.columns.map((c) => {
              const a = assignmentOf(mapping, c);
              const id = `col-${c.index}`;
              const item =
                a.role === 'item' ? mapping.survey?.items.find((i) => i.code === a.target) : undefined;
              return (
                <tr key={c.key} data-column={c.key} className={a.role === 'ignore' ? 'ignored' : undefined}>
                  <td>{c.index + 1}</td>
                  <th scope="row" id={id} title={c.question || c.label} className="col-name">
                    {c.label}
                    {c.question && c.question !== c.label && <span className="hint block">{c.question}</span>}
                  </th>
                  <td className="samples" title={c.distinctValues.join(' | ')}>
                    {c.distinctValues.slice(0, 4).join(' · ') || <span className="hint">empty</span>}
                    {c.distinctCount > 4 && <span className="hint"> (+{c.distinctCount - 4})</span>}
                  </td>
                  <td>
                    <select
                      aria-label={`Role of column ${c.label}`}
                      value={roles.includes(a.role) ? a.role : 'field'}
                      onChange={(e) => onEdit(assignColumn(mapping, c, e.target.value as Role))}
                      data-testid="column-role"
                    >
                      {roles.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {a.role === 'field' && (
                      <select
                        aria-label={`Field for column ${c.label}`}
                        value={a.target ?? ''}
                        onChange={(e) => onEdit(assignColumn(mapping, c, 'field', e.target.value))}
                      >
                        {fields.map((f) => (
                          <option key={f.name} value={f.name}>
                            {f.description}
                          </option>
                        ))}
                      </select>
                    )}
                    {(a.role === 'item' || a.role === 'attribute') && (
                      <input
                        aria-label={`${a.role === 'item' ? 'Item code' : 'Attribute name'} for column ${c.label}`}
                        defaultValue={a.target ?? ''}
                        key={`${a.role}-${a.target}`}
                        size={12}
                        onBlur={(e) => {
                          const v = e.target.value.trim();
                          if (v && v !== a.target) onEdit(assignColumn(mapping, c, a.role, v));
                        }}
                      />
                    )}
                  </td>
                  <td>
                    {item && (
                      <select
                        aria-label={`Scale of item ${item.code}`}
                        value={item.scale}
                        onChange={(e) => onEdit(setItemScale(mapping, item.code, e.target.value))}
                      >
                        {scales.map((s) => (
                          <option key={s.code} value={s.code}>
                            {s.name}
                          </option>
                        ))}
                      </select>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <MappingSummary mapping={mapping} />
      {problems.length > 0 && (
        <ul className="problems" aria-label="Still to do before importing" data-testid="mapping-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="step-actions">
        <button type="button" onClick={onBack}>
          Back
        </button>
        <button type="button" className="primary" disabled={busy || problems.length > 0} onClick={onNext}>
          {mapping.kind === 'survey' ? 'Next: codebook' : 'Next: check every row'}
        </button>
      </div>
    </div>
  );
}

function withOptional<K extends 'cohort' | 'wave'>(mapping: Mapping, key: K, value: string): Mapping {
  const next = { ...mapping };
  if (value) (next as Record<string, unknown>)[key] = value;
  else delete next[key];
  return next;
}

function MappingSummary({ mapping }: { mapping: Mapping }) {
  const f = mapping.fields;
  const items = mapping.survey?.items.length ?? 0;
  const attrs =
    (mapping.survey?.attributes.length ?? 0) +
    Object.keys(f).filter((k) => k.startsWith('attribute:')).length;
  return (
    <p data-testid="mapping-summary">
      {f.participant_key ? (
        <>
          Participant ID from <strong>{f.participant_key}</strong>
        </>
      ) : (
        'No participant ID column'
      )}
      {mapping.kind === 'survey' && (
        <>
          {' '}
          · <strong>{items}</strong> survey items · {attrs} attributes
        </>
      )}
      {mapping.kind !== 'survey' && <> · {Object.keys(f).length} columns used</>}
      {mapping.cohort && <> · cohort {mapping.cohort}</>}
      {mapping.wave && <> · wave {mapping.wave}</>}
    </p>
  );
}
