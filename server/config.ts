// Gateway configuration: read from the environment once at start, every value validated.
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_RULES, readRulesFile, RulesFileError, type RulesFile } from './ingest/rulesFile';

const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const urlOf = (protocols: string[]) =>
  z.string().refine((u) => URL.canParse(u) && protocols.includes(new URL(u).protocol.replace(/:$/, '')), {
    message: `a ${protocols.join(' or ')} URL`,
  });

const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0),
);

const TRANSPORTS = ['websocket', 'polling'] as const;

/** `LIVE_LIMITS`: comma-separated `name=integer` pairs overriding the defaults below. */
export const DEFAULT_LIMITS = {
  /** Largest socket message or HTTP body accepted, in bytes. */
  maxMessageBytes: 64 * 1024,
  /** Largest `POST /v1/events` body. */
  maxIngestBytes: 1024 * 1024,
  /** Events in one ingest batch. */
  maxBatch: 500,
  /** Events kept per channel log (embedded ring). */
  logRetention: 10_000,
  /** Bytes of events kept per channel log (embedded; the clustered log is bounded by events). */
  logRetentionBytes: 32 * 1024 * 1024,
  /** Event ids remembered to refuse a duplicate: how many (embedded), how long in seconds (clustered). */
  dedupeWindow: 200_000,
  dedupeSeconds: 86_400,
  /** Socket messages per second, per socket and per user (all their devices). */
  socketRate: 50,
  userRate: 100,
  /** Rate-limit refusals within 10 s after which a socket is cut off. */
  maxStrikes: 50,
  /** New socket connections per minute from one IP address without a valid token. */
  connectRate: 120,
  /**
   * New socket connections per minute of one signed-in user (a valid token): an office behind one
   * address reconnecting together is limited per person, not as one address.
   */
  connectUserRate: 60,
  /** Connection attempts per minute from one IP address before any token is read (floods). */
  connectFloodRate: 3000,
  /** Failed sign-ins per 15 minutes for one address and username. */
  loginFailures: 10,
  /** Failed sign-ins per 15 minutes for one username, from any address. */
  loginFailuresPerUser: 50,
  /** Failed sign-ins per 15 minutes from one address, for any username. */
  loginFailuresPerAddress: 50,
  /** Seconds a request (its body included) may take to arrive before it is cut off. */
  requestSeconds: 30,
  /** Seconds a draining gateway waits for in-flight work before it exits anyway. */
  drainSeconds: 10,
  /** Seconds between the gateway's heartbeat pings (Engine.IO's pingInterval); each one times the round trip. */
  heartbeatSeconds: 25,
  /**
   * Seconds the gateway waits for the answer to a heartbeat ping (Engine.IO's pingTimeout) before
   * it closes the connection as frozen (logged, counted, and told to the client when it is back).
   */
  heartbeatTimeoutSeconds: 20,
  /** Lifetime of an access token, seconds. */
  accessTokenSeconds: 600,
  /** Lifetime of a CSV export's download ticket (POST /v1/exports), seconds; it is also used up once. */
  exportTicketSeconds: 60,
  /** Download tickets per minute of one user. */
  exportsPerMinute: 30,
  /** A node that stops renewing its presence entries loses them after this many seconds. */
  presenceTtlSeconds: 60,
  /** A socket with more than this waiting to be sent is a slow consumer and is cut off. */
  slowConsumerBytes: 8 * 1024 * 1024,
  slowConsumerPackets: 20_000,
  /**
   * Deliveries of one channel that arrive together (one ingest batch) go to each client in one
   * `events` frame of at most this many; 1 sends every event in a frame of its own.
   */
  maxFrameEvents: 100,
  /**
   * While the event loop lags by `frameLagMs` or more, a channel's deliveries of the next this many
   * ms share a frame (the first is sent at once, never held back). 0: only one batch shares a frame.
   * `frameLagMs=0` batches whatever the lag.
   */
  frameWindowMs: 8,
  frameLagMs: 5,
  /**
   * A catch-up replay goes in chunks of at most this many events and bytes (all channels of one
   * `subscribe` together), each pulled by the client after the one before: a slow link catches up
   * at its own pace. Counted on top of the slow-consumer cap, not against it.
   */
  replayChunkEvents: 500,
  replayChunkBytes: 256 * 1024,
  /**
   * Connections the kernel queues before the gateway accepts them (capped by net.core.somaxconn):
   * a whole office reconnecting after a restart must not find the queue full and wait for SYN
   * retransmits.
   */
  listenBacklog: 2048,
  /**
   * METRIC_UPDATE per channel and marketplace: at most one enters the log per this many ms; the
   * others of the window are merged into one at its end (latest value of each key). 0: none merged.
   */
  metricWindowMs: 1000,
  /**
   * Longest wait for one Redis command or SQL query (and for connecting): past it the dependency
   * counts as down, the caller gets 503 `unavailable` and the dependency's circuit opens.
   */
  dependencyTimeoutMs: 3000,
  /** Seconds start-up may take to reach its databases; past it the gateway exits with one line. */
  startTimeoutSeconds: 15,
};

