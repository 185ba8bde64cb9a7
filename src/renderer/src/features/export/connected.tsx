import { useCallback, type ReactNode } from 'react';
import type { ChartModel } from '@core/charts/model';
import { ChartActionsProvider } from '../../components/chart-actions';
import { useFilters } from '../filters/filters';
import { ExportMenu } from './ExportMenu';
import { ReportButton } from './ReportDialog';

/** The header's Report button, exporting for the filters the dashboards show. */
export function FilteredReportButton() {
  const { filters } = useFilters();
  return <ReportButton filters={filters} />;
}

/** Every dashboard chart's Export menu, for the filters the page shows. */
export function ExportActions({ children }: { children: ReactNode }) {
  const { filters } = useFilters();
  // One function per filter set: a new one on every render would re-render every chart card.
  const actions = useCallback(
    (m: ChartModel) => <ExportMenu chartId={m.id} chartTitle={m.title} filters={filters} />,
    [filters],
  );
  return <ChartActionsProvider value={actions}>{children}</ChartActionsProvider>;
}
