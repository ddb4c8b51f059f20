// The window's lock-down, as pure data and predicates so each rule is tested directly.
import type { BrowserWindowConstructorOptions } from 'electron';

/** The renderer is served from this origin by our own protocol handler (never file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * Opens the console's window, locked down. The options are written out here, at the call, so a
 * static scanner (electronegativity, in `npm test`) sees each of them.
 */
export function createSecureWindow<W>(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W,
  preloadPath: string,
  place: { x?: number; y?: number; width: number; height: number } = { width: 1360, height: 860 },
): W {
  return new BrowserWindow({
    ...(place.x !== undefined && place.y !== undefined ? { x: place.x, y: place.y } : {}),
    width: place.width,
    height: place.height,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'MesChain Live',
    backgroundColor: '#12161d',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // A middle click must not open a link in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/** True only for a frame showing our own console: the one sender IPC handlers accept. */
export function isTrustedSenderUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Links the app may open in the user's browser: https on a short allow-list of hosts. */
export const EXTERNAL_HOSTS = [
  'partner.trendyol.com',
  'merchant.hepsiburada.com',
  'so.n11.com',
  'sellercentral.amazon.com.tr',
  'satici.ciceksepeti.com',
  'isortagim.pazarama.com',
];

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.username === '' && u.password === '' && EXTERNAL_HOSTS.includes(u.hostname);
  } catch {
    return false;
  }
}

/** Resolves a request of our app:// protocol to a file inside `root`, or undefined if it escapes. */
export function resolveAppFile(
  requestUrl: string,
  root: string,
  join: (...p: string[]) => string,
  sep: string,
): string | undefined {
  let u: URL;
  try {
    u = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return undefined;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname).replace(/^\/+/, '') || 'index.html';
  } catch {
    return undefined; // malformed escape
  }
  if (rel.split(/[\\/]/).some((part) => part === '..' || part.includes('\0'))) return undefined;
  const file = join(root, rel);
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : undefined;
}