/** Limits for which 0 means something (off); the others must be at least 1. */
const ZERO_ALLOWED = new Set<string>(['metricWindowMs', 'frameWindowMs', 'frameLagMs']);
export type Limits = typeof DEFAULT_LIMITS;

const limits = z.string().transform((s, ctx) => {
  const out: Limits = { ...DEFAULT_LIMITS };
  for (const pair of s
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value] = pair.split('=').map((x) => x.trim());
    if (!name || !Object.hasOwn(DEFAULT_LIMITS, name)) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown limit "${name}" (known: ${Object.keys(DEFAULT_LIMITS).join(', ')})`,
      });
      return z.NEVER;
    }
    const min = ZERO_ALLOWED.has(name) ? 0 : 1;
    if (!value || !/^\d+$/.test(value) || Number(value) < min) {
      ctx.addIssue({
        code: 'custom',
        message: `${name} must be ${min === 0 ? 'an integer ≥ 0' : 'a positive integer'}, got "${value}"`,
      });
      return z.NEVER;
    }
    out[name as keyof Limits] = Number(value);
  }
  return out;
});

const EnvSchema = z.object({
  LIVE_HOST: z
    .string()
    .refine((h) => h === 'localhost' || isIP(h) !== 0, { message: 'an IP address or localhost' })
    .default('127.0.0.1'),
  LIVE_PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  LIVE_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: urlOf(['postgres', 'postgresql']).optional(),
  LIVE_DB_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case PostgreSQL schema name')
    .default('public'),
  REDIS_URL: urlOf(['redis', 'rediss']).optional(),
  LIVE_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:.-]{1,64}$/, 'letters, digits and _ : . - (up to 64)')
    .default('meschain-live:'),
  LIVE_NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits and _ . - (up to 64)')
    .optional(),
  LIVE_JWT_KEYS_FILE: z.string().min(1).optional(),
  LIVE_JWT_JWKS_URL: urlOf(['https', 'http']).optional(),
  LIVE_INGEST_TOKENS: csv
    .refine((t) => t.every((x) => x.length >= 16), { message: 'tokens of at least 16 characters' })
    .default([]),
  LIVE_METRICS_TOKEN: z.string().min(16, 'a token of at least 16 characters').optional(),
  LIVE_TRUST_PROXY: csv
    .refine((list) => list.every((a) => isIP(a) !== 0), { message: 'comma-separated IP addresses of your proxies' })
    .default([]),
  LIVE_ALLOWED_ORIGINS: csv
    .refine((list) => list.every((o) => o === '*' || URL.canParse(o)), {
      message: 'comma-separated origins such as https://console.example.com',
    })
    .default([]),
  LIVE_TRANSPORTS: csv.pipe(z.array(z.enum(TRANSPORTS)).min(1)).default(['websocket']),
  LIVE_LIMITS: limits.default({ ...DEFAULT_LIMITS }),
  LIVE_DEMO: bool.default(false),
  LIVE_DEMO_FEED: z.coerce.number().min(0).max(10_000).default(0),
  LIVE_DEMO_SEED: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  LIVE_CONSOLE_DIR: z.string().min(1).optional(),
  LIVE_RULES: z.string().min(1).optional(),
  LIVE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface GatewayConfig {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  /** PostgreSQL schema (LIVE_DB_SCHEMA); lets several deployments or test runs share a database. */
  databaseSchema: string;
  redisUrl?: string;
  /** Prefix of every Redis key (LIVE_REDIS_PREFIX). */
  redisPrefix: string;
  /** This node's name in a cluster (LIVE_NODE_ID); generated when absent. */
  nodeId?: string;
  jwtKeysFile?: string;
  jwksUrl?: string;
  ingestTokens: string[];
  /** Bearer token for /metrics; without it /metrics answers loopback peers only. */
  metricsToken?: string;
  allowedOrigins: string[];
  /** Proxies (nginx) whose X-Forwarded-For names the real client (LIVE_TRUST_PROXY). */
  trustedProxies: string[];
  transports: (typeof TRANSPORTS)[number][];
  limits: Limits;
  demo: boolean;
  demoFeedRate: number;
  demoSeed?: number;
  consoleDir: string;
  /** The alert thresholds file (LIVE_RULES), re-read on SIGHUP; absent: the defaults. */
  rulesFile?: string;
  /** The thresholds read from it at start (or the defaults). */
  rules: RulesFile;
  logLevel: z.infer<typeof EnvSchema>['LIVE_LOG_LEVEL'];
}

export class ConfigError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'ConfigError';
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/** Parses the environment; a bad value throws a ConfigError with one line per variable. */
export function loadConfig(env: Record<string, string | undefined>, root = process.cwd()): GatewayConfig {
  const present = Object.fromEntries(
    Object.keys(EnvSchema.shape)
      .map((k) => [k, env[k]?.trim()] as const)
      .filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      return `${name}: ${i.message} (got "${present[name] ?? ''}")`;
    });
    throw new ConfigError([...new Set(lines)]);
  }
  const e = parsed.data;
  if (e.LIVE_DEMO && !isLoopback(e.LIVE_HOST)) {
    throw new ConfigError([
      `LIVE_DEMO: demo mode seeds well-known passwords and runs only on a loopback LIVE_HOST (got "${e.LIVE_HOST}")`,
    ]);
  }
  const rulesFile = e.LIVE_RULES === undefined ? undefined : path.resolve(root, e.LIVE_RULES);
  let rules = DEFAULT_RULES;
  if (rulesFile !== undefined) {
    try {
      rules = readRulesFile(rulesFile);
    } catch (err) {
      if (err instanceof RulesFileError) throw new ConfigError([`LIVE_RULES: ${err.message}`]);
      throw err;
    }
  }
  return {
    host: e.LIVE_HOST,
    port: e.LIVE_PORT,
    dataDir: path.resolve(root, e.LIVE_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.LIVE_DB_SCHEMA,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.LIVE_REDIS_PREFIX,
    nodeId: e.LIVE_NODE_ID,
    jwtKeysFile: e.LIVE_JWT_KEYS_FILE,
    jwksUrl: e.LIVE_JWT_JWKS_URL,
    ingestTokens: e.LIVE_INGEST_TOKENS,
    metricsToken: e.LIVE_METRICS_TOKEN,
    allowedOrigins: e.LIVE_ALLOWED_ORIGINS,
    trustedProxies: e.LIVE_TRUST_PROXY,
    transports: e.LIVE_TRANSPORTS,
    limits: e.LIVE_LIMITS,
    demo: e.LIVE_DEMO,
    demoFeedRate: e.LIVE_DEMO_FEED,
    demoSeed: e.LIVE_DEMO_SEED,
    consoleDir: path.resolve(root, e.LIVE_CONSOLE_DIR ?? 'out/renderer'),
    rulesFile,
    rules,
    logLevel: e.LIVE_LOG_LEVEL,
  };
}
