import type { ReactNode } from 'react';
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
  return (
    <ChartActionsProvider value={(m) => <ExportMenu chartId={m.id} chartTitle={m.title} filters={filters} />}>
      {children}
    </ChartActionsProvider>
  );
}
