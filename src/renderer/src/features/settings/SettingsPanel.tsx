import { useEffect, useState, type FormEvent } from 'react';
import type { ProjectSettings } from '@shared/metrics';
import { useApi } from '../../api/use-api';
import { ErrorNote } from '../../components/ErrorNote';
import { clearMetricsCache } from '../../components/use-metrics';

/** Project settings that shape every figure: suppression threshold, dosage bands, scale rules. */
export function SettingsPanel({ onSaved }: { onSaved?: () => void }) {
  const api = useApi();
  const [saved, setSaved] = useState<ProjectSettings | null>(null);
  const [threshold, setThreshold] = useState('');
  const [bands, setBands] = useState('');
  const [regular, setRegular] = useState('');
  const [minShare, setMinShare] = useState('');
  const [effect, setEffect] = useState<ProjectSettings['effectSize']>('g_av');
  const [topBottom, setTopBottom] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const fill = (s: ProjectSettings) => {
    setSaved(s);
    setThreshold(String(s.suppressionThreshold));
    setBands(s.dosageBandsHours.join(', '));
    setRegular(String(s.regularAttendeeDays));
    setMinShare(String(Math.round(s.minItemShare * 100)));
    setEffect(s.effectSize);
    setTopBottom(s.topBottomCoding);
  };
  useEffect(() => {
    api.call('project.settings', {}).then(fill, setError);
  }, [api]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(false);
    const edges = bands
      .split(/[,;\s]+/)
      .filter(Boolean)
      .map(Number);
    if (
      edges.some((x) => !Number.isFinite(x) || x <= 0) ||
      edges.some((x, i) => i > 0 && x <= edges[i - 1]!)
    ) {
      setError(
        new Error(
          'Dosage band edges must be positive numbers of hours in increasing order, e.g. 10, 30, 60.',
        ),
      );
      return;
    }
    try {
      const next = await api.call('project.updateSettings', {
        suppressionThreshold: Number(threshold),
        dosageBandsHours: edges,
        regularAttendeeDays: Number(regular),
        minItemShare: Number(minShare) / 100,
        effectSize: effect,
        topBottomCoding: topBottom,
      });
      fill(next);
      clearMetricsCache();
      setDone(true);
      onSaved?.();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="card settings" aria-labelledby="settings-heading" data-testid="settings-panel">
      <h2 id="settings-heading">Project settings</h2>
      <p className="intro">These rules apply to every dashboard, export and report of this project.</p>
      {saved && (
        <form onSubmit={(e) => void save(e)} className="settings-form">
          <label>
            Suppression threshold (youth)
            <input
              type="number"
              min={5}
              step={1}
              value={threshold}
              data-testid="setting-threshold"
              onChange={(e) => setThreshold(e.target.value)}
            />
            <span className="hint">Figures about fewer youth are hidden; never below 5.</span>
          </label>
          <label>
            Dosage band edges (hours)
            <input
              type="text"
              value={bands}
              data-testid="setting-bands"
              onChange={(e) => setBands(e.target.value)}
            />
            <span className="hint">e.g. 10, 30, 60 gives under 10 h, 10–30 h, 30–60 h and 60 h or more.</span>
          </label>
          <label>
            Regular attendee: days attended
            <input
              type="number"
              min={1}
              step={1}
              value={regular}
              onChange={(e) => setRegular(e.target.value)}
            />
          </label>
          <label>
            Minimum share of a scale’s items answered (%)
            <input
              type="number"
              min={0}
              max={100}
              step={5}
              value={minShare}
              onChange={(e) => setMinShare(e.target.value)}
            />
          </label>
          <label>
            Headline effect size
            <select
              value={effect}
              onChange={(e) => setEffect(e.target.value as ProjectSettings['effectSize'])}
            >
              <option value="g_av">Hedges’ g_av (mean of the two SDs, small-sample corrected)</option>
              <option value="d_av">Cohen’s d_av (mean of the two SDs)</option>
              <option value="d_z">Cohen’s d_z (SD of the differences)</option>
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={topBottom} onChange={(e) => setTopBottom(e.target.checked)} />
            Top/bottom-code percentages (show “&gt; 95%” and “&lt; 5%”)
          </label>
          <div>
            <button type="submit" className="primary">
              Save settings
            </button>
          </div>
        </form>
      )}
      <ErrorNote error={error} />
      {done && (
        <p className="ok" role="status">
          Settings saved. The dashboards recompute with them.
        </p>
      )}
    </section>
  );
}
