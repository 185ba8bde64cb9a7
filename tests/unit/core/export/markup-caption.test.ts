import { describe, expect, it } from 'vitest';
import { captionLines } from '../../../../src/core/export/caption';
import { buildFigurePage } from '../../../../src/core/export/figure-page';
import { escapeXml, jsonForScript, scriptText } from '../../../../src/core/export/markup';
import { addCaptionToSvg, svgSize, wrapText } from '../../../../src/core/export/svg-caption';

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="400" height="100" viewBox="0 0 400 100"><text>x</text></svg>';

describe('escapeXml', () => {
  it.each([
    ['Cañon City Library', 'Cañon City Library'],
    ['Zoë', 'Zoë'],
    ['Boys & Girls <Club> "A" \'B\'', 'Boys &amp; Girls &lt;Club&gt; &quot;A&quot; &#39;B&#39;'],
    ['bell\u0007 tab\t', 'bell tab\t'],
  ])('%j -> %j', (input, expected) => expect(escapeXml(input)).toBe(expected));
});

describe('jsonForScript and scriptText', () => {
  it('cannot close the script element early', () => {
    const text = jsonForScript({ label: '</script><script>alert(1)</script><!--' });
    expect(text).not.toMatch(/<\/script|<!--/i);
    expect(JSON.parse(text)).toEqual({ label: '</script><script>alert(1)</script><!--' });
    expect(scriptText('var a = "</SCRIPT>"; // <!--')).toBe('var a = "<\\/SCRIPT>"; // <\\!--');
  });
});

describe('captionLines', () => {
  it('says what it shows, n, the statistic and the suppression note, leaving out empty parts', () => {
    expect(
      captionLines({
        shows: 'Youth per site.',
        n: '48 youth',
        statistic: 'count',
        suppression: 'Sites under 10 youth are suppressed.',
      }),
    ).toEqual(['Youth per site.', 'n = 48 youth. Statistic: count', 'Sites under 10 youth are suppressed.']);
    expect(captionLines({ shows: 'Only this.' })).toEqual(['Only this.']);
    expect(captionLines({ shows: 'x', n: 0 })).toEqual(['x', 'n = 0']);
    expect(captionLines(undefined)).toEqual([]);
  });
});

describe('addCaptionToSvg', () => {
  it('adds escaped caption text below, growing the height and keeping the chart intact', () => {
    const out = addCaptionToSvg(SVG, ['Zoë & <friends>'], { font: '"DejaVu Sans", sans-serif' });
    expect(out).toContain(SVG);
    expect(out).toContain('Zoë &amp; &lt;friends&gt;');
    expect(out).toContain('font-family="&quot;DejaVu Sans&quot;, sans-serif"');
    expect(svgSize(out).width).toBe(400);
    expect(svgSize(out).height).toBeGreaterThan(100);
  });

  it('returns the SVG unchanged with no caption', () => {
    expect(addCaptionToSvg(SVG, [], { font: 'x' })).toBe(SVG);
  });

  it('wraps long lines at word boundaries', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('unbreakablelongword x', 5)).toEqual(['unbreakablelongword', 'x']);
  });
});

describe('buildFigurePage', () => {
  it('sizes the figure at 96 CSS px per inch and escapes the caption, with a CSP and no scripts', () => {
    const html = buildFigurePage({
      svg: SVG,
      captionLines: ['<b>n</b> = 5'],
      widthInches: 6.5,
      font: 'sans-serif',
    });
    expect(html).toContain('width: 624px');
    expect(html).toContain('&lt;b&gt;n&lt;/b&gt; = 5');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toContain('<script');
  });
});
