import { captionLines } from '../export/caption';
import { escapeHtml } from '../export/markup';
import { displayTable } from './display-table';
import type { MetricTable } from './metric-tables';
import type { MethodsBlock } from './methods';
import type { FigureEntry, ReportOutline } from './outline';
import { reportColumnPx, type ReportPageSize } from './page';

/**
 * The report as one static HTML document: no scripts at all, figures as inline SVG (text stays
 * text, so the PDF printed from it is searchable and "Cañon City Library" survives), a CSP that
 * allows nothing to load. The same markup is printed to PDF (media print) and saved as the HTML
 * report (media screen: a centred column).
 */

export interface RenderReportOptions {
  /** SVG markup of each figure, by chart id (rendered without its caption: the caption is HTML here). */
  figures: ReadonlyMap<string, string>;
  pageSize?: ReportPageSize;
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

const STYLE = (pageSize: ReportPageSize) => `
  @page { size: ${pageSize}; }
  :root { color-scheme: light; }
  html { font-family: Inter, "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; font-size: 10.5pt; line-height: 1.45; }
  body { margin: 0; }
  @media screen { body { max-width: ${reportColumnPx(pageSize)}px; margin: 0 auto; padding: 0.5in 0.4in 1in; } }
  h1 { font-size: 24pt; line-height: 1.15; margin: 0 0 8pt; font-weight: 700; }
  h2 { font-size: 15pt; margin: 0 0 10pt; padding-bottom: 4pt; border-bottom: 1.5pt solid #0072B2; font-weight: 650; break-after: avoid; }
  h2 .qnum { display: block; font-size: 9.5pt; text-transform: uppercase; letter-spacing: 0.06em; color: #0072B2; font-weight: 700; margin-bottom: 2pt; }
  h3 { font-size: 11.5pt; margin: 14pt 0 4pt; break-after: avoid; }
  p { margin: 0 0 7pt; }
  section { margin-bottom: 18pt; }
  section.chapter { break-before: page; }
  .title-page { break-after: page; padding-top: 0.6in; }
  .title-page .kicker { text-transform: uppercase; letter-spacing: 0.08em; font-size: 9.5pt; color: #0072B2; font-weight: 700; margin-bottom: 10pt; }
  .title-page .meta { color: #444; margin: 0 0 2pt; }
  .glance { display: grid; grid-template-columns: repeat(auto-fit, minmax(1.05in, 1fr)); gap: 8pt; margin: 22pt 0 14pt; padding: 0; list-style: none; }
  .glance li { border: 1pt solid #d6d6d6; border-top: 3pt solid #0072B2; padding: 6pt 8pt; }
  .glance .value { display: block; font-size: 18pt; font-weight: 700; font-variant-numeric: tabular-nums; }
  .glance .label { display: block; font-size: 8.5pt; color: #444; }
  .glance .note { display: block; font-size: 7.5pt; color: #666; }
  .changes { margin: 6pt 0 16pt; padding-left: 14pt; }
  .changes li { margin-bottom: 3pt; }
  .contents { margin-top: 6pt; padding-left: 0; list-style: none; }
  .contents li { margin-bottom: 2pt; }
  .small { font-size: 8.5pt; color: #555; }
  figure { margin: 8pt 0 16pt; break-inside: avoid; }
  figure svg { display: block; max-width: 100%; height: auto; }
  figcaption { font-size: 9pt; color: #333; margin-top: 4pt; }
  figcaption p { margin: 0; }
  figcaption .label { font-weight: 700; }
  .see { font-style: italic; color: #444; }
  .empty { color: #555; font-style: italic; }
  .table-wrap { margin: 8pt 0 16pt; }
  table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
  caption { text-align: left; font-weight: 700; font-size: 9.5pt; padding-bottom: 4pt; caption-side: top; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  th, td { padding: 2.5pt 5pt; text-align: left; vertical-align: top; border-bottom: 0.5pt solid #d9d9d9; }
  th { border-bottom: 1.2pt solid #555; font-weight: 650; vertical-align: bottom; }
  /* Labels get room; numbers stay on one line and their headings wrap instead. */
  tbody td:first-child { min-width: 1.5in; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  th.num { text-align: right; }
  tr.suppressed td { color: #666; background: #f4f4f4; }
  ul.sentences { padding-left: 14pt; }
  ul.sentences li { margin-bottom: 4pt; }
  .methods h3:first-of-type { margin-top: 4pt; }
  footer.colophon { margin-top: 24pt; font-size: 8pt; color: #666; border-top: 0.5pt solid #ccc; padding-top: 4pt; }
`;

function figureHtml(f: FigureEntry, svg: string | undefined): string {
  const lines = captionLines(f.chart.caption);
  const [first, ...more] = lines;
  const caption =
    `<figcaption><p><span class="label">Figure ${f.number}.</span> ${escapeHtml(first ?? f.chart.title)}</p>` +
    more.map((l) => `<p>${escapeHtml(l)}</p>`).join('') +
    `</figcaption>`;
  const body = svg
    ? svg
        .replace(/^\s*<\?xml[^>]*>\s*/, '')
        .replace(/<svg\b/, `<svg role="img" aria-label="${escapeHtml(f.chart.alt)}"`)
    : `<p class="empty">${escapeHtml(f.chart.alt)}</p>`;
  return `<figure id="figure-${f.number}">${body}${caption}</figure>`;
}

function tableHtml(t: MetricTable, number: number): string {
  const d = displayTable(t);
  const head = d.columns
    .map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ''}>${escapeHtml(c.label)}</th>`)
    .join('');
  const body = d.rows
    .map(
      (r) =>
        `<tr${r.suppressed ? ' class="suppressed"' : ''}>${r.cells
          .map((cell, i) => `<td${d.columns[i]?.numeric ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  const notes = d.notes.map((n) => `<p class="small">${escapeHtml(n)}</p>`).join('');
  return `<div class="table-wrap" id="table-${number}"><table><caption>Table ${number}. ${escapeHtml(d.title)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${notes}</div>`;
}

function methodsHtml(blocks: MethodsBlock[]): string {
  return blocks
    .map((b) => {
      const paragraphs = b.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
      const list = b.list?.length
        ? `<ul class="sentences">${b.list.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`
        : '';
      const table = b.table
        ? `<div class="table-wrap"><table><thead><tr>${b.table.columns
            .map(
              (c, i) => `<th scope="col"${b.table?.numeric?.[i] ? ' class="num"' : ''}>${escapeHtml(c)}</th>`,
            )
            .join('')}</tr></thead><tbody>${b.table.rows
            .map(
              (r) =>
                `<tr>${r.map((cell, i) => `<td${b.table?.numeric?.[i] ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`,
            )
            .join('')}</tbody></table></div>`
        : '';
      const after = (b.after ?? []).map((p) => `<p>${escapeHtml(p)}</p>`).join('');
      return `<h3>${escapeHtml(b.heading)}</h3>${paragraphs}${list}${after}${table}`;
    })
    .join('\n');
}

export function renderReportHtml(outline: ReportOutline, options: RenderReportOptions): string {
  const o = outline;
  const contents = [
    ...o.questions.map((q) => (q.number > 0 ? `Question ${q.number}: ${q.question}` : q.question)),
    'Methods',
    ...(o.appendix.length ? ['Appendix: tables'] : []),
  ];
  const titlePage = `<section class="title-page">
<div class="kicker">Evaluation report</div>
<h1>${escapeHtml(o.title)}</h1>
<p class="meta">${escapeHtml(o.projectName)}</p>
<p class="meta">Selection: ${escapeHtml(o.selection)}</p>
<p class="meta">Prepared ${escapeHtml(o.generatedOn)}</p>
<p class="meta small">${escapeHtml(o.privacyLine)}</p>
${
  o.glance.length
    ? `<ul class="glance">${o.glance
        .map(
          (g) =>
            `<li><span class="value">${escapeHtml(g.value)}</span><span class="label">${escapeHtml(g.label)}</span>${g.note ? `<span class="note">${escapeHtml(g.note)}</span>` : ''}</li>`,
        )
        .join('')}</ul>`
    : ''
}
${o.changes.length ? `<h3>Change from pre to post (matched youth)</h3><ul class="changes">${o.changes.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>` : ''}
<h3>Contents</h3>
<ul class="contents">${contents.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>
</section>`;

  const questions = o.questions
    .map((q) => {
      const heading =
        q.number > 0
          ? `<h2><span class="qnum">Evaluation question ${q.number}</span>${escapeHtml(q.question)}</h2>`
          : `<h2>${escapeHtml(q.question)}</h2>`;
      const items = q.items
        .map((it) => {
          if (it.kind === 'figure') return figureHtml(it.figure, options.figures.get(it.figure.chart.id));
          if (it.kind === 'see')
            return `<p class="see">See Figure ${it.figure.number} (${escapeHtml(it.title)}).</p>`;
          return tableHtml(it.table, it.number);
        })
        .join('\n');
      const empty = q.empty ? `<p class="empty">${escapeHtml(q.empty)}</p>` : '';
      return `<section class="chapter">${heading}${items}${empty}</section>`;
    })
    .join('\n');

  const leftOut = o.leftOut.length
    ? `<h3>Charts left out</h3><ul class="sentences">${o.leftOut
        .map((l) => `<li>${escapeHtml(l.title)}: ${escapeHtml(l.why)}</li>`)
        .join('')}</ul>`
    : '';
  const methods = `<section class="chapter methods"><h2>Methods</h2>${methodsHtml(o.methods)}${leftOut}</section>`;
  const appendix = o.appendix.length
    ? `<section class="chapter"><h2>Appendix: tables</h2>${o.appendix.map((a) => tableHtml(a.table, a.number)).join('\n')}</section>`
    : '';

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(o.title)}</title>
<style>${STYLE(options.pageSize ?? 'Letter')}</style>
</head>
<body>
${titlePage}
<main>
${questions}
${methods}
${appendix}
</main>
<footer class="colophon">Made with Trellis ${escapeHtml(o.version)} on ${escapeHtml(o.generatedOn)}. Groups under the suppression threshold are withheld in every figure and table.</footer>
</body>
</html>
`;
}
