// Calls to the gateway's HTTP API as the signed-in user: JSON in and out, the answer checked
// against its schema before anything uses it, the gateway's own error passed on with its code.
import type { z } from 'zod';
import { ErrorBody, LiveError } from '../protocol';
import type { HttpFetch } from './ports';

export interface ApiRequest {
  method?: 'GET' | 'POST';
  /** From the server's root, with its query string: `/v1/admin/health`. */
  path: string;
  body?: unknown;
  /** What the answer is, in words, for the error when it is not what was expected. */
  what: string;
}

export async function requestJson<S extends z.ZodType>(
  http: HttpFetch,
  server: string,
  token: string | undefined,
  req: ApiRequest,
  schema: S,
): Promise<z.infer<S>> {
  const url = `${server.replace(/\/+$/, '')}${req.path}`;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await http(url, {
      method: req.method ?? 'GET',
      headers,
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
    });
  } catch {
    throw new LiveError('unavailable', `Cannot reach ${server}`);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new LiveError('unavailable', `The ${req.what} from ${server} is not JSON (HTTP ${res.status})`);
  }
  if (res.status < 200 || res.status > 299) {
    const err = ErrorBody.safeParse(body);
    throw err.success ? LiveError.fromPayload(err.data.error) : new LiveError('unavailable', `HTTP ${res.status}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new LiveError('unavailable', `The ${req.what} from ${server} has an unexpected shape`);
  return parsed.data;
}
