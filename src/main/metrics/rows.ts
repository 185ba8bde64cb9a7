import type { z } from 'zod';
import type {
  ContributionRow,
  DosageBandRow,
  DosageRow,
  GoalRow,
  ItemDistributionRow,
  MatchReportRow,
  MetricsResult,
  PartnerHealthRow,
  PrePostRow,
  ReachRow,
  ReliabilityRow,
  RetentionRow,
  ScaleRow,
} from '@shared/metrics';

export type ReachOut = z.infer<typeof ReachRow>;
export type DosageOut = z.infer<typeof DosageRow>;
export type DosageBandOut = z.infer<typeof DosageBandRow>;
export type RetentionOut = z.infer<typeof RetentionRow>;
export type ScaleOut = z.infer<typeof ScaleRow>;
export type ReliabilityOut = z.infer<typeof ReliabilityRow>;
export type ItemOut = z.infer<typeof ItemDistributionRow>;
export type PrePostOut = z.infer<typeof PrePostRow>;
export type PrePostByDosageOut = MetricsResult['prePostByDosage'][number];
export type MatchReportOut = z.infer<typeof MatchReportRow>;
export type PartnerHealthOut = z.infer<typeof PartnerHealthRow>;
export type ContributionOut = z.infer<typeof ContributionRow>;
export type GoalOut = z.infer<typeof GoalRow>;
