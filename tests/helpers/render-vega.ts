import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Compile a vega-lite spec and render it to SVG in plain Node (no canvas needed), collecting every
 * warning from both compilers. Chart tests assert `warnings` is empty and read values from `svg`.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<{ svg: string; warnings: string[] }> {
  const warnings: string[] = [];
  const base = vega.logger(vega.Warn);
  const logger = Object.assign(Object.create(base) as vega.LoggerInterface, {
    warn: (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
  });
  const { spec: vg } = compile(spec, { logger });
  const view = new vega.View(vega.parse(vg), { renderer: 'none', logger });
  const svg = await view.toSVG();
  view.finalize();
  return { svg, warnings };
}
