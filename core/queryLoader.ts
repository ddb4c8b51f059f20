// Runs a query of the gateway (GET /v1/orders, /v1/stock, /v1/alerts, /v1/orders/{key}) with the
// user's token and checks its answer before a console sees it. Exports (CSV) are not read here:
// the host streams them to disk from a download ticket (exportTicket in liveHost.ts).
import { ErrorBody, LiveError, QUERY_ANSWERS, queryPath, type QueryAnswer, type QueryRequest } from '../protocol';
import type { HttpFetch } from './ports';

export async function loadQuery(
  http: HttpFetch,
  server: string,
  token: string | undefined,
  req: QueryRequest,
): Promise<QueryAnswer> {
  const url = `${server.replace(/\/+$/, '')}${queryPath(req)}`;
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
    throw new LiveError('unavailable', `The answer from ${server} is not JSON (HTTP ${res.status})`);
  }
  if (res.status !== 200) {
    const err = ErrorBody.safeParse(body);
    throw err.success ? LiveError.fromPayload(err.data.error) : new LiveError('unavailable', `HTTP ${res.status}`);
  }
  const parsed = QUERY_ANSWERS[req.resource].safeParse(body);
  if (!parsed.success)
    throw new LiveError('unavailable', `The ${req.resource} from ${server} have an unexpected shape`);
  return parsed.data;
}
