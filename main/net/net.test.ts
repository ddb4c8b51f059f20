// Office networks: main's HTTP goes through Chromium's stack (net.fetch), its socket through the
// proxy Chromium resolves for the gateway (a real CONNECT proxy on loopback here, with and without
// Basic authentication), and http:// is refused off loopback with a reason the sign-in form names.
import { createServer, type Server } from 'node:http';
import { connect as tcpConnect, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENTS, IPC_INVOKE, type LiveBatch } from '../../protocol';
import { startGatewayProcess, type GatewayProcess } from '../../server/test/gatewayProcess';
import { startMain, type MainHandle } from '../app';
import { settingsStoreOptions } from '../settingsStore';
import { FakeWindow, fakeElectron, type Handler } from '../test/fakeElectron';
import { parseProxyRules } from './proxyAgent';
import { createProxyAuth, basicProxyHeader } from './proxyAuth';
import { proxiedSocketFactory } from './proxiedSocket';
import { INSECURE_SERVER, requireSecureServer } from './secureServer';

vi.mock('electron', () => {
  throw new Error('the real electron module must not be loaded in tests');
});

const log = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };

/** A CONNECT proxy on loopback that records each tunnel asked for (and may want Basic auth). */
async function startProxy(requireAuth?: string) {
  const tunnels: { target: string; status: number }[] = [];
  const server: Server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client, head) => {
    const target = req.url ?? '';
    if (requireAuth && req.headers['proxy-authorization'] !== requireAuth) {
      tunnels.push({ target, status: 407 });
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="office"\r\n\r\n');
      return;
    }
    const [host, port] = target.split(':');
    const upstream = tcpConnect(Number(port), host as string, () => {
      tunnels.push({ target, status: 200 });
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    tunnels,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('proxy rules and addresses', () => {
  it('take the first usable entry of Chromium’s answer', () => {
    expect(parseProxyRules('DIRECT')).toEqual({ kind: 'direct' });
    expect(parseProxyRules('PROXY proxy.ofis.local:3128; DIRECT')).toEqual({
      kind: 'http',
      host: 'proxy.ofis.local',
      port: 3128,
    });
    expect(parseProxyRules('HTTPS gw.ofis:443')).toEqual({ kind: 'https', host: 'gw.ofis', port: 443 });
    expect(parseProxyRules('SOCKS5 10.0.0.1:1080')).toEqual({ kind: 'socks5', host: '10.0.0.1', port: 1080 });
    expect(parseProxyRules('PROXY [::1]:8080')).toEqual({ kind: 'http', host: '::1', port: 8080 });
    expect(parseProxyRules('PROXY bad:99999; QUIC x:1; PROXY ok:8080')).toEqual({
      kind: 'http',
      host: 'ok',
      port: 8080,
    });
    expect(parseProxyRules('')).toEqual({ kind: 'direct' });
  });

  it('refuse http:// off loopback, naming the reason and the field; allow https and local http', () => {
    for (const ok of [
      'https://canli.firma.com.tr',
      'http://127.0.0.1:8080',
      'http://localhost:8080',
      'http://[::1]:8080',
    ])
      expect(() => requireSecureServer(ok)).not.toThrow();
    for (const bad of [
      'http://canli.firma.com.tr',
      'http://192.168.1.10:8080',
      'http://127.0.0.1.evil.io',
      'ws://gw.example',
    ]) {
      try {
        requireSecureServer(bad);
        throw new Error(`accepted ${bad}`);
      } catch (err) {
        expect(err).toMatchObject({ code: 'validation_failed', details: { reason: INSECURE_SERVER } });
      }
    }
  });
});

describe('main’s connection through the system proxy', () => {
  let gw: GatewayProcess;
  let dir: string;
  beforeAll(async () => {
    gw = await startGatewayProcess();
    dir = mkdtempSync(path.join(tmpdir(), 'meschain-proxy-'));
  });
  afterAll(async () => {
    await gw?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs in with net.fetch and opens the socket through the proxy Chromium resolved for the gateway', async () => {
    const proxy = await startProxy();
    const userData = path.join(dir, 'a');
    const fake = fakeElectron(userData);
    fake.proxy.rules = `PROXY 127.0.0.1:${proxy.port}; DIRECT`;
    const settings = new Conf({ cwd: userData, projectVersion: '0.2.0', ...settingsStoreOptions(userData) });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let handle: MainHandle | undefined;
    try {
      handle = await startMain(
        fake.asElectron,
        { rendererDir: dir, preloadFile: 'p.cjs', assetsDir: dir },
        settings as never,
        {
          platform: 'linux',
          env: {},
        },
      );
      const trusted = { senderFrame: { url: 'app://console/index.html' } } as unknown as IpcMainInvokeEvent;
      const res = await (fake.ipcHandlers.get(IPC_INVOKE.login.channel) as Handler)(trusted, {
        server: gw.url,
        username: 'depo',
        password: 'demo',
      });
      expect(res).toMatchObject({ ok: true });
      // HTTP took Chromium's way (net.fetch), not Node's.
      expect(fake.electron.net.fetch).toHaveBeenCalledWith(
        `${gw.url}/v1/auth/login`,
        expect.objectContaining({ method: 'POST' }),
      );
      await vi.waitFor(
        () => {
          const states = (FakeWindow.last?.webContents.sent ?? [])
            .filter(([c]) => c === IPC_EVENTS.onBatch)
            .map(([, b]) => (b as LiveBatch).state?.connection.state);
          expect(states).toContain('connected');
        },
        { timeout: 20_000, interval: 50 },
      );
      // The socket asked Chromium for the gateway's route and tunnelled through the proxy.
      expect(fake.proxy.asked).toContain(gw.url);
      expect(proxy.tunnels).toContainEqual({ target: new URL(gw.url).host, status: 200 });
    } finally {
      await handle?.dispose();
      await proxy.close();
    }
  });

  it('answers an authenticating proxy with the credentials the person gave, never without', async () => {
    const creds = { username: 'ayse', password: 'ofis-Sifresi-1' };
    const proxy = await startProxy(basicProxyHeader(creds));
    const prompt = vi.fn(async () => creds);
    const auth = createProxyAuth({ log, prompt });
    const factory = proxiedSocketFactory({
      resolveProxy: async () => `PROXY 127.0.0.1:${proxy.port}`,
      ca: () => undefined,
      onProxyAuth: auth.forSocket,
      log,
    });
    const socket = factory(gw.url, { transports: ['websocket'], auth: {} });
    try {
      const outcome = await new Promise<string>((resolve) => {
        socket.on('connect', () => resolve('connected'));
        socket.on('connect_error', (err) => resolve(err.message));
        socket.connect();
      });
      // Without a token the gateway refuses the handshake: what matters is the tunnel it reached.
      expect(outcome).not.toMatch(/407|proxy/i);
      expect(proxy.tunnels.map((t) => t.status)).toEqual([407, 200]);
      expect(prompt).toHaveBeenCalledTimes(1);
      // Chromium's own requests get the same credentials through the app's login event.
      const callback = vi.fn();
      const event = { preventDefault: vi.fn() };
      auth.onLogin(
        event as never,
        null,
        {} as never,
        { isProxy: true, host: '127.0.0.1', port: proxy.port, scheme: 'basic', realm: 'office' } as never,
        callback,
      );
      await vi.waitFor(() => expect(callback).toHaveBeenCalledWith('ayse', 'ofis-Sifresi-1'));
      expect(prompt).toHaveBeenCalledTimes(1); // remembered for the session
      // A server's own challenge is not answered with proxy credentials.
      const other = vi.fn();
      auth.onLogin(
        { preventDefault: vi.fn() } as never,
        null,
        {} as never,
        { isProxy: false, host: 'x', port: 443 } as never,
        other,
      );
      expect(other).not.toHaveBeenCalled();
    } finally {
      socket.disconnect();
      await proxy.close();
    }
  });

  it('refuses to sign in to an http:// server off loopback, before any request', async () => {
    const userData = path.join(dir, 'b');
    const fake = fakeElectron(userData);
    const settings = new Conf({ cwd: userData, projectVersion: '0.2.0', ...settingsStoreOptions(userData) });
    const handle = await startMain(
      fake.asElectron,
      { rendererDir: dir, preloadFile: 'p.cjs', assetsDir: dir },
      settings as never,
      {
        platform: 'win32',
        env: {},
      },
    );
    try {
      const trusted = { senderFrame: { url: 'app://console/index.html' } } as unknown as IpcMainInvokeEvent;
      const res = await (fake.ipcHandlers.get(IPC_INVOKE.login.channel) as Handler)(trusted, {
        server: 'http://canli.firma.com.tr',
        username: 'depo',
        password: 'demo',
      });
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'validation_failed', details: { reason: INSECURE_SERVER, issues: [{ path: 'server' }] } },
      });
      const info = await (fake.ipcHandlers.get(IPC_INVOKE.serverInfo.channel) as Handler)(
        trusted,
        'http://10.1.2.3:8080',
      );
      expect(info).toMatchObject({ ok: false, error: { details: { reason: INSECURE_SERVER } } });
      expect(fake.electron.net.fetch).not.toHaveBeenCalledWith(
        expect.stringMatching(/^http:\/\/(canli|10\.)/),
        expect.anything(),
      );
    } finally {
      await handle.dispose();
    }
  });
});

