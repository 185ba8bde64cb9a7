import { shell, type Session as ElectronSession, type WebContents } from 'electron';
import { isAppUrl } from './protocol';

/** Links the app itself offers may open in the user's browser; nothing else leaves the app. */
export const OFFERED_LINKS: readonly string[] = [
  'https://www.colorado.edu/program/stem-partnership-toolkit/',
  'https://github.com/',
];
export const isOfferedLink = (url: string) =>
  url.startsWith('https://') && OFFERED_LINKS.some((l) => url.startsWith(l));

/** No navigation away from the app, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isOfferedLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** Camera, microphone, notifications, geolocation...: Trellis asks for none, so every request is denied. */
export function denyPermissions(session: ElectronSession): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
