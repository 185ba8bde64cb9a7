import { escapeXml } from './markup';

/**
 * Put caption lines under a vega SVG by wrapping it in an outer <svg> that is taller by the caption.
 * The chart stays a nested <svg> (unchanged bytes, text still text), and the caption is <text>.
 *
 * Hazard: no text measurement exists in plain Node, so lines are wrapped at an estimated average
 * glyph width (0.55 em, generous for the sans-serif stack); a long word is never split.
 */
export interface SvgCaptionOptions {
  font: string;
  fontSize?: number;
  colour?: string;
  /** Horizontal inset of the caption, in SVG units; vega's default padding is 5. */
  inset?: number;
}

export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0];
  const width = Number(root && /\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(root && /\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!root || !(width > 0) || !(height > 0)) throw new TypeError('SVG root has no numeric width and height');
  return { width, height };
}

export function wrapText(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export function addCaptionToSvg(svg: string, lines: readonly string[], options: SvgCaptionOptions): string {
  if (lines.length === 0) return svg;
  const { font, fontSize = 11, colour = '#333333', inset = 5 } = options;
  const { width, height } = svgSize(svg);
  const lineHeight = Math.round(fontSize * 1.35 * 100) / 100;
  const maxChars = Math.max(10, Math.floor((width - 2 * inset) / (fontSize * 0.55)));
  const wrapped = lines.flatMap((l) => wrapText(l, maxChars));
  const top = height + fontSize * 0.6;
  const captionHeight = Math.ceil(fontSize * 0.6 + wrapped.length * lineHeight + fontSize * 0.6);
  const total = Math.ceil(height + captionHeight);
  const inner = svg.replace(/^\s*<\?xml[^>]*>\s*/, '');
  const texts = wrapped
    .map(
      (l, i) =>
        `<tspan x="${inset}" y="${(top + (i + 1) * lineHeight - lineHeight * 0.25).toFixed(2)}">${escapeXml(l)}</tspan>`,
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}">` +
    `<rect width="${width}" height="${total}" fill="#ffffff"/>` +
    inner +
    `<text class="trellis-caption" font-family="${escapeXml(font)}" font-size="${fontSize}" fill="${escapeXml(colour)}">${texts}</text>` +
    `</svg>`
  );
}
