// The deployment files of deploy/, each checked as far as this machine allows: the systemd unit
// with systemd-analyze, the Prometheus rules with promtool (syntax and their unit tests), the
// Grafana dashboard's and the rules' queries against the metrics a real gateway exports, and the
// container recipe and compose file by their structure and the files and settings they name (no
// container engine runs here, so neither is built nor started).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../server/config';
import { startGatewayProcess, type GatewayProcess } from '../server/test/gatewayProcess';
import { connectLive } from '../server/test/live';

const ROOT = path.resolve(__dirname, '..');
const DEPLOY = path.join(ROOT, 'deploy');
const temp = mkdtempSync(path.join(tmpdir(), 'meschain-deploy-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const text = (file: string) => readFileSync(path.join(DEPLOY, file), 'utf8');
const has = (cmd: string, arg = '--version') => spawnSync(cmd, [arg]).status === 0;

/** An env file's assignments (KEY=value lines). */
function envFile(file: string): Record<string, string> {
  return Object.fromEntries(
    text(file)
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

/** Settings are what the gateway accepts: loadConfig throws one line per bad value. */
function acceptedByGateway(env: Record<string, string>): void {
  try {
    loadConfig({ ...env, LIVE_RULES: env.LIVE_RULES && path.join(DEPLOY, 'live-rules.example.yaml') });
  } catch (err) {
    throw new Error(err instanceof ConfigError ? err.lines.join('\n') : String(err));
  }
  // Every variable is one the README documents.
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const name of Object.keys(env)) expect(readme, name).toContain(`\`${name}\``);
}

describe('systemd unit', () => {
  it.skipIf(!has('systemd-analyze'))('passes systemd-analyze verify without a warning', () => {
    // The unit names /usr/bin/node (Debian's nodejs); verify checks that it exists and runs.
    const unit = text('systemd/meschain-live.service').replace('/usr/bin/node', process.execPath);
    const file = path.join(temp, 'meschain-live.service');
    writeFileSync(file, unit);
    const r = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
    expect({ status: r.status, out: (r.stdout + r.stderr).trim() }).toEqual({ status: 0, out: '' });
  });

  it('runs the built gateway, reloads rules with SIGHUP, and its env example is a valid configuration', () => {
    const unit = text('systemd/meschain-live.service');
    expect(unit).toMatch(
      /^ExecStart=\/usr\/bin\/node --enable-source-maps \/opt\/meschain-live\/out\/server\/main\.js$/m,
    );
    expect(readFileSync(path.join(ROOT, 'scripts/build-gateway.mjs'), 'utf8')).toContain("main: 'server/main.ts'");
    expect(unit).toMatch(/^ExecReload=\/bin\/kill -HUP \$MAINPID$/m);
    expect(unit).toMatch(/^StateDirectoryMode=0700$/m);
    const env = envFile('systemd/gateway.env.example');
    expect(env.LIVE_DATA_DIR).toBe('/var/lib/meschain-live');
    acceptedByGateway(env);
  });
});

describe('container image and compose file (structure only: no container engine here)', () => {
  const dockerfile = text('docker/Dockerfile');
  const compose = yaml.load(text('compose/compose.yaml')) as {
    services: Record<string, Record<string, unknown>>;
    secrets: Record<string, { file: string }>;
  };

  it('Dockerfile: Node 20, builds with npm run build, ships the build and production dependencies, runs main.js', () => {
    const from = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(from.every((image) => image?.startsWith('node:20-'))).toBe(true);
    expect(dockerfile).toMatch(/^RUN npm run build && npm prune --omit=dev/m);
    const copied = [...dockerfile.matchAll(/^COPY --from=build \/app\/(\S+) /gm)].map((m) => m[1]);
    expect(copied.sort()).toEqual(['node_modules', 'out/renderer', 'out/server', 'package.json']);
    expect(dockerfile).toContain('CMD ["node", "--enable-source-maps", "out/server/main.js"]');
    expect(dockerfile).toMatch(/^USER node$/m);
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['node_modules', 'out', 'data', '.git']) expect(ignored).toContain(entry);
    // The image's defaults are a valid configuration.
    acceptedByGateway({ LIVE_HOST: '0.0.0.0', LIVE_PORT: '8080', LIVE_DATA_DIR: '/data' });
  });

  it('compose: two gateways, Redis, PostgreSQL and nginx wired as the nginx example expects', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['gateway-1', 'gateway-2', 'nginx', 'postgres', 'redis']);
    const ip = (name: string) =>
      ((compose.services[name]?.networks as Record<string, { ipv4_address: string }>).live as { ipv4_address: string })
        .ipv4_address;
    const nginxConf = text('nginx/meschain-live.conf');
    for (const name of ['gateway-1', 'gateway-2']) {
      const g = compose.services[name] as {
        build: { context: string; dockerfile: string };
        environment: Record<string, string>;
        env_file: string;
        depends_on: Record<string, { condition: string }>;
      };
      const context = path.resolve(DEPLOY, 'compose', g.build.context);
      expect(existsSync(path.join(context, 'package.json'))).toBe(true);
      expect(existsSync(path.join(context, g.build.dockerfile))).toBe(true);
      expect(existsSync(path.join(DEPLOY, 'compose', `${g.env_file}.example`))).toBe(true);
      expect(g.depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
      // nginx's upstreams are these addresses; the gateways trust nginx's address as their proxy.
      expect(nginxConf).toContain(`server ${ip(name)}:8080`);
      expect(g.environment.LIVE_TRUST_PROXY).toBe(ip('nginx'));
      // Compose fills ${POSTGRES_PASSWORD} in from deploy/compose/.env.
      const env: Record<string, string> = {
        ...envFile('compose/gateway.env.example'),
        ...g.environment,
        DATABASE_URL: (g.environment.DATABASE_URL as string).replace(/\$\{[^}]+\}/, 'secret'),
      };
      expect(new URL(env.DATABASE_URL ?? '').hostname).toBe('postgres');
      expect(new URL(env.REDIS_URL ?? '').hostname).toBe('redis');
      acceptedByGateway(env);
    }
    const volumes = compose.services.nginx?.volumes as string[];
    expect(volumes).toContain('../nginx/meschain-live.conf:/etc/nginx/conf.d/meschain-live.conf:ro');
    expect(nginxConf).toContain('/etc/ssl/meschain-live/');
    expect(volumes).toContain('./certs:/etc/ssl/meschain-live:ro');
    expect(compose.secrets['jwt-keys']?.file).toBe('./secrets/jwt-keys.json');
  });
});

