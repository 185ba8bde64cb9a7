import type { Mapping, ScaleOptionSpec } from '@shared/import-mapping';
import { MISSING_REASONS } from '@shared/vocab';
import type { Preview } from './ImportWizard';
import { setMissingCodes, setReverse, setScaleOption, stillUnmatched } from './mapping-edit';

export const MISSING_LABELS: Record<(typeof MISSING_REASONS)[number], string> = {
  prefer_not_to_say: 'Missing: prefer not to say',
  dont_know: "Missing: don't know",
  not_applicable: 'Missing: not applicable',
  skipped: 'Missing: skipped',
  missing_code: 'Missing: missing code',
};

/**
 * Each Likert scale's codebook: answer text -> value or typed missing; sampled answers no option
 * codes are flagged (add them, or they become row issues); reverse-coded items confirmed.
 */
export function CodebookStep({
  preview,
  mapping,
  problems,
  onEdit,
  onBack,
  onNext,
}: {
  preview: Preview;
  mapping: Mapping;
  problems: string[];
  onEdit(m: Mapping): void;
  onBack(): void;
  onNext(): void;
}) {
  const survey = mapping.survey;
  if (!survey) return null;
  return (
    <div className="step-body">
      <p className="hint">
        Answers are stored as the values below; missing answers keep their reason and are never averaged.
        Reverse-coded items are stored as answered and reversed when scales are scored.
      </p>
      {survey.scales.map((scale) => {
        const items = survey.items.filter((i) => i.scale === scale.code);
        const sampled = preview.codebooks.find((c) => c.scale === scale.code)?.unmatched ?? [];
        const unmatched = stillUnmatched(scale, sampled);
        const headingId = `scale-${scale.code}`;
        const setOption = (i: number, o: ScaleOptionSpec | null) =>
          onEdit(setScaleOption(mapping, scale.code, i, o));
        return (
          <section
            key={scale.code}
            className="scale"
            aria-labelledby={headingId}
            data-testid="codebook-scale"
          >
            <h4 id={headingId}>
              {scale.name}{' '}
              <span className="hint">
                · {items.length} items · values {scale.min} to {scale.max}
              </span>
            </h4>
            {scale.options.length === 0 ? (
              <p className="hint">
                Numeric answers from {scale.min} to {scale.max}.
              </p>
            ) : (
              <table className="codebook">
                <caption className="visually-hidden">Codebook of {scale.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Answer text</th>
                    <th scope="col">Stored as</th>
                    <th scope="col">
                      <span className="visually-hidden">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {scale.options.map((o, i) => (
                    <tr key={`${o.label}-${i}`}>
                      <th scope="row">{o.label}</th>
                      <td>
                        <select
                          aria-label={`Value of “${o.label}”`}
                          value={'value' in o ? `v:${o.value}` : `m:${o.missing}`}
                          onChange={(e) => setOption(i, optionFrom(o.label, e.target.value))}
                        >
                          {valueChoices(scale.min, scale.max, 'value' in o ? o.value : null).map((v) => (
                            <option key={v} value={`v:${v}`}>
                              {v}
                            </option>
                          ))}
                          {MISSING_REASONS.map((m) => (
                            <option key={m} value={`m:${m}`}>
                              {MISSING_LABELS[m]}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <button
                          type="button"
                          className="link-button"
                          aria-label={`Remove “${o.label}” from ${scale.name}`}
                          onClick={() => setOption(i, null)}
                        >
                          remove
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {unmatched.length > 0 ? (
              <div className="unmatched" data-testid="unmatched-values">
                <p className="warn-text">
                  {unmatched.length === 1
                    ? 'An answer in the file matches no option: code it'
                    : `${unmatched.length} answers in the file match no option: code them`}
                  , or the rows with {unmatched.length === 1 ? 'it' : 'them'} will be listed as issues.
                </p>
                <ul>
                  {unmatched.map((v) => (
                    <li key={v}>
                      “{v}”{' '}
                      <select
                        aria-label={`Code “${v}” as`}
                        defaultValue=""
                        onChange={(e) =>
                          e.target.value && setOption(scale.options.length, optionFrom(v, e.target.value))
                        }
                      >
                        <option value="">Add as…</option>
                        {valueChoices(scale.min, scale.max, null).map((n) => (
                          <option key={n} value={`v:${n}`}>
                            value {n}
                          </option>
                        ))}
                        {MISSING_REASONS.map((m) => (
                          <option key={m} value={`m:${m}`}>
                            {MISSING_LABELS[m]}
                          </option>
                        ))}
                      </select>
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="hint">Every sampled answer matches an option.</p>
            )}
            <label className="inline">
              Numbers that mean missing (e.g. -99, 99):{' '}
              <input
                defaultValue={scale.missingCodes.join(', ')}
                size={10}
                onBlur={(e) => onEdit(setMissingCodes(mapping, scale.code, e.target.value))}
              />
            </label>
            <fieldset className="reverse-items">
              <legend>Reverse-coded items</legend>
              {items.map((i) => (
                <label key={i.code} className="check" data-testid="reverse-item">
                  <input
                    type="checkbox"
                    checked={i.reverse}
                    onChange={(e) => onEdit(setReverse(mapping, i.code, e.target.checked))}
                  />
                  <span>
                    <strong>{i.code}</strong> {shortText(i.text)}
                    {i.reverseSuggested && (
                      <span className="suggested"> suggested: negatively worded, confirm</span>
                    )}
                  </span>
                </label>
              ))}
            </fieldset>
          </section>
        );
      })}
      {problems.length > 0 && (
        <ul className="problems" aria-label="Still to do before importing">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="step-actions">
        <button type="button" onClick={onBack}>
          Back
        </button>
        <button type="button" className="primary" disabled={problems.length > 0} onClick={onNext}>
          Next: check every row
        </button>
      </div>
    </div>
  );
}

function valueChoices(min: number, max: number, current: number | null): number[] {
  const out: number[] = [];
  for (let v = Math.min(min, 0); v <= Math.max(max, 7) && out.length < 20; v++) out.push(v);
  if (current !== null && !out.includes(current)) out.push(current);
  return out.sort((a, b) => a - b);
}

function optionFrom(label: string, choice: string): ScaleOptionSpec {
  if (choice.startsWith('v:')) return { label, value: Number(choice.slice(2)) };
  return { label, missing: choice.slice(2) as (typeof MISSING_REASONS)[number] };
}

/** Matrix questions repeat the stem: show the statement after " - ". */
function shortText(text: string): string {
  const i = text.lastIndexOf(' - ');
  return i > 0 ? text.slice(i + 3) : text;
}
