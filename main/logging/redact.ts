// What must never reach a log file: tokens, passwords, cookies and the like. Field names are
// censored by pino's redaction; strings (messages, error texts, URLs) are scrubbed of anything
// that looks like a token, because an error message can carry one that no field name announces.

/** Field names whose values are secrets wherever they appear (pino redact paths, one level deep and top). */
export const SECRET_KEYS = [
  'token',
  'accessToken',
  'refreshToken',
  'password',
  'authorization',
  'Authorization',
  'cookie',
  'auth',
  'secret',
  'proxyPassword',
] as const;

export const REDACT_PATHS = [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`)];

export const CENSOR = '[redacted]';

const PATTERNS: [RegExp, string][] = [
  // A JWT (three base64url parts, the first a JSON header).
  [/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, CENSOR],
  // Authorization headers as text.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${CENSOR}`],
  // key=value or "key":"value" pairs in URLs, query strings and JSON text.
  [/((?:access_?token|refresh_?token|token|password|passwd|secret)["']?\s*[:=]\s*["']?)[^"'&\s,;}]+/gi, `$1${CENSOR}`],
  // A bare opaque token: the gateway's refresh tokens are 32 random bytes in base64url (43
  // characters); ids (UUIDs, order numbers) are shorter and stay readable.
  [/(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{40,}(?![A-Za-z0-9_-])/g, CENSOR],
  // Credentials in a URL (https://user:pass@host).
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^@\s/]+@/gi, `$1${CENSOR}@`],
];

/** The text with every token-like part replaced. */
export function scrubText(text: string): string {
  let out = text;
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

/** Scrubs every string inside a value (bounded depth: a log line is not a data dump). */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  // Deeper than any record we write: dropped rather than passed on unscrubbed.
  if (depth > 8) return '[too deep]';
  if (value instanceof Error) {
    return { type: value.name, message: scrubText(value.message), stack: value.stack && scrubText(value.stack) };
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = (SECRET_KEYS as readonly string[]).includes(k) ? CENSOR : scrubValue(v, depth + 1);
  }
  return out;
}
