/**
 * One line for a failure of the build or packaging tools, naming the usual cause on a machine without
 * internet access instead of printing a stack dump.
 */

const NETWORK_CODES = [
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
];
const NETWORK_TEXT = /getaddrinfo|socket hang up|fetch failed|HTTPError|RequestError|status code [45]\d\d/i;

/**
 * The error and its causes, flattened: messages, codes and (for got's RequestError, which
 * electron-builder's downloads throw) the URL that could not be fetched.
 * @param {unknown} err
 */
export function flattenError(err) {
  /** @type {{ messages: string[], codes: string[], urls: string[] }} */
  const out = { messages: [], codes: [], urls: [] };
  for (let e = err, depth = 0; e != null && depth < 5; depth++) {
    if (typeof e !== 'object') {
      out.messages.push(String(e));
      break;
    }
    const { message, code, name, options, cause } =
      /** @type {{ message?: unknown, code?: unknown, name?: unknown, options?: { url?: unknown }, cause?: unknown }} */ (
        e
      );
    out.messages.push([name, message].filter(Boolean).join(': '));
    if (typeof code === 'string') out.codes.push(code);
    if (options?.url) out.urls.push(String(options.url));
    e = cause;
  }
  return out;
}

/** @param {unknown} err */
export function describeFailure(err) {
  const { messages, codes, urls } = flattenError(err);
  const text = [...messages, ...codes, ...urls].join(' ');
  const first = (
    messages
      .join('\n')
      .split('\n')
      .find((l) => l.trim()) ?? 'unknown error'
  ).trim();
  if (codes.some((c) => NETWORK_CODES.includes(c)) || NETWORK_TEXT.test(text)) {
    const what = /electron\/electron\/releases|electron-v\d\S*\.zip/i.test(text)
      ? "Electron's binary"
      : /electron-builder-binaries|nsis|appimage|fpm|squashfs|wine|7za/i.test(text)
        ? 'a packaging tool'
        : "Electron's binary or a packaging tool";
    const host = urls[0] ? ` reaching ${new URL(urls[0]).host}` : '';
    const code = codes[0] ?? 'network error';
    return (
      `could not download ${what}: this machine has no internet access (${code}${host}). ` +
      'Package on a machine that can reach GitHub, or install Electron first (`npx install-electron`).'
    );
  }
  return first.slice(0, 400);
}
