/** Escaping for the markup the exports write by hand. Every user-supplied string goes through one of these. */

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/** Text or attribute value in XML, SVG or HTML. Non-ASCII ("Zoë") stays as UTF-8 characters. */
export function escapeXml(text: string): string {
  // XML 1.0 forbids most C0 control characters even as references; a stray one from a CSV would
  // make the whole SVG unreadable, so they are dropped (tab, LF and CR are allowed).
  return text.replace(FORBIDDEN_IN_XML, '').replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}

export const escapeHtml = escapeXml;

/**
 * JSON to sit inside an HTML <script> element: `<` is escaped so no "</script>" or "<!--" in the data
 * can end the element early, and U+2028/2029 so the text is also valid JavaScript.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A library bundle made safe to inline in a <script> element (a literal "</script" would close it). */
export function scriptText(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
