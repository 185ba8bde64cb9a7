import { VegaEmbed } from 'react-vega';
import type { Result } from 'vega-embed';
import type { TopLevelSpec } from 'vega-lite';

// One options object for every chart: vega-embed with `ast: true`, because the strict CSP forbids the
// eval that vega's default expression compiler needs.
const OPTIONS = { ast: true, actions: false, renderer: 'svg' } as const;

/**
 * Every chart goes through here. `alt` is the chart's text alternative; `onEmbed` fires when vega
 * has drawn the figure, with its view.
 */
export function Chart({
  spec,
  alt,
  testId,
  onEmbed,
}: {
  spec: TopLevelSpec;
  alt: string;
  testId?: string;
  onEmbed?: (result: Result) => void;
}) {
  return (
    <figure className="chart" role="img" aria-label={alt} data-testid={testId}>
      <VegaEmbed spec={spec} options={OPTIONS} onEmbed={onEmbed} />
    </figure>
  );
}
