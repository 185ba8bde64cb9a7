import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { VegaBundles } from '@core/export/standalone-html';
import { TrellisError } from '@shared/errors';

/**
 * The browser builds of vega, vega-lite and vega-embed, as shipped in their npm packages. Their
 * `exports` maps do not expose build/*.min.js, so each package's entry point is resolved and the
 * bundle read from beside it (every one of the three keeps its entry in build/).
 */
const BUNDLES = {
  vega: ['vega', 'vega.min.js'],
  vegaLite: ['vega-lite', 'vega-lite.min.js'],
  vegaEmbed: ['vega-embed', 'vega-embed.min.js'],
} as const satisfies Record<keyof VegaBundles, readonly [string, string]>;

let cached: VegaBundles | undefined;

export function readVegaBundles(): VegaBundles {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const read = ([pkg, file]: readonly [string, string]) => {
    try {
      return readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8');
    } catch (e) {
      throw new TrellisError(
        'not_available',
        `the ${pkg} browser bundle (${file}) is missing: ${(e as Error).message}`,
      );
    }
  };
  cached = { vega: read(BUNDLES.vega), vegaLite: read(BUNDLES.vegaLite), vegaEmbed: read(BUNDLES.vegaEmbed) };
  return cached;
}
