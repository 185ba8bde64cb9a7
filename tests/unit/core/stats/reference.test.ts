import { describe as group, expect, it } from 'vitest';
import {
  cronbachAlpha,
  describe,
  pairedChange,
  percentAgree,
  scoreScale,
  wilsonInterval,
  type PairedChangeNullableField,
  type StatReason,
} from '../../../../src/core/stats';
import { expectClose } from './expect-close';
import { readMatrix, readNumericCsv, readReference } from './read-fixture';

// Reference values from tests/fixtures/stats/make-reference.py (numpy/scipy). Regenerate after
// changing a dataset; never edit reference.json by hand.

type Num = number | null;
interface DescribeRef {
  file: string;
  column: string;
  n: number;
  nMissing: number;
  mean: Num;
  sd: Num;
  se: Num;
  ciLow: Num;
  ciHigh: Num;
  reason: StatReason | null;
}
interface ScaleRef {
  file: string;
  min: number;
  max: number;
  reverse: boolean[];
  minAnswered: number;
  minAnsweredGiven: boolean;
  scores: Num[];
  nAnswered: number[];
  alpha: Num;
  nComplete: number;
  k: number;
  alphaReason: StatReason | null;
  describeScores: Omit<DescribeRef, 'file' | 'column'>;
}
type PairedRef = { file: string; nMatched: number; nIncomplete: number; wilcoxonNNonZero: number } & Record<
  PairedChangeNullableField,
  Num
> & { reasons: Partial<Record<PairedChangeNullableField, StatReason>> };
interface WilsonRef {
  successes: number;
  n: number;
  confidence: number;
  proportion: number;
  low: number;
  high: number;
}
interface AgreeRef {
  file: string;
  column: string;
  top: number[];
  nValid: number;
  nMissing: number;
  nAgree: number;
  proportion: number;
  low: number;
  high: number;
}
interface Reference {
  describe: DescribeRef[];
  scales: ScaleRef[];
  paired: PairedRef[];
  wilson: WilsonRef[];
  percentAgree: AgreeRef[];
}

const ref = readReference<Reference>();
const DESCRIBE_FIELDS = ['mean', 'sd', 'se', 'ciLow', 'ciHigh'] as const;
const PAIRED_FIELDS = [
  'meanPre',
  'meanPost',
  'sdPre',
  'sdPost',
  'meanDiff',
  'sdDiff',
  'seDiff',
  'ciLow',
  'ciHigh',
  't',
  'df',
  'p',
  'dz',
  'dav',
  'gav',
  'wilcoxonP',
] as const satisfies readonly PairedChangeNullableField[];

group('describe matches numpy/scipy', () => {
  it.each(ref.describe.map((c) => [`${c.file} ${c.column}`, c] as const))('%s', (_, c) => {
    const values = readNumericCsv(c.file).columns[c.column] ?? [];
    const got = describe(values);
    expect(got.n).toBe(c.n);
    expect(got.nMissing).toBe(c.nMissing);
    expect(got.reason).toBe(c.reason);
    for (const f of DESCRIBE_FIELDS) expectClose(got[f], c[f], f);
  });
});

group('scoreScale and cronbachAlpha match numpy', () => {
  it.each(ref.scales.map((c, i) => [`${i}: ${c.file} reverse=${c.reverse.join('/')}`, c] as const))(
    '%s',
    (_, c) => {
      const answers = readMatrix(c.file);
      const scored = scoreScale(answers, {
        min: c.min,
        max: c.max,
        reverse: c.reverse,
        ...(c.minAnsweredGiven ? { minAnswered: c.minAnswered } : {}),
      });
      expect(scored.minAnswered).toBe(c.minAnswered);
      expect(scored.nAnswered).toEqual(c.nAnswered);
      expect(scored.scores).toHaveLength(c.scores.length);
      c.scores.forEach((s, i) => expectClose(scored.scores[i], s, `score ${i}`));

      const alpha = cronbachAlpha(scored.recoded);
      expect(alpha.k).toBe(c.k);
      expect(alpha.nComplete).toBe(c.nComplete);
      expect(alpha.reason).toBe(c.alphaReason);
      expectClose(alpha.alpha, c.alpha, 'alpha');

      const d = describe(scored.scores);
      expect(d.n).toBe(c.describeScores.n);
      expect(d.reason).toBe(c.describeScores.reason);
      for (const f of DESCRIBE_FIELDS) expectClose(d[f], c.describeScores[f], `scores ${f}`);
    },
  );
});

group('pairedChange matches scipy.stats.ttest_rel and wilcoxon', () => {
  it.each(ref.paired.map((c) => [c.file, c] as const))('%s', (_, c) => {
    const { columns } = readNumericCsv(c.file);
    const got = pairedChange(columns['pre'] ?? [], columns['post'] ?? []);
    expect(got.nMatched).toBe(c.nMatched);
    expect(got.nIncomplete).toBe(c.nIncomplete);
    expect(got.wilcoxonNNonZero).toBe(c.wilcoxonNNonZero);
    for (const f of PAIRED_FIELDS) expectClose(got[f], c[f], f);
    expect(got.reasons).toEqual(expect.objectContaining(c.reasons));
    // Every null carries a reason, and nothing is NaN or infinite.
    for (const f of PAIRED_FIELDS) {
      const v = got[f];
      if (v === null) expect(got.reasons[f], `${f} reason`).toBeDefined();
      else expect(Number.isFinite(v), f).toBe(true);
    }
  });
});

group('wilsonInterval matches scipy binomtest(...).proportion_ci(method="wilson")', () => {
  it.each(ref.wilson.map((c) => [`${c.successes}/${c.n} at ${c.confidence}`, c] as const))('%s', (_, c) => {
    const got = wilsonInterval(c.successes, c.n, c.confidence);
    expectClose(got.proportion, c.proportion, 'proportion');
    expectClose(got.low, c.low, 'low');
    expectClose(got.high, c.high, 'high');
  });
});

group('percentAgree matches the reference counts and Wilson interval', () => {
  it.each(ref.percentAgree.map((c) => [`${c.file} ${c.column}`, c] as const))('%s', (_, c) => {
    const values = readNumericCsv(c.file).columns[c.column] ?? [];
    const got = percentAgree(values, c.top);
    expect([got.nValid, got.nMissing, got.nAgree]).toEqual([c.nValid, c.nMissing, c.nAgree]);
    expectClose(got.proportion, c.proportion, 'proportion');
    expectClose(got.percent, c.proportion * 100, 'percent');
    expectClose(got.low, c.low, 'low');
    expectClose(got.high, c.high, 'high');
  });
});
