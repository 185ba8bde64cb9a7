import { useCallback, useState } from 'react';
import { cohortChartId, cohortMetrics } from '@core/charts/cohorts';
import type { ChartModel } from '@core/charts/model';
import { DashboardPage } from '../../components/DashboardPage';

/** Any metric side by side across cohorts: four chosen comparisons at a time. */
export function CohortsPage() {
  const [chosen, setChosen] = useState<string[]>([
    cohortChartId('youth'),
    cohortChartId('hours'),
    cohortChartId('attendance'),
    cohortChartId('change:career_awareness'),
  ]);
  const select = useCallback(
    (models: ChartModel[]) =>
      chosen
        .map((id) => models.find((m) => m.id === id))
        .filter((m, i, all): m is ChartModel => !!m && all.indexOf(m) === i),
    [chosen],
  );
  return (
    <DashboardPage
      page="cohorts"
      title="Cohorts"
      intro="Put any metric side by side across cohorts (school years): choose four. The filters above still apply."
      select={select}
      header={(results) => {
        const m = results['cohort'];
        const options = m ? cohortMetrics(m) : [];
        return (
          <div className="card cohort-pickers">
            {chosen.map((_, i) => (
              <label key={i}>
                {i === 0 ? 'Compare' : i === chosen.length - 1 ? 'and' : ','}{' '}
                <select
                  data-testid={`cohort-metric-${i}`}
                  value={chosen[i]}
                  onChange={(e) => setChosen((c) => c.map((id, j) => (j === i ? e.target.value : id)))}
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
