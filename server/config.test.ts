// Gateway configuration from the environment: defaults, and one clear line per bad value.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_LIMITS, isLoopback, loadConfig } from './config';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, '/srv/live');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig defaults', () => {
  it('an empty environment gives the documented defaults', () => {
    // toMatchObject: new settings may be added beside these without breaking the defaults.
    expect(loadConfig({}, '/srv/live')).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      dataDir: path.resolve('/srv/live', 'data'),
      databaseUrl: undefined,
      redisUrl: undefined,
      jwtKeysFile: undefined,
      jwksUrl: undefined,
      ingestTokens: [],
      allowedOrigins: [],
      transports: ['websocket'],
      limits: DEFAULT_LIMITS,
      demo: false,
      demoFeedRate: 0,
      demoSeed: undefined,
      consoleDir: path.resolve('/srv/live', 'out/renderer'),
      logLevel: 'info',
    });
    expect(DEFAULT_LIMITS.maxIngestBytes).toBe(1024 * 1024);
  });

  it('empty strings count as unset', () => {
    expect(loadConfig({ LIVE_PORT: '', LIVE_HOST: '' }, '/srv/live')).toMatchObject({ host: '127.0.0.1', port: 8080 });
  });

  it('reads good values', () => {
    const c = loadConfig(
      {
        LIVE_HOST: '::1',
        LIVE_PORT: '0',
        LIVE_DATA_DIR: '/var/lib/live',
        DATABASE_URL: 'postgres://live@db/live',
        REDIS_URL: 'redis://cache:6379',
        LIVE_INGEST_TOKENS: ' 0123456789abcdef , fedcba9876543210abc ',
        LIVE_ALLOWED_ORIGINS: 'https://console.example.com,*',
        LIVE_TRANSPORTS: 'websocket,polling',
        LIVE_LIMITS: 'maxBatch=50, logRetention=200',
        LIVE_DEMO: '1',
        LIVE_DEMO_FEED: '20',
        LIVE_DEMO_SEED: '42',
        LIVE_LOG_LEVEL: 'silent',
        UNRELATED: 'ignored',
      },
      '/srv/live',
    );
    expect(c).toMatchObject({
      host: '::1',
      port: 0,
      dataDir: '/var/lib/live',
      databaseUrl: 'postgres://live@db/live',
      redisUrl: 'redis://cache:6379',
      ingestTokens: ['0123456789abcdef', 'fedcba9876543210abc'],
      allowedOrigins: ['https://console.example.com', '*'],
      transports: ['websocket', 'polling'],
      limits: { ...DEFAULT_LIMITS, maxBatch: 50, logRetention: 200 },
      demo: true,
      demoFeedRate: 20,
      demoSeed: 42,
      logLevel: 'silent',
    });
  });

  it('demo mode is allowed on every loopback host', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) {
      expect(isLoopback(host)).toBe(true);
      expect(loadConfig({ LIVE_DEMO: 'yes', LIVE_HOST: host }).demo).toBe(true);
    }
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('10.0.0.5')).toBe(false);
  });
});

describe('loadConfig refuses bad values with a line naming the variable', () => {
  it.each([
    ['LIVE_PORT', { LIVE_PORT: 'abc' }],
    ['LIVE_PORT', { LIVE_PORT: '70000' }],
    ['LIVE_PORT', { LIVE_PORT: '80.5' }],
    ['LIVE_HOST', { LIVE_HOST: 'not-a-host' }],
    ['LIVE_HOST', { LIVE_HOST: 'gateway.example.com' }],
    ['LIVE_TRANSPORTS', { LIVE_TRANSPORTS: 'carrier-pigeon' }],
    ['LIVE_TRANSPORTS', { LIVE_TRANSPORTS: 'websocket,carrier-pigeon' }],
    ['LIVE_LIMITS', { LIVE_LIMITS: 'foo=1' }],
    ['LIVE_LIMITS', { LIVE_LIMITS: 'maxBatch=many' }],
    ['LIVE_LIMITS', { LIVE_LIMITS: 'maxBatch=0' }],
    ['LIVE_LIMITS', { LIVE_LIMITS: 'metricWindowMs=-1' }],
    ['LIVE_LIMITS', { LIVE_LIMITS: 'maxBatch' }],
    ['LIVE_DEMO', { LIVE_DEMO: '1', LIVE_HOST: '0.0.0.0' }],
    ['LIVE_DEMO', { LIVE_DEMO: 'maybe' }],
    ['DATABASE_URL', { DATABASE_URL: 'http://x' }],
    ['REDIS_URL', { REDIS_URL: 'postgres://db/live' }],
    ['LIVE_INGEST_TOKENS', { LIVE_INGEST_TOKENS: 'short' }],
    ['LIVE_INGEST_TOKENS', { LIVE_INGEST_TOKENS: '0123456789abcdef,short' }],
    ['LIVE_ALLOWED_ORIGINS', { LIVE_ALLOWED_ORIGINS: 'console' }],
    ['LIVE_DEMO_FEED', { LIVE_DEMO_FEED: '-1' }],
    ['LIVE_LOG_LEVEL', { LIVE_LOG_LEVEL: 'loud' }],
  ] as const)('%s: %j', (name, env) => {
    const err = configError(env);
    expect(err.lines).toHaveLength(1);
    expect(err.lines[0]).toMatch(new RegExp(`^${name}: `));
    expect(err.message).toContain(name);
  });

  it('the line quotes the bad value', () => {
    expect(configError({ LIVE_PORT: 'abc' }).lines[0]).toContain('"abc"');
    expect(configError({ LIVE_LIMITS: 'foo=1' }).lines[0]).toMatch(/unknown limit "foo"/);
    // 0 turns coalescing off; it is no limit for the others.
    expect(configError({ LIVE_LIMITS: 'maxBatch=0' }).lines[0]).toMatch(/maxBatch must be a positive integer/);
    expect(loadConfig({ LIVE_LIMITS: 'metricWindowMs=0' }, '/srv/live').limits.metricWindowMs).toBe(0);
  });

  it('several bad values give one line each', () => {
    const err = configError({ LIVE_PORT: 'abc', LIVE_HOST: 'not-a-host', DATABASE_URL: 'http://x' });
    expect(err.lines.map((l) => l.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'LIVE_HOST', 'LIVE_PORT']);
  });

  it.each(['DATABASE_URL', 'REDIS_URL', 'LIVE_JWT_JWKS_URL'])('%s that is not a URL at all', (name) => {
    expect(configError({ [name]: 'not a url' }).lines[0]).toMatch(new RegExp(`^${name}: `));
  });

  it('a blank LIVE_PORT is refused or treated as unset, never read as port 0', () => {
    let port: number;
    try {
      port = loadConfig({ LIVE_PORT: ' ' }).port;
    } catch (err) {
      expect((err as ConfigError).lines[0]).toMatch(/^LIVE_PORT: /);
      return;
    }
    expect(port).toBe(8080);
  });

  it('refuses an inherited property name as a limit', () => {
    expect(configError({ LIVE_LIMITS: 'toString=5' }).lines[0]).toMatch(/^LIVE_LIMITS: /);
  });
});
