import { TEXT_ENCODINGS, type ReadOverrides } from '@shared/import-mapping';
import { sizeText } from '../export/deliver';
import { findAmbiguousDate } from './date-order';
import type { Preview, PreviewRequest } from './ImportWizard';

export const PLATFORM_LABELS: Record<string, string> = {
  qualtrics: 'Qualtrics',
  qualtrics_legacy: 'Qualtrics (legacy V1… format)',
  surveymonkey: 'SurveyMonkey',
  google_forms: 'Google Forms',
  redcap: 'REDCap',
  plain: 'Plain CSV',
};
const ENCODINGS = TEXT_ENCODINGS;
const DELIMITERS: Record<string, string> = {
  ',': 'Comma (,)',
  ';': 'Semicolon (;)',
  '\t': 'Tab',
  '|': 'Pipe (|)',
};
const DATE_ORDERS: Record<string, string> = {
  ymd: 'Year-month-day (2024-09-03)',
  mdy: 'Month/day/year (9/3/2024)',
  dmy: 'Day.month.year (3.9.2024)',
};

type Key = keyof ReadOverrides;

/** Detected read settings, each overridable (the file is previewed again), and the first rows. */
export function SettingsStep({
  preview,
  request,
  busy,
  onChange,
  onNext,
}: {
  preview: Preview;
  request: PreviewRequest;
  busy: boolean;
  onChange(req: PreviewRequest): void;
  onNext(): void;
}) {
  const s = preview.settings;
  const d = preview.detected;
  // reverse-coding suggestions are shown with the codebook
  const notes = preview.issues.filter(
    (i, n, all) =>
      i.code !== 'reverse_suggested' &&
      all.findIndex((o) => o.code === i.code && o.message === i.message) === n,
  );
  const set = (key: Key, value: ReadOverrides[Key] | undefined) => {
    const settings: Record<string, unknown> = { ...request.settings };
    if (value === undefined) delete settings[key];
    else settings[key] = value;
    onChange({ ...request, settings: settings as ReadOverrides });
  };
  // Dates stored the wrong way round would be silently wrong: the order must be answered first.
  const mustAskDateOrder = preview.dateOrderAmbiguous && !request.settings.dateOrder;
  const example = mustAskDateOrder
    ? findAmbiguousDate(
        preview.columns.map((c) => c.label),
        preview.rows,
      )
    : null;
  const reading = { mdy: example?.monthFirst, dmy: example?.dayFirst } as const;
  const detectedNote = (key: keyof typeof d, shown: string | undefined) =>
    request.settings[key as Key] !== undefined ? (
      <span className="hint">
        detected: {shown ?? String(d[key])} ·{' '}
        <button type="button" className="link-button" onClick={() => set(key as Key, undefined)}>
          use detected
        </button>
      </span>
    ) : (
      <span className="hint">detected</span>
    );

  return (
    <div className="step-body">
      {preview.alreadyImported && (
        <p className="warning" role="note">
          This file was already imported on {preview.alreadyImported.importedAt.slice(0, 10)} (as{' '}
          {preview.alreadyImported.fileName}): importing it again adds nothing.
        </p>
      )}
      <p data-testid="detected-summary">
        <strong>{PLATFORM_LABELS[s.platform] ?? s.platform}</strong> file, {s.encoding.toUpperCase()},{' '}
        {DELIMITERS[s.delimiter]?.toLowerCase() ?? s.delimiter} separated, {s.headerRowCount} header row
        {s.headerRowCount === 1 ? '' : 's'}
        {s.preambleRowCount ? `, ${s.preambleRowCount} preamble rows` : ''} · {sizeText(preview.size)} ·{' '}
        {preview.columns.length} columns.
      </p>
      {mustAskDateOrder && (
        <fieldset className="ask" data-testid="date-order-question" id="date-order-question">
          <legend>
            {example
              ? `In column “${example.column}”, ${example.value} could be ${example.monthFirst} or ${example.dayFirst}: which order does this file use?`
              : 'Dates like 03/04/2024 could be March 4 or 3 April: which order does this file use?'}
          </legend>
          {(['mdy', 'dmy'] as const).map((o) => (
            <label key={o} className="check">
              <input
                type="radio"
                name="date-order-ask"
                disabled={busy}
                onChange={() => set('dateOrder', o)}
              />{' '}
              {DATE_ORDERS[o]}
              {example && ` — ${example.value} is ${reading[o]}`}
            </label>
          ))}
        </fieldset>
      )}
      <div className="settings-form">
        <label>
          Survey platform
          <select
            value={s.platform}
            disabled={busy}
            onChange={(e) => set('platform', e.target.value as ReadOverrides['platform'])}
            data-testid="setting-platform"
          >
            {Object.entries(PLATFORM_LABELS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
          {detectedNote('platform', PLATFORM_LABELS[d.platform])}
        </label>
        <label>
          Text encoding
          <select
            value={s.encoding}
            disabled={busy}
            onChange={(e) => set('encoding', e.target.value as ReadOverrides['encoding'])}
            data-testid="setting-encoding"
          >
            {[...new Set([s.encoding, ...ENCODINGS])].map((v) => (
              <option key={v} value={v}>
                {v.toUpperCase()}
              </option>
            ))}
          </select>
          {detectedNote('encoding', d.encoding.toUpperCase())}
        </label>
        <label>
          Column separator
          <select
            value={s.delimiter}
            disabled={busy}
            onChange={(e) => set('delimiter', e.target.value as ReadOverrides['delimiter'])}
          >
            {Object.entries(DELIMITERS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
          {detectedNote('delimiter', DELIMITERS[d.delimiter])}
        </label>
        <label>
          Rows before the header (preamble)
          <input
            type="number"
            min={0}
            max={50}
            value={s.preambleRowCount}
            disabled={busy}
            onChange={(e) => e.target.value !== '' && set('preambleRowCount', Number(e.target.value))}
          />
          {detectedNote('preambleRowCount', undefined)}
        </label>
        <label>
          Header rows
          <input
            type="number"
            min={0}
            max={5}
            value={s.headerRowCount}
            disabled={busy}
            onChange={(e) => e.target.value !== '' && set('headerRowCount', Number(e.target.value))}
          />
          {detectedNote('headerRowCount', undefined)}
        </label>
        <label>
          Decimal separator
          <select
            value={s.decimalSeparator}
            disabled={busy}
            onChange={(e) => set('decimalSeparator', e.target.value as ReadOverrides['decimalSeparator'])}
          >
            <option value=".">Point (3.5)</option>
            <option value=",">Comma (3,5)</option>
          </select>
          {detectedNote('decimalSeparator', undefined)}
        </label>
        <label>
          Date order
          <select
            value={s.dateOrder ?? ''}
            disabled={busy}
            onChange={(e) =>
              set('dateOrder', (e.target.value || undefined) as ReadOverrides['dateOrder'] | undefined)
            }
            data-testid="setting-date-order"
          >
            {!s.dateOrder && <option value="">No dates found</option>}
            {Object.entries(DATE_ORDERS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
          {preview.dateOrderAmbiguous && !request.settings.dateOrder ? (
            <span className="hint warn-text">ambiguous: please choose</span>
          ) : (
            detectedNote('dateOrder', d.dateOrder ? DATE_ORDERS[d.dateOrder] : 'none')
          )}
        </label>
        {(s.platform === 'qualtrics' || s.platform === 'qualtrics_legacy') && (
          <label className="check">
            <input
              type="checkbox"
              checked={s.dropDefaultRows}
              disabled={busy}
              onChange={(e) => set('dropDefaultRows', e.target.checked)}
            />
            Leave out survey previews, tests and spam
          </label>
        )}
      </div>

      {notes.length > 0 && (
        <ul className="read-notes" aria-label="Notes from reading the file" data-testid="read-notes">
          {notes.map((i, n) => (
            <li key={n} className={`sev-${i.severity}`}>
              {i.message}
            </li>
          ))}
        </ul>
      )}
      <h4>First rows</h4>
      <div className="table-scroll" data-testid="first-rows">
        <table>
          <caption className="visually-hidden">The first rows of {preview.fileName} as read</caption>
          <thead>
            {preview.headerRows.map((hr, i) => (
              <tr key={i}>
                {preview.columns.map((c, j) => (
                  <th key={j} scope="col" title={hr[j] ?? ''}>
                    {hr[j] ?? ''}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {preview.rows.slice(0, 8).map((r, i) => (
              <tr key={i}>
                {preview.columns.map((_, j) => (
                  <td key={j} title={r[j] ?? ''}>
                    {r[j] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.droppedRows.length > 0 && (
        <p className="hint" data-testid="dropped-rows">
          Left out by the platform's defaults:{' '}
          {preview.droppedRows.map((r) => `row ${r.row} (${r.reason}: ${r.value})`).join('; ')}.
        </p>
      )}
      <div className="step-actions">
        {mustAskDateOrder && (
          <p className="warn-text" id="date-order-blocks" data-testid="date-order-blocks">
            Choose the date order above first: month/day/year or day/month/year. Read the wrong way, every
            date with a day of 12 or under would be stored as another date.
          </p>
        )}
        <button
          type="button"
          className="primary"
          disabled={busy || mustAskDateOrder}
          aria-describedby={mustAskDateOrder ? 'date-order-blocks' : undefined}
          onClick={onNext}
        >
          Next: columns
        </button>
      </div>
    </div>
  );
}
