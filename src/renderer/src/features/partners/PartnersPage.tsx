import { DashboardPage } from '../../components/DashboardPage';

export function PartnersPage() {
  return (
    <DashboardPage
      page="partners"
      title="Partners"
      intro="What each partner contributed, the youth they reached, and how partners rate the partnership year over year. Partner figures describe adults and organisations; youth counts are still suppressed below the threshold."
      wideCharts={['partners-health']}
    />
  );
}
