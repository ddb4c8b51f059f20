// GET /v1/snapshot for channels the log could not replay, validated before use.
import { ErrorBody, LiveError, Snapshot } from '../protocol';
import type { HttpFetch } from './ports';

export async function loadSnapshot(
  http: HttpFetch,
  server: string,
  token: string | undefined,
  channels: string[],
): Promise<Snapshot> {
  const url = `${server.replace(/\/+$/, '')}/v1/snapshot?channels=${channels.map(encodeURIComponent).join(',')}`;
  let res;
  try {
    res = await http(url, { method: 'GET', headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new LiveError('unavailable', `Cannot reach ${server}`);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new LiveError('unavailable', `The snapshot from ${server} is not JSON (HTTP ${res.status})`);
  }
  if (res.status !== 200) {
    const err = ErrorBody.safeParse(body);
    throw err.success ? LiveError.fromPayload(err.data.error) : new LiveError('unavailable', `HTTP ${res.status}`);
  }
  const parsed = Snapshot.safeParse(body);
  if (!parsed.success) throw new LiveError('unavailable', `The snapshot from ${server} has an unexpected shape`);
  return parsed.data;
}
