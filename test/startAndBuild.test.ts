// The promises of the README: `npm run build` makes the three bundles and the gateway's JavaScript,
// `npm run gateway` runs that build (not TypeScript), and `npm start` runs the console against an
// embedded demo gateway with its feed (here: the web console, no Electron).
import { spawn, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../scripts/electronBinary.mjs';
import { freePort } from '../server/test/gatewayProcess';
import { loginAs, waitFor } from '../server/test/live';

const ROOT = path.resolve(__dirname, '..');
const temp = mkdtempSync(path.join(tmpdir(), 'meschain-start-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('npm run build', () => {
  it('produces out/main, a single-file out/preload and out/renderer', () => {
    const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(path.join(ROOT, 'out/main'))).toContain('index.js');
    expect(readdirSync(path.join(ROOT, 'out/preload'))).toEqual(['index.cjs']);
    const renderer = readdirSync(path.join(ROOT, 'out/renderer'));
    expect(renderer).toContain('index.html');
    expect(renderer).toContain('assets');
  });

  it('bundles the gateway and its tools to out/server, importing production dependencies only', () => {
    expect(readdirSync(path.join(ROOT, 'out/server'))).toEqual(
      expect.arrayContaining(['main.js', 'users.js', 'keys.js', 'main.js.map']),
    );
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const meta = JSON.parse(readFileSync(path.join(ROOT, 'out/server/meta.json'), 'utf8')) as {
      outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
    };
    const packages = new Set<string>();
    for (const out of Object.values(meta.outputs))
      for (const i of out.imports)
        if (i.external && !i.path.startsWith('node:') && !builtinModules.includes(i.path))
          packages.add(
            i.path.startsWith('@') ? i.path.split('/').slice(0, 2).join('/') : (i.path.split('/')[0] as string),
          );
    expect(packages.size).toBeGreaterThan(5);
    expect([...packages].filter((p) => !(p in pkg.dependencies))).toEqual([]);
    // Nothing of the TypeScript tooling is left for production to need.
    expect([...packages]).not.toContain('tsx');
  });
});

