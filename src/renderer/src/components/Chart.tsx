import { VegaEmbed } from 'react-vega';
import type { TopLevelSpec } from 'vega-lite';

/**
 * Every chart goes through here: vega-embed with `ast: true`, because the strict CSP forbids the
 * eval that vega's default expression compiler needs. `alt` is the chart's text alternative.
 */
export function Chart({ spec, alt, testId }: { spec: TopLevelSpec; alt: string; testId?: string }) {
  return (
    <figure className="chart" role="img" aria-label={alt} data-testid={testId}>
      <VegaEmbed spec={spec} options={{ ast: true, actions: false, renderer: 'svg' }} />
    </figure>
  );
}
