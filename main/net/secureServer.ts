// A gateway address the desktop accepts: https (so wss for the socket), or plain http only on this
// machine (a local demo gateway). Anything else would send passwords and tokens in the clear.
import { LiveError } from '../../protocol';

export const INSECURE_SERVER = 'insecure_server';

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** Throws `validation_failed` (reason `insecure_server`, on the `server` field) for http off loopback. */
export function requireSecureServer(server: string): void {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return; // not an address at all: the schema's own check says so
  }
  if (url.protocol === 'https:' || url.protocol === 'wss:') return;
  if ((url.protocol === 'http:' || url.protocol === 'ws:') && isLoopbackHost(url.hostname)) return;
  const message = 'The desktop app connects to a server over https:// only (http:// is allowed on this computer alone)';
  throw new LiveError('validation_failed', message, {
    reason: INSECURE_SERVER,
    issues: [{ path: 'server', message }],
  });
}
