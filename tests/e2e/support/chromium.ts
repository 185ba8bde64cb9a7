import {
  CHROMIUM_ARGS,
  CHROMIUM_INSTALL_ADVICE,
  findChromium as findExportChromium,
} from '../../../src/main/export/chromium';

/**
 * Real Chromium for the e2e suite, found the way the app finds it for exports: $CHROMIUM_PATH,
 * Debian's /usr/bin/chromium, or Playwright's own. None found is a failure with the install
 * command, never a silent pass.
 */
export function findChromium(): string {
  try {
    return findExportChromium();
  } catch {
    throw new Error(`No Chromium found for the e2e tests. ${CHROMIUM_INSTALL_ADVICE}`);
  }
}

export { CHROMIUM_ARGS };
