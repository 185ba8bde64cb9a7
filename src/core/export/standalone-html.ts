import type { TopLevelSpec } from 'vega-lite';
import { captionLines, type FigureCaption } from './caption';
import { withExportFont } from './font';
import type { CsvCell } from './csv';
import { escapeHtml, jsonForScript, scriptText } from './markup';

/**
 * One self-contained HTML file (a dashboard to email or archive): vega, vega-lite and vega-embed
 * inlined, the specs as JSON data, and a Content-Security-Policy that names no remote source and
 * allows only the exact inline scripts (by SHA-256). vega-embed runs with `ast: true`, so the
 * expression interpreter replaces `new Function` and no 'unsafe-eval' is needed.
 */

export interface StandaloneChart {
  spec: TopLevelSpec;
  /** Read by screen readers (aria-label on the figure) and shown if JavaScript is off. */
  alt: string;
  caption?: FigureCaption;
}

export interface StandaloneTable {
  caption?: string;
  columns: string[];
  rows: CsvCell[][];
}

export interface StandaloneSection {
  heading: string;
  /** Text paragraphs under the heading. */
  intro?: string[];
  specs?: StandaloneChart[];
  tables?: StandaloneTable[];
}

export interface StandaloneDocument {
  title: string;
  sections: StandaloneSection[];
  /** Small print at the bottom, e.g. "Made with Trellis 0.1.0 on 2026-05-01". */
  footer?: string;
}

/** The browser bundles' source text, read by the Node side from node_modules. */
export interface VegaBundles {
  vega: string;
  vegaLite: string;
  vegaEmbed: string;
}

export const STANDALONE_EMBED_OPTIONS = {
  ast: true,
  renderer: 'svg',
  // Export buttons only: "open in editor" and "view source" would reach for the network or clutter.
  actions: { export: true, source: false, compiled: false, editor: false },
} as const;

const BOOT = `(function () {
  var charts = JSON.parse(document.getElementById('trellis-charts').textContent);
  var options = JSON.parse(document.getElementById('trellis-embed-options').textContent);
  charts.forEach(function (c) {
    var el = document.getElementById(c.id);
    vegaEmbed(el, c.spec, options).then(function () { el.setAttribute('data-rendered', 'true'); })
      .catch(function (e) { el.setAttribute('data-error', String(e && e.message || e)); el.textContent = 'This chart could not be drawn: ' + (e && e.message || e); });
  });
})();`;

const STYLE = `
  :root { color-scheme: light; }
  body { margin: 0 auto; max-width: 980px; padding: 24px; font-family: Inter, "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; line-height: 1.45; }
  h1 { font-size: 1.6rem; margin: 0 0 1rem; }
  h2 { font-size: 1.25rem; margin: 2rem 0 0.75rem; border-bottom: 1px solid #ddd; padding-bottom: 0.25rem; }
  figure { margin: 1rem 0 1.5rem; }
  figcaption { color: #333; font-size: 0.85rem; margin-top: 0.35rem; }
  figcaption p { margin: 0; }
  .chart { overflow-x: auto; }
  table { border-collapse: collapse; font-size: 0.9rem; margin: 0.5rem 0 1.5rem; }
  caption { text-align: left; font-weight: 600; padding-bottom: 0.35rem; }
  th, td { border-bottom: 1px solid #e3e3e3; padding: 0.3rem 0.7rem; text-align: left; vertical-align: top; }
  th { border-bottom: 2px solid #999; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  footer { margin-top: 3rem; color: #666; font-size: 0.8rem; }
  @media print { .vega-actions, .vega-embed summary { display: none !important; } }
`;

function cellHtml(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '<td></td>';
  if (typeof cell === 'number')
    return `<td class="num">${Number.isFinite(cell) ? escapeHtml(String(cell)) : ''}</td>`;
  return `<td>${escapeHtml(String(cell))}</td>`;
}

function tableHtml(t: StandaloneTable): string {
  const head = `<thead><tr>${t.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>`;
  const body = `<tbody>${t.rows.map((r) => `<tr>${r.map(cellHtml).join('')}</tr>`).join('')}</tbody>`;
  return `<table>${t.caption ? `<caption>${escapeHtml(t.caption)}</caption>` : ''}${head}${body}</table>`;
}

async function sha256Base64(text: string): Promise<string> {
  // Web Crypto: a global in browsers and in Node >= 19, so this stays pure (no node:crypto import).
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  let binary = '';
  for (const b of new Uint8Array(digest)) binary += String.fromCharCode(b);
  return btoa(binary);
}

export async function renderStandaloneHtml(doc: StandaloneDocument, bundles: VegaBundles): Promise<string> {
  // 1. Lay out the document, giving every chart an id.
  const charts: { id: string; spec: TopLevelSpec }[] = [];
  const sections = doc.sections
    .map((s, si) => {
      const figures = (s.specs ?? []).map((c, ci) => {
        const id = `chart-${si + 1}-${ci + 1}`;
        charts.push({ id, spec: withExportFont(c.spec) });
        const lines = captionLines(c.caption);
        return (
          `<figure role="group" aria-label="${escapeHtml(c.alt)}">` +
          `<div class="chart" id="${id}" role="img" aria-label="${escapeHtml(c.alt)}"><noscript>${escapeHtml(c.alt)}</noscript></div>` +
          (lines.length
            ? `<figcaption>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</figcaption>`
            : '') +
          `</figure>`
        );
      });
      const intro = (s.intro ?? []).map((p) => `<p>${escapeHtml(p)}</p>`).join('');
      return `<section><h2>${escapeHtml(s.heading)}</h2>${intro}${figures.join('')}${(s.tables ?? []).map(tableHtml).join('')}</section>`;
    })
    .join('\n');

  // 2. The inline scripts, and the CSP hashes of exactly those.
  const scripts = [bundles.vega, bundles.vegaLite, bundles.vegaEmbed, BOOT].map(scriptText);
  const hashes = await Promise.all(scripts.map(sha256Base64));
  const csp = [
    "default-src 'none'",
    `script-src ${hashes.map((h) => `'sha256-${h}'`).join(' ')}`,
    // vega-embed injects its stylesheet and vega sets style attributes: inline style, nothing remote.
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; '); // no double quotes in it (base64 hashes, quoted keywords), so it sits in the attribute as is

  // 3. Assemble. JSON data blocks are not executed, so they need no hash.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(doc.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(doc.title)}</h1></header>
<main>
${sections}
</main>
${doc.footer ? `<footer>${escapeHtml(doc.footer)}</footer>` : ''}
<script type="application/json" id="trellis-charts">${jsonForScript(charts)}</script>
<script type="application/json" id="trellis-embed-options">${jsonForScript(STANDALONE_EMBED_OPTIONS)}</script>
${scripts.map((s) => `<script>${s}</script>`).join('\n')}
</body>
</html>
`;
}
