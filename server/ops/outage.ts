// Which errors of PostgreSQL and Redis clients mean "the dependency cannot be reached now" (answer
// 503 and retry) rather than "this call is wrong" (a bug, 500): connection faults, timeouts,
// shutdowns, no free slots, refused credentials.
import { DependencyTimeout } from './circuit';
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// SQLSTATE classes: 08 connection exception, 57 operator intervention (shutdown, statement
// timeout), 53 insufficient resources (too many connections, disk full), 28 bad credentials.
const SQLSTATE_CLASSES = ['08', '57', '53', '28'];

const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|not queryable|Connection ended|connection is closed|Command timed out|MaxRetriesPerRequest|NOAUTH|WRONGPASS|LOADING|READONLY/i;

export function isDependencyOutage(err: unknown): boolean {
  if (err instanceof DependencyTimeout) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && SQLSTATE_CLASSES.includes(code.slice(0, 2))) return true;
  }
  return MESSAGES.test(err.message);
}
