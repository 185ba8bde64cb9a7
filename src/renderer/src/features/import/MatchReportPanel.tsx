import { useCallback, useEffect, useState } from 'react';
import type { Output } from '@shared/contract';
import { useApi } from '../../api/use-api';
import { ErrorNote } from '../../components/ErrorNote';

type Matches = Output<'import.matchReport'>;
const fmt = new Intl.NumberFormat('en-US');

/**
 * Pre/post matching by participant ID, per instrument and cohort: matched, only-pre, only-post,
 * duplicates, and near-misses the user may confirm as one person (import.confirmMatch).
 */
export function MatchReportPanel({ generation, onChanged }: { generation: number; onChanged(): void }) {
  const api = useApi();
  const [matches, setMatches] = useState<Matches | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(() => {
    api.call('import.matchReport', {}).then(setMatches, setError);
  }, [api]);
  useEffect(load, [load, generation]);

  async function confirm(m: Matches[number], preKey: string, postKey: string) {
    setError(null);
    try {
      const r = await api.call('import.confirmMatch', {
        instrument: m.instrument,
        cohort: m.cohort,
        preKey,
        postKey,
        postWave: m.postWave,
      });
      setMessage(`${postKey} is now matched with ${preKey} (${r.movedResponses} answers moved).`);
      load();
      onChanged();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="card" aria-labelledby="match-heading" data-testid="match-report">
      <h2 id="match-heading">Pre/post match report</h2>
      <ErrorNote error={error} />
      {message && (
        <p className="ok" role="status">
          {message}
        </p>
      )}
      {matches && matches.length === 0 && (
        <p className="empty">Import a survey's pre and post waves to see who answered both.</p>
      )}
      {matches?.map((m) => (
        <div
          key={`${m.instrument}|${m.cohort}|${m.preWave}|${m.postWave}`}
          className="match"
          data-testid="match-group"
          data-instrument={m.instrument}
          data-cohort={m.cohort}
        >
          <h3>
            {m.instrument} · cohort {m.cohort} · {m.preWave} → {m.postWave}
          </h3>
          <dl className="report-counts">
            <div data-testid="match-matched">
              <dt>Matched</dt>
              <dd>{fmt.format(m.matched)}</dd>
            </div>
            <div data-testid="match-only-pre">
              <dt>Only {m.preWave}</dt>
              <dd>{fmt.format(m.onlyPre.length)}</dd>
            </div>
            <div data-testid="match-only-post">
              <dt>Only {m.postWave}</dt>
              <dd>{fmt.format(m.onlyPost.length)}</dd>
            </div>
            <div data-testid="match-duplicates">
              <dt>Duplicates</dt>
              <dd>{fmt.format(m.duplicatesPre.length + m.duplicatesPost.length)}</dd>
            </div>
            <div data-testid="match-near-misses">
              <dt>Near-misses</dt>
              <dd>{fmt.format(m.nearMisses.length)}</dd>
            </div>
          </dl>
          <p className="hint">
            {fmt.format(m.preCount)} answered {m.preWave}, {fmt.format(m.postCount)} answered {m.postWave}.
            Matched by participant ID, never by row order.
          </p>
          {m.nearMisses.length > 0 && (
            <>
              <p className="hint near-miss-note">
                IDs one edit apart, one only in {m.preWave} and one only in {m.postWave}: the same person? IDs
                that differ only by a left-off letter prefix (&ldquo;0042&rdquo; for &ldquo;Y0042&rdquo;) come
                first; one changed character is often another person in a numbered series. Check before
                confirming; the {m.postWave} answers then count for the {m.preWave} ID.
              </p>
              <div className="near-misses-scroll">
                <table className="near-misses" data-testid="near-misses">
                  <caption className="visually-hidden">Near-misses: IDs one edit apart</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m.preWave} ID</th>
                      <th scope="col">{m.postWave} ID</th>
                      <th scope="col">How they differ</th>
                      <th scope="col">
                        <span className="visually-hidden">Confirm</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.nearMisses.map((n) => (
                      <tr key={`${n.preKey}|${n.postKey}`}>
                        <td>{n.preKey}</td>
                        <td>{n.postKey}</td>
                        <td data-testid="near-miss-reason" className={`near-miss-${n.reason}`}>
                          {NEAR_MISS_REASON[n.reason]}
                        </td>
                        <td>
                          <button
                            type="button"
                            onClick={() => void confirm(m, n.preKey, n.postKey)}
                            aria-label={`${n.preKey} and ${n.postKey} are the same person`}
                          >
                            Same person
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          <IdList label={`Only ${m.preWave}`} ids={m.onlyPre} />
          <IdList label={`Only ${m.postWave}`} ids={m.onlyPost} />
          <IdList label="Answered a wave twice" ids={[...m.duplicatesPre, ...m.duplicatesPost]} />
        </div>
      ))}
    </section>
  );
}

const NEAR_MISS_REASON = {
  prefix: 'Prefix left off: likely the same person',
  one_character: 'One character differs: check first',
} as const;

function IdList({ label, ids }: { label: string; ids: string[] }) {
  if (!ids.length) return null;
  return (
    <details className="id-list">
      <summary>
        {label}: {ids.length} participant{ids.length === 1 ? '' : 's'}
      </summary>
      <p>{ids.join(', ')}</p>
    </details>
  );
}
