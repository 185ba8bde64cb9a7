import { renderStandaloneHtml, type StandaloneDocument } from '@core/export/standalone-html';
import { readVegaBundles } from './vega-bundles';

/** One self-contained HTML file (about 850 KB of inlined vega before any data); see standalone-html.ts. */
export function buildStandaloneHtml(doc: StandaloneDocument): Promise<string> {
  return renderStandaloneHtml(doc, readVegaBundles());
}
