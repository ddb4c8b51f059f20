// What every HTTP answer says and refuses, against a real gateway process serving the built
// console: security headers, no source maps, Host checked (DNS rebinding) on HTTP and on the socket,
// the default namespace closed, /metrics protected, private data files, NUL and content types.
import { readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayProcess } from '../test/gatewayProcess';
import { startGatewayProcess } from '../test/gatewayProcess';
import { loginAs } from '../test/live';

const CONSOLE_DIR = path.resolve(__dirname, '../../out/renderer');
const hasConsole = (() => {
  try {
    return statSync(path.join(CONSOLE_DIR, 'index.html')).isFile();
  } catch {
    return false;
  }
})();

/** A raw request, so the Host header can be anything. */
function raw(
  gw: GatewayProcess,
  options: { method?: string; path: string; host?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: gw.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: options.host ?? `127.0.0.1:${gw.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (b: Buffer) => (body += b.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('a gateway on loopback', () => {
  let gw: GatewayProcess;

  beforeAll(async () => {
    gw = await startGatewayProcess({ LIVE_CONSOLE_DIR: CONSOLE_DIR });
  }, 120_000);
  afterAll(async () => gw?.dispose());

  it.runIf(hasConsole)(
    'serves the console with its CSP as a header, framing forbidden, and no source map',
    async () => {
      const page = await raw(gw, { path: '/', headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      const maps = readdirSync(path.join(CONSOLE_DIR, 'assets')).filter((f) => f.endsWith('.map'));
      for (const m of maps) expect((await raw(gw, { path: `/assets/${m}` })).status).toBe(404);
      const js = readdirSync(path.join(CONSOLE_DIR, 'assets')).find((f) => f.endsWith('.js'));
      expect((await raw(gw, { path: `/assets/${js}` })).status).toBe(200);
    },
  );

  it('JSON answers carry the headers too', async () => {
    const info = await raw(gw, { path: '/v1/info' });
    expect(info.status).toBe(200);
    expect(info.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(info.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 421 to another host name (DNS rebinding), also on sign-in; loopback names and probes pass', async () => {
    const evil = await raw(gw, {
      method: 'POST',
      path: '/v1/auth/login',
      host: `rebind.attacker.example:${gw.port}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'yonetici', password: 'demo' }),
    });
    expect(evil.status).toBe(421);
    expect(JSON.parse(evil.body)).toMatchObject({ error: { code: 'misdirected_request' } });
    expect((await raw(gw, { path: '/v1/info', host: `localhost:${gw.port}` })).status).toBe(200);
    expect((await raw(gw, { path: '/healthz', host: 'pod-10-1-2-3' })).status).toBe(200);
  });

  it('refuses a socket whose Host is another name, and closes the default namespace', async () => {
    const { accessToken } = await loginAs(gw.url);
    const rebound = io(`${gw.url}/live`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { token: accessToken },
      extraHeaders: { host: 'rebind.attacker.example' },
    });
    const rebindErr = await new Promise<string>((resolve) => {
      rebound.once('connect', () => resolve('connected'));
      rebound.once('connect_error', (e) => resolve(e.message));
    });
    rebound.close();
    expect(rebindErr).not.toBe('connected');

    const root = io(gw.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    const rootErr = await new Promise<string>((resolve) => {
      root.once('connect', () => resolve('connected'));
      root.once('connect_error', (e) => resolve(e.message));
    });
    root.close();
    expect(rootErr).not.toBe('connected');
  });

  it('/metrics answers a local scraper, not one behind a proxy', async () => {
    expect((await raw(gw, { path: '/metrics' })).status).toBe(200);
    expect((await raw(gw, { path: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(401);
  });

  it('keeps its data folder 0700 and its files 0600', () => {
    expect(statSync(gw.dataDir).mode & 0o777).toBe(0o700);
    for (const f of readdirSync(gw.dataDir))
      expect([f, statSync(path.join(gw.dataDir, f)).mode & 0o777]).toEqual([f, 0o600]);
  });

  it('NUL in a username is 400, text/plain is 415', async () => {
    const nul = await raw(gw, {
      method: 'POST',
      path: '/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      body: '{"username":"dep\\u0000o","password":"demo"}',
    });
    expect(nul.status).toBe(400);
    expect(JSON.parse(nul.body)).toMatchObject({ error: { code: 'bad_request' } });
    const text = await raw(gw, {
      method: 'POST',
      path: '/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      body: '{"username":"depo","password":"demo"}',
    });
    expect(text.status).toBe(415);
  });
});

describe('a gateway published under a name', () => {
  let gw: GatewayProcess;

  beforeAll(async () => {
    gw = await startGatewayProcess({
      LIVE_DEMO: '0',
      LIVE_HOST: '127.0.0.1',
      LIVE_ALLOWED_ORIGINS: 'https://live.example.com',
      LIVE_METRICS_TOKEN: 'metrics-token-0123456789',
    });
  }, 120_000);
  afterAll(async () => gw?.dispose());

  it('answers its published name, and /metrics only with the token', async () => {
    expect((await raw(gw, { path: '/v1/info', host: 'live.example.com' })).status).toBe(200);
    expect((await raw(gw, { path: '/v1/info', host: 'other.example.com' })).status).toBe(421);
    expect((await raw(gw, { path: '/metrics' })).status).toBe(401);
    const ok = await raw(gw, { path: '/metrics', headers: { authorization: 'Bearer metrics-token-0123456789' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('# HELP');
  });
});
