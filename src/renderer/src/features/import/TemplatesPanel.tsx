import { useEffect, useState } from 'react';
import type { Output } from '@shared/contract';
import { useApi } from '../../api/use-api';
import { ErrorNote } from '../../components/ErrorNote';
import { PLATFORM_LABELS } from './SettingsStep';

type Templates = Output<'import.templates'>;
type Scales = Output<'project.dimensions'>['scales'];

/**
 * Saved mapping templates (offered by the wizard for files that fit), and the codebook each holds:
 * the instruments, their scales and items.
 */
export function TemplatesPanel({ generation }: { generation: number }) {
  const api = useApi();
  const [templates, setTemplates] = useState<Templates | null>(null);
  const [scales, setScales] = useState<Scales>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.call('import.templates', {}).then(setTemplates, setError);
    api.call('project.dimensions', {}).then((d) => setScales(d.scales), setError);
  }, [api, generation]);
  const instruments = [...new Set(scales.map((s) => s.instrument))];

  return (
    <section className="card" aria-labelledby="templates-heading" data-testid="templates-panel">
      <h2 id="templates-heading">Instruments, codebooks and mapping templates</h2>
      <ErrorNote error={error} />
      {instruments.length > 0 && (
        <ul className="instruments" aria-label="Instruments in the project" data-testid="instruments">
          {instruments.map((ins) => (
            <li key={ins}>
              <strong>{ins}</strong>:{' '}
              {scales
                .filter((s) => s.instrument === ins)
                .map((s) => `${s.label} (${s.items} item${s.items === 1 ? '' : 's'})`)
                .join(', ')}
            </li>
          ))}
        </ul>
      )}
      {templates && templates.length === 0 && (
        <p className="empty">
          No saved mappings yet. After an import, save its mapping: the wizard offers it for the next wave or
          cohort.
        </p>
      )}
      {templates && templates.length > 0 && (
        <ul className="templates">
          {templates.map((t) => (
            <li key={t.name} data-testid="template">
              <details>
                <summary>
                  <strong>{t.name}</strong> · {t.kind}
                  {t.platform ? ` · ${PLATFORM_LABELS[t.platform] ?? t.platform}` : ''} ·{' '}
                  {t.columnKeys.length} columns · saved {t.updatedAt.slice(0, 10)}
                </summary>
                {t.mapping.survey ? (
                  <div className="template-codebook">
                    <p>
                      Instrument <strong>{t.mapping.survey.instrument.name}</strong> (
                      {t.mapping.survey.instrument.code}
                      ), {t.mapping.survey.items.length} items
                      {t.mapping.survey.items.some((i) => i.reverse) &&
                        `, reverse-coded: ${t.mapping.survey.items
                          .filter((i) => i.reverse)
                          .map((i) => i.code)
                          .join(', ')}`}
                      .
                    </p>
                    {t.mapping.survey.scales.map((s) => (
                      <p key={s.code}>
                        <strong>{s.name}</strong>:{' '}
                        {s.options.length
                          ? s.options
                              .map((o) => `${o.label} = ${'value' in o ? o.value : `missing (${o.missing})`}`)
                              .join('; ')
                          : `numbers ${s.min} to ${s.max}`}
                        {s.missingCodes.length > 0 && `; ${s.missingCodes.join(', ')} = missing`}
                      </p>
                    ))}
                  </div>
                ) : (
                  <p>
                    Fields:{' '}
                    {Object.entries(t.mapping.fields)
                      .map(([f, c]) => `${f} ← ${c}`)
                      .join(', ')}
                  </p>
                )}
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
