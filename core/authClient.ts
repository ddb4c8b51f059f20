// The gateway's auth API as seen from the client: login, refresh, logout. Every failure becomes
// a LiveError whose code says what the user can do about it.
import { ErrorBody, LiveError, ServerInfo, SessionUser, type ErrorPayload } from '../protocol';
import { z } from 'zod';
import type { HttpFetch } from './ports';

export const TokenPair = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresIn: z.number().positive(),
  user: SessionUser,
});
export type TokenPair = z.infer<typeof TokenPair>;

/** Network-level failures: the server was not reached, or its certificate was refused. */
function unreachable(server: string, err: unknown): LiveError {
  const message =
    err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : String(err);
  const tls = /certificate|CERT_|SSL|TLS|self[- ]signed/i.test(message);
  return new LiveError(
    'unavailable',
    tls ? `The server's certificate was refused (${server})` : `Cannot reach ${server}`,
    {
      reason: tls ? 'tls' : 'network',
    },
  );
}

async function call(http: HttpFetch, server: string, path: string, body?: unknown): Promise<unknown> {
  let res;
  try {
    res = await http(
      server.replace(/\/+$/, '') + path,
      body === undefined
        ? { method: 'GET', headers: { accept: 'application/json' } }
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );
  } catch (err) {
    throw unreachable(server, err);
  }
  if (res.status === 204) return undefined;
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new LiveError('unavailable', `${server} did not answer like a MesChain Live gateway (HTTP ${res.status})`);
  }
  if (res.status >= 400) {
    const err = ErrorBody.safeParse(json);
    const payload: ErrorPayload = err.success
      ? err.data.error
      : { code: res.status >= 500 ? 'unavailable' : 'bad_request', message: `HTTP ${res.status}` };
    throw LiveError.fromPayload(payload);
  }
  return json;
}

function pair(json: unknown, server: string): TokenPair {
  const parsed = TokenPair.safeParse(json);
  if (!parsed.success) throw new LiveError('unavailable', `${server} answered the login with an unexpected shape`);
  return parsed.data;
}

/** `GET /v1/info`: what the gateway at `server` says of itself. */
export async function serverInfo(http: HttpFetch, server: string): Promise<ServerInfo> {
  const parsed = ServerInfo.safeParse(await call(http, server, '/v1/info'));
  if (!parsed.success) throw new LiveError('unavailable', `${server} is not a MesChain Live gateway`);
  return parsed.data;
}

export async function login(http: HttpFetch, server: string, username: string, password: string): Promise<TokenPair> {
  return pair(await call(http, server, '/v1/auth/login', { username, password }), server);
}

export async function refresh(http: HttpFetch, server: string, refreshToken: string): Promise<TokenPair> {
  return pair(await call(http, server, '/v1/auth/refresh', { refreshToken }), server);
}

export async function logout(http: HttpFetch, server: string, refreshToken: string): Promise<void> {
  await call(http, server, '/v1/auth/logout', { refreshToken });
}
