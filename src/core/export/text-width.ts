/**
 * Text width without a canvas, for vega in plain Node. vega's own fallback guesses 0.8 em per
 * character, about 60% too wide for a sans-serif, so in an exported SVG a label that fits on screen
 * ("Florence & Penrose pilot") is cut with "…" at its labelLimit. This uses Helvetica's advance
 * widths (the Adobe core-font metrics, which Arial shares) scaled up by a margin for the wider faces
 * in our stack (measured in Chromium at 12 px: DejaVu Sans is 1.12-1.16x Arial for words, bold DejaVu
 * 1.13x regular), so estimates err towards too wide: a little spare room, never overlapping text.
 */

// Advance widths in 1/1000 em for U+0020..U+007E (Helvetica, Adobe AFM).
const HELVETICA = [
  278,
  278,
  355,
  556,
  556,
  889,
  667,
  191,
  333,
  333,
  389,
  584,
  278,
  333,
  278,
  278, // space ! " # $ % & ' ( ) * + , - . /
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556, // 0-9
  278,
  278,
  584,
  584,
  584,
  556,
  1015, // : ; < = > ? @
  667,
  667,
  722,
  722,
  667,
  611,
  778,
  722,
  278,
  500,
  667,
  556,
  833, // A-M
  722,
  778,
  667,
  778,
  722,
  667,
  611,
  722,
  667,
  944,
  667,
  667,
  611, // N-Z
  278,
  278,
  278,
  469,
  556,
  333, // [ \ ] ^ _ `
  556,
  556,
  500,
  556,
  556,
  278,
  556,
  556,
  222,
  222,
  500,
  222,
  833, // a-m
  556,
  556,
  556,
  556,
  333,
  500,
  278,
  556,
  500,
  722,
  500,
  500,
  500, // n-z
  334,
  260,
  334,
  584, // { | } ~
] as const;

/** Wider faces in the font stack, and bold, need room: see the header. */
export const WIDTH_MARGIN = 1.18;
const BOLD_FACTOR = 1.13;
const DEFAULT_EM = 0.6;

function charEm(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code >= 0x20 && code <= 0x7e) return HELVETICA[code - 0x20]! / 1000;
  // Accented Latin letters are as wide as their base letter ("ñ" as "n").
  const base = ch.normalize('NFD')[0]!;
  const baseCode = base.codePointAt(0)!;
  if (base !== ch && baseCode >= 0x20 && baseCode <= 0x7e) return HELVETICA[baseCode - 0x20]! / 1000;
  if (ch === '\u2026' || ch === '\u2014') return 1; // ellipsis, em dash
  if (ch === '\u2018' || ch === '\u2019') return 0.222;
  if (ch === '\u201C' || ch === '\u201D') return 0.333;
  if (code >= 0x2e80) return 1; // CJK and other full-width scripts
  return DEFAULT_EM;
}

export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em * fontSize * WIDTH_MARGIN * (bold ? BOLD_FACTOR : 1);
}
