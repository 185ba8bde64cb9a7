/**
 * The standardised mean differences for paired data. Tools disagree on which one "Cohen's d" means
 * (effectsize #372, jamovi #1002), so every result says which one it reports.
 */
export const EFFECT_SIZE_NAMES = ['d_z', 'd_av', 'g_av'] as const;
export type EffectSizeName = (typeof EFFECT_SIZE_NAMES)[number];
export const isEffectSizeName = (v: unknown): v is EffectSizeName =>
  typeof v === 'string' && (EFFECT_SIZE_NAMES as readonly string[]).includes(v);

export const EFFECT_SIZE_LABELS = {
  d_z: "Cohen's d_z (mean change / SD of the changes)",
  d_av: "Cohen's d_av (mean change / average of the pre and post SDs)",
  g_av: "Hedges' g_av (d_av with the small-sample correction 1 - 3 / (4(n - 1) - 1))",
} as const satisfies Record<EffectSizeName, string>;