describe('monitoring', () => {
  let gw: GatewayProcess;
  let exported: Set<string>;
  beforeAll(async () => {
    gw = await startGatewayProcess();
    const c = await connectLive(gw.url);
    c.close();
    exported = new Set<string>();
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    for (const [, name, type] of metrics.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
      exported.add(name as string);
      if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) exported.add(`${name}${s}`);
    }
  });
  afterAll(() => gw?.dispose());

  /** Metric names a PromQL expression reads (ours all start with live_; `up` is Prometheus' own). */
  const metricsOf = (expr: string) => [...expr.matchAll(/\b(live_[a-z0-9_]+)\b/g)].map((m) => m[1] as string);

  it('promtool: the rules are valid, their unit tests pass, and the scrape config with them', () => {
    const dir = path.join(DEPLOY, 'prometheus');
    for (const args of [
      ['check', 'rules', 'meschain-live.rules.yml'],
      ['test', 'rules', 'meschain-live.rules.test.yml'],
      ['check', 'config', 'prometheus.yml'],
    ]) {
      const r = spawnSync('promtool', args, { cwd: dir, encoding: 'utf8' });
      expect(r.error, 'promtool (Debian package prometheus) must be installed').toBeUndefined();
      expect(r.status, `${args.join(' ')}:\n${r.stdout}${r.stderr}`).toBe(0);
    }
  });

  it('every metric the alert rules read is one the gateway exports', () => {
    const rules = yaml.load(text('prometheus/meschain-live.rules.yml')) as { groups: { rules: { expr: string }[] }[] };
    const used = rules.groups.flatMap((g) => g.rules.flatMap((r) => metricsOf(r.expr)));
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((m) => !exported.has(m))).toEqual([]);
  });

  it('the Grafana dashboard is well-formed and every query reads exported metrics', () => {
    const dash = JSON.parse(text('grafana/meschain-live.json')) as {
      uid: string;
      schemaVersion: number;
      panels: {
        id: number;
        gridPos: { x: number; y: number; w: number; h: number };
        datasource: { uid: string };
        targets: { expr: string; refId: string }[];
      }[];
    };
    expect(dash.uid).toBe('meschain-live-gateway');
    expect(dash.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(new Set(dash.panels.map((p) => p.id)).size).toBe(dash.panels.length);
    // Panels inside the 24-column grid and not on top of each other.
    const cells = new Set<string>();
    for (const p of dash.panels) {
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++)
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          expect(cells.has(`${x},${y}`), `panel ${p.id} overlaps`).toBe(false);
          cells.add(`${x},${y}`);
        }
      expect(p.datasource.uid).toBe('${DS_PROMETHEUS}');
      expect(p.targets.length).toBeGreaterThan(0);
    }
    const used = dash.panels.flatMap((p) => p.targets.flatMap((t) => metricsOf(t.expr)));
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((m) => !exported.has(m))).toEqual([]);
  });
});
