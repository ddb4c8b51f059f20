// The window's lock-down rules: web preferences, trusted senders, external links, app:// files.
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_ENTRY,
  EXTERNAL_HOSTS,
  isAllowedExternalUrl,
  isTrustedSenderUrl,
  resolveAppFile,
  createSecureWindow,
} from './security';

// Safety net: loading the real electron module would start a binary download; fail loudly instead.
vi.mock('electron', () => {
  throw new Error('the real electron module must not be loaded in tests');
});

describe('createSecureWindow', () => {
  it('locks the renderer down', () => {
    let opts: Electron.BrowserWindowConstructorOptions = {};
    createSecureWindow(
      class {
        constructor(o: Electron.BrowserWindowConstructorOptions) {
          opts = o;
        }
      },
      '/opt/app/preload/index.cjs',
    );
    expect(opts.webPreferences).toMatchObject({
      preload: '/opt/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(opts.show).toBe(false); // shown on ready-to-show: no white flash
  });
});

describe('isTrustedSenderUrl', () => {
  it.each(['app://console/index.html', 'app://console/', 'app://console/orders?tab=late#row-3', APP_ENTRY])(
    'accepts our console: %s',
    (url) => {
      expect(isTrustedSenderUrl(url)).toBe(true);
    },
  );

  it.each([
    'file:///opt/app/renderer/index.html',
    'http://localhost:5173/',
    'https://localhost/',
    'app://other/index.html',
    'app://console.evil.io/index.html',
    'app://console:8080/index.html',
    'app://evil@other/index.html',
    'apps://console/index.html',
    'https://console/index.html',
    'about:blank',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'not a url',
    '',
    undefined,
  ])('refuses %j', (url) => {
    expect(isTrustedSenderUrl(url)).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  it('allows https links to every allow-listed marketplace host', () => {
    for (const host of EXTERNAL_HOSTS) expect(isAllowedExternalUrl(`https://${host}/orders/123?x=1`)).toBe(true);
    expect(isAllowedExternalUrl('https://PARTNER.trendyol.com/')).toBe(true);
  });

  it.each([
    'http://partner.trendyol.com/',
    'https://user:pass@partner.trendyol.com/',
    'https://user@partner.trendyol.com/',
    'https://partner.trendyol.com.evil.io/',
    'https://evil.io/partner.trendyol.com',
    'https://evil.io/?u=https://partner.trendyol.com',
    'https://trendyol.com/',
    'https://xpartner.trendyol.com/',
    'https://partner-trendyol.com/',
    'javascript:alert(1)//partner.trendyol.com',
    'file:///etc/passwd',
    'app://console/index.html',
    'ftp://partner.trendyol.com/',
    'not a url',
    '',
  ])('refuses %j', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('resolveAppFile', () => {
  const root = '/opt/app/renderer';
  const posix = (url: string) => resolveAppFile(url, root, path.posix.join, '/');
  const win = (url: string) => resolveAppFile(url, 'C:\\app\\renderer', path.win32.join, '\\');
  /** Either refused, or a file inside the root: never anything outside it. */
  const inside = (file: string | undefined, r = root, sep = '/') => file === undefined || file.startsWith(r + sep);

  it('maps / (and no path) to index.html and other paths to files under the root', () => {
    expect(posix('app://console/')).toBe('/opt/app/renderer/index.html');
    expect(posix('app://console')).toBe('/opt/app/renderer/index.html');
    expect(posix('app://console/assets/main-abc.js?v=1#x')).toBe('/opt/app/renderer/assets/main-abc.js');
    expect(posix('app://console/fonts/Noto%20Sans.woff2')).toBe('/opt/app/renderer/fonts/Noto Sans.woff2');
    expect(win('app://console/assets/a.css')).toBe('C:\\app\\renderer\\assets\\a.css');
  });

  it.each([
    'app://console/..%2f..%2fetc%2fpasswd',
    'app://console/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://console/%2E%2E%2Fsecret',
    'app://console/assets/..%2F..%2F..%2Fsecret',
    'app://console/..%5c..%5csecret',
    'app://console/..\\..\\secret',
    'app://console/index.html%00.png',
  ])('refuses the traversal %j', (url) => {
    expect(posix(url)).toBeUndefined();
    expect(win(url)).toBeUndefined();
  });

  it.each([
    'app://console/../../etc/passwd',
    'app://console/%2e%2e/%2e%2e/etc/passwd',
    'app://console/a/b/../../../../../etc/passwd',
    'app://console/.%2e/.%2e/secret',
    'app://console/%252e%252e/secret',
  ])('never leaves the root for %j', (url) => {
    expect(inside(posix(url))).toBe(true);
    expect(inside(win(url), 'C:\\app\\renderer', '\\')).toBe(true);
  });

  it.each([
    'app://other/index.html',
    'app://console.evil/index.html',
    'file:///opt/app/renderer/index.html',
    'https://console/index.html',
    'http://localhost/index.html',
    'garbage',
  ])('refuses another host or scheme: %j', (url) => {
    expect(posix(url)).toBeUndefined();
  });

  it('refuses a root-prefix sibling (renderer-evil next to renderer)', () => {
    const join = () => '/opt/app/renderer-evil/x.js';
    expect(resolveAppFile('app://console/x.js', root, join, '/')).toBeUndefined();
  });

  it('answers a malformed percent escape with "not found" instead of throwing', () => {
    expect(posix('app://console/%E0%A4%A')).toBeUndefined();
    expect(posix('app://console/%')).toBeUndefined();
  });
});
