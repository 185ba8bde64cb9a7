import { useCallback, useState } from 'react';
import { cohortChartId, cohortMetrics } from '@core/charts/cohorts';
import type { ChartModel } from '@core/charts/model';
import { DashboardPage } from '../../components/DashboardPage';

/** Any metric side by side across cohorts: two chosen comparisons at a time. */
export function CohortsPage() {
  const [chosen, setChosen] = useState<[string, string]>([cohortChartId('youth'), cohortChartId('hours')]);
  const select = useCallback(
    (models: ChartModel[]) =>
      chosen.map((id) => models.find((m) => m.id === id)).filter((m): m is ChartModel => !!m),
    [chosen],
  );
  return (
    <DashboardPage
      page="cohorts"
      title="Cohorts"
      intro="Put any two metrics side by side across cohorts (school years). The filters above still apply."
      select={select}
      header={(results) => {
        const m = results['cohort'];
        const options = m ? cohortMetrics(m) : [];
        return (
          <div className="card cohort-pickers">
            {[0, 1].map((i) => (
              <label key={i}>
                {i === 0 ? 'Compare' : 'and'}{' '}
                <select
                  data-testid={`cohort-metric-${i}`}
                  value={chosen[i]}
                  onChange={(e) =>
                    setChosen((c) => (i === 0 ? [e.target.value, c[1]] : [c[0], e.target.value]))
                  }
                >
                  {options.map((o) => (
                    <option key={o.key} value={cohortChartId(o.key)}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
        );
      }}
    />
  );
}
