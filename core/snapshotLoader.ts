// GET /v1/snapshot for channels the log could not replay, validated before use.
import { Snapshot } from '../protocol';
import { requestJson } from './apiClient';
import type { HttpFetch } from './ports';

export async function loadSnapshot(
  http: HttpFetch,
  server: string,
  token: string | undefined,
  channels: string[],
): Promise<Snapshot> {
  const path = `/v1/snapshot?channels=${channels.map(encodeURIComponent).join(',')}`;
  return requestJson(http, server, token, { path, what: 'snapshot' }, Snapshot);
}
