import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderStandaloneHtml } from '../../../../src/core/export/standalone-html';

const bundles = {
  vega: 'window.vega = {};',
  vegaLite: 'window.vegaLite = {}; // "</script>" in a string',
  vegaEmbed: 'window.vegaEmbed = function () {};',
};

describe('renderStandaloneHtml', () => {
  it('hashes exactly the inline scripts it writes into the CSP', async () => {
    const html = await renderStandaloneHtml({ title: 'T', sections: [] }, bundles);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(4);
    const csp = /content="(default-src[^"]+)"/.exec(html)![1]!;
    for (const s of scripts)
      expect(csp).toContain(`'sha256-${createHash('sha256').update(s).digest('base64')}'`);
    expect(scripts[1]).toContain('"<\\/script>"');
  });

  it('escapes titles, headings, alt text and cells; puts specs in a JSON block that cannot break out', async () => {
    const html = await renderStandaloneHtml(
      {
        title: 'Zoë & <co>',
        sections: [
          {
            heading: '<h1>x</h1>',
            specs: [
              {
                spec: { mark: 'bar', data: { values: [{ a: '</script><script>alert(1)</script>' }] } },
                alt: 'a "quoted" alt',
              },
            ],
            tables: [{ columns: ['<b>'], rows: [[1.5], ['=1+2']] }],
          },
        ],
      },
      bundles,
    );
    expect(html).toContain('<title>Zoë &amp; &lt;co&gt;</title>');
    expect(html).toContain('<h2>&lt;h1&gt;x&lt;/h1&gt;</h2>');
    expect(html).toContain('aria-label="a &quot;quoted&quot; alt"');
    expect(html).toContain('<th scope="col">&lt;b&gt;</th>');
    expect(html).toContain('<td class="num">1.5</td>');
    expect(html).not.toContain('alert(1)</script>');
    const data = /<script type="application\/json" id="trellis-charts">([^<]*)<\/script>/.exec(html)![1]!;
    const charts = JSON.parse(data) as {
      id: string;
      spec: { data: { values: { a: string }[] }; config: { font: string } };
    }[];
    expect(charts[0]!.spec.data.values[0]!.a).toBe('</script><script>alert(1)</script>');
    expect(charts[0]!.spec.config.font).toMatch(/sans-serif$/);
  });
});