describe('trust for the socket’s TLS', () => {
  it('adds the OS certificate store to Node’s bundle where the runtime can read it', async () => {
    const { trustedCertificates } = await import('./systemCa');
    const read = (type: 'default' | 'system') => (type === 'default' ? ['A', 'B'] : ['B', 'OFFICE-CA']);
    expect(trustedCertificates(read)).toEqual(['A', 'B', 'OFFICE-CA']);
    const warn = vi.fn();
    expect(trustedCertificates(undefined, { ...log, warn })).toBeUndefined();
    expect(warn).toHaveBeenCalled();
  });
});

describe('asking the person for proxy credentials', () => {
  it('brings the console up with a form, and answers Chromium with what the person typed (once per proxy)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meschain-prompt-'));
    const userData = path.join(dir, 'u');
    const fake = fakeElectron(userData);
    const settings = new Conf({ cwd: userData, projectVersion: '0.2.0', ...settingsStoreOptions(userData) });
    const handle = await startMain(
      fake.asElectron,
      { rendererDir: dir, preloadFile: 'p.cjs', assetsDir: dir },
      settings as never,
      {
        platform: 'linux',
        env: {},
      },
    );
    try {
      const login = (callback: (u?: string, p?: string) => void) =>
        fake.electron.app.fire(
          'login',
          { preventDefault: vi.fn() },
          null,
          {},
          { isProxy: true, host: 'proxy.ofis', port: 3128, scheme: 'basic', realm: 'Ofis' },
          callback,
        );
      const first = vi.fn();
      const second = vi.fn();
      login(first);
      login(second); // a second request meanwhile waits for the same answer
      const win = FakeWindow.last as FakeWindow;
      await vi.waitFor(() =>
        expect(win.webContents.sent.filter(([c]) => c === IPC_EVENTS.onProxyAuth)).toHaveLength(1),
      );
      const request = win.webContents.sent.find(([c]) => c === IPC_EVENTS.onProxyAuth)?.[1] as { id: string };
      expect(request).toMatchObject({ host: 'proxy.ofis', port: 3128, realm: 'Ofis' });
      const trusted = { senderFrame: { url: 'app://console/index.html' } } as unknown as IpcMainInvokeEvent;
      const answer = (a: unknown) => (fake.ipcHandlers.get(IPC_INVOKE.answerProxyAuth.channel) as Handler)(trusted, a);
      expect(await answer({ id: 'not-asked', username: 'x', password: 'y' })).toMatchObject({ ok: true });
      expect(first).not.toHaveBeenCalled();
      expect(await answer({ id: request.id, username: 'ayse', password: 'ofis-1' })).toMatchObject({ ok: true });
      await vi.waitFor(() => expect(first).toHaveBeenCalledWith('ayse', 'ofis-1'));
      expect(second).toHaveBeenCalledWith('ayse', 'ofis-1');
      // Remembered for the session: the next challenge asks no one.
      const third = vi.fn();
      login(third);
      await vi.waitFor(() => expect(third).toHaveBeenCalledWith('ayse', 'ofis-1'));
      expect(win.webContents.sent.filter(([c]) => c === IPC_EVENTS.onProxyAuth)).toHaveLength(1);
    } finally {
      await handle.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a cancelled form gives Chromium no credentials', async () => {
    const { createProxyPrompt } = await import('./proxyPrompt');
    const sent: { id: string }[] = [];
    const prompt = createProxyPrompt({ show: async () => undefined, send: (r) => sent.push(r), randomId: () => 'p-1' });
    const auth = createProxyAuth({ log, prompt: (i) => prompt.ask(i) });
    const callback = vi.fn();
    auth.onLogin(
      { preventDefault: vi.fn() } as never,
      null,
      {} as never,
      { isProxy: true, host: 'p', port: 8080 } as never,
      callback,
    );
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    prompt.answer({ id: 'p-1', cancel: true });
    await vi.waitFor(() => expect(callback).toHaveBeenCalledWith());
  });
});
