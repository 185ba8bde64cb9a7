import { DashboardPage } from '../../components/DashboardPage';

export function OutcomesPage() {
  return (
    <DashboardPage
      page="outcomes"
      title="Youth outcomes"
      intro="Survey scales before and after, for youth matched by ID across waves. Scale scores are means of the answered items after reverse coding; “prefer not to say”, “don’t know” and skipped answers are missing, counted beside, never averaged."
      wideCharts={['outcomes-prepost', 'outcomes-likert']}
    />
  );
}
