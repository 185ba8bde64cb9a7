import { DashboardPage } from '../../components/DashboardPage';

export function ReachPage() {
  return (
    <DashboardPage
      page="reach"
      wideCharts={['reach-dosage-bands', 'reach-retention']}
      title="Reach and dosage"
      intro="Who took part, in which program and year, how many hours they attended, and how many stayed. Contact hours are minutes attended ÷ 60."
    />
  );
}
