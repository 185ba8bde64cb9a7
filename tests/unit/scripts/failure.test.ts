import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../../scripts/failure.mjs';

/** An error shaped like got's RequestError, which electron-builder's downloads throw. */
const requestError = (code: string, url: string) =>
  Object.assign(new Error(`getaddrinfo ${code} github.com`), {
    name: 'RequestError',
    code,
    options: { url: new URL(url) },
  });

describe('the one-line reason of a packaging failure', () => {
  it.each([
    [
      requestError(
        'ENOTFOUND',
        'https://github.com/electron/electron/releases/download/v45.4.1/electron-v45.4.1-linux-x64.zip',
      ),
      "could not download Electron's binary: this machine has no internet access (ENOTFOUND reaching github.com).",
    ],
    [
      requestError(
        'EAI_AGAIN',
        'https://github.com/electron-userland/electron-builder-binaries/releases/download/appimage-13/appimage.7z',
      ),
      'could not download a packaging tool: this machine has no internet access (EAI_AGAIN reaching github.com).',
    ],
    [
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND github.com'), { code: 'ENOTFOUND' }),
      }),
      "could not download Electron's binary or a packaging tool: this machine has no internet access (ENOTFOUND).",
    ],
  ])('names the download that failed (%#)', (err, expected) => {
    expect(describeFailure(err)).toContain(expected);
  });

  it('is the first line of any other error, never a stack', () => {
    const err = new Error('Cannot find module out/main/index.js\nRequire stack:\n- somewhere');
    expect(describeFailure(err)).toBe('Error: Cannot find module out/main/index.js');
    expect(describeFailure('plain string')).toBe('plain string');
  });
});