describe('npm run gateway', () => {
  it('runs the built JavaScript with the same environment: serves, signs in, stops on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn('npm', ['run', 'gateway'], {
      cwd: ROOT,
      env: {
        ...process.env,
        LIVE_PORT: String(port),
        LIVE_DATA_DIR: path.join(temp, 'gateway-data'),
        LIVE_DEMO: '1',
        LIVE_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const url = `http://127.0.0.1:${port}`;
    let pids: string[] = [];
    try {
      await waitFor(
        () => out.includes('gateway listening'),
        () => `the gateway to listen:\n${out}`,
        60_000,
      );
      expect(out).toContain('run-built.mjs main');
      // The process serving the port runs out/server/main.js in Node, not TypeScript through tsx.
      pids = spawnSync('pgrep', ['-g', String(child.pid)], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter(Boolean);
      const commands = pids.map((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        } catch {
          return '';
        }
      });
      expect(commands.join('\n')).toContain('scripts/run-built.mjs main');
      expect(commands.join('\n')).not.toMatch(/tsx|server\/main\.ts/);
      expect(await (await fetch(`${url}/v1/info`)).json()).toMatchObject({ version: expect.any(String), demo: true });
      expect((await loginAs(url, 'depo')).user.role).toBe('warehouse');
    } finally {
      process.kill(-(child.pid as number), 'SIGTERM');
      await exited;
    }
    // npm exits at once; the gateway under it drains first: it has stopped when its process has.
    await waitFor(
      () => pids.every((pid) => !existsSync(`/proc/${pid}`)),
      () => `the gateway's processes to exit after SIGTERM:\n${out}`,
      30_000,
    );
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('says to build first when out/server is missing', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/run-built.mjs'), 'no-such-tool'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('meschain-live: out/server/no-such-tool.js is missing: run `npm run build` first');
  });
});

describe('what goes into the app', () => {
  it('a --dir package (stub Electron, fuses off for this run) holds the bundles, package.json and resources only', () => {
    // Electron's binary cannot be fetched here: a stub distribution stands in, and fuses (which
    // need the real binary) are left out of this run's copy of the configuration.
    const stub = path.join(temp, 'electron-dist');
    mkdirSync(stub, { recursive: true });
    writeFileSync(path.join(stub, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(path.join(stub, 'version'), '45.5.0');
    const config = yaml.load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
    delete config.electronFuses;
    delete config.publish;
    const out = path.join(temp, 'release');
    const configFile = path.join(temp, 'electron-builder.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        ...config,
        electronDist: stub,
        electronVersion: '45.5.0',
        directories: { output: out, buildResources: 'build' },
      }),
    );
    const r = spawnSync('npx', ['electron-builder', '--linux', 'dir', '--config', configFile, '--publish', 'never'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);

    const resources = path.join(out, 'linux-unpacked', 'resources');
    const listing = spawnSync('npx', ['asar', 'list', path.join(resources, 'app.asar')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const entries = listing.stdout.split('\n').filter(Boolean);
    const files = entries.filter((e) => /\.[a-z0-9]+$/.test(e));
    expect(files.length).toBeGreaterThan(3);
    const unexpected = files.filter((f) => !/^\/(out\/(main|preload|renderer)\/|package\.json$)/.test(f));
    expect(unexpected).toEqual([]);
    expect(files.filter((f) => /\.(ts|tsx|map)$|test|node_modules|server/.test(f))).toEqual([]);
    expect(files).toEqual(
      expect.arrayContaining(['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']),
    );
    // Tray icons and sounds ship as resources beside the archive.
    expect(readdirSync(path.join(resources, 'tray'))).toContain('connected-24.png');
    expect(readdirSync(path.join(resources, 'sounds')).sort()).toEqual(['critical.wav', 'high.wav', 'normal.wav']);
    // Nothing of the gateway made it into the main bundle.
    const main = readFileSync(path.join(ROOT, 'out/main/index.js'), 'utf8');
    for (const serverOnly of ['fastify', 'better-sqlite3', 'ioredis', 'kysely'])
      expect(main, serverOnly).not.toContain(`"${serverOnly}"`);
  }, 300_000);
});

describe('npm start', () => {
  it('finds Electron only from its files', () => {
    const root = path.join(temp, 'app');
    expect(electronBinary(root, {})).toBeUndefined();
    mkdirSync(path.join(root, 'node_modules/electron/dist'), { recursive: true });
    writeFileSync(path.join(root, 'node_modules/electron/path.txt'), 'electron');
    expect(electronBinary(root, {})).toBeUndefined(); // path.txt alone: the binary was never fetched
    writeFileSync(path.join(root, 'node_modules/electron/dist/electron'), '');
    expect(electronBinary(root, {})).toBe(path.join(root, 'node_modules/electron/dist/electron'));
    expect(electronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: path.join(temp, 'none') })).toBeUndefined();
  });

  it('serves the web console with demo users and the demo feed, and prints its URL', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: ROOT,
      env: {
        ...process.env,
        LIVE_PORT: String(port),
        LIVE_DATA_DIR: path.join(temp, 'data'),
        LIVE_DEMO_FEED: '20',
        LIVE_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const url = await waitFor(
        () => /web console: (http:\/\/\S+)/.exec(out)?.[1],
        () => `the URL line in:\n${out}`,
        60_000,
      );
      expect(url).toBe(`http://127.0.0.1:${port}`);
      const page = await fetch(url, { headers: { accept: 'text/html' } });
      expect(await page.text()).toContain('<title>MesChain Live</title>');
      expect(await (await fetch(`${url}/v1/info`)).json()).toMatchObject({ demo: true });

      const { accessToken } = await loginAs(url, 'depo');
      const socket = io(`${url}/live`, { transports: ['websocket'], auth: { token: accessToken }, forceNew: true });
      let events = 0;
      socket.on('event', () => events++);
      socket.on(
        'connect',
        () =>
          void socket.emit(
            'subscribe',
            { channels: [{ channel: 'orders' }, { channel: 'inventory' }] },
            () => undefined,
          ),
      );
      await waitFor(() => events >= 5, 'demo feed events', 20_000);
      socket.disconnect();
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    // The gateway went with it: nothing listens any more.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
