// GET /v1/orders, /v1/orders/:orderKey, /v1/stock and /v1/alerts (Bearer access token): queries over
// the SQL projection, a page of JSON or (format=csv) the whole filtered list as a streamed CSV — which
// a download ticket of POST /v1/exports may fetch instead of the token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  AlertsQuery,
  EXPORT_TICKET_PATTERN,
  LiveError,
  OrderParams,
  OrdersQuery,
  StockQuery,
  istanbulDayStart,
  parseOrThrow,
} from '../../protocol';
import type { Identity } from '../auth/tokens';
import type { AlertQueries } from '../queries/alertQueries';
import { ALERT_COLUMNS, ORDER_COLUMNS, STOCK_COLUMNS, csvStream, type CsvColumns } from '../queries/csv';
import { canonicalQuery, type ExportResource, type ExportTickets } from '../queries/exportTickets';
import type { OrderQueries } from '../queries/orderQueries';
import type { StockQueries } from '../queries/stockQueries';
import { identityOf, type Authenticate } from './bearer';

export interface QueryDeps {
  authenticate: Authenticate;
  orders: OrderQueries;
  stock: StockQueries;
  alerts: AlertQueries;
  /** Download tickets (POST /v1/exports) a CSV export accepts in place of the bearer token. */
  tickets?: ExportTickets;
  now?: () => number;
}

export function registerQueryRoutes(app: FastifyInstance, deps: QueryDeps): void {
  const now = deps.now ?? Date.now;
  const who = (authorization: string | undefined) => identityOf(deps.authenticate, authorization);

  /** The caller of a list: its bearer token, or a download ticket made for exactly this export. */
  async function lister(req: FastifyRequest, resource: ExportResource): Promise<Identity> {
    const query = req.query as Record<string, unknown>;
    if (query.ticket === undefined) return who(req.headers.authorization);
    const canonical = canonicalQuery(query);
    if (!deps.tickets || typeof query.ticket !== 'string' || !EXPORT_TICKET_PATTERN.test(query.ticket) || !canonical)
      throw new LiveError('unauthorized', 'This download link is not valid');
    // A bearer token beside the ticket must be the same user's.
    const bearer = req.headers.authorization ? await who(req.headers.authorization) : undefined;
    const identity = await deps.tickets.redeem(query.ticket, resource, canonical);
    if (bearer && bearer.userId !== identity.userId)
      throw new LiveError('unauthorized', 'This download link is not valid');
    return identity;
  }

  /** `siparisler-2026-12-07.csv`: the Istanbul date of the export in its name. */
  function sendCsv<T>(reply: FastifyReply, name: string, columns: CsvColumns<T>, batches: AsyncIterable<T[]>) {
    const day = new Date(istanbulDayStart(now()) + 3 * 3_600_000).toISOString().slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}-${day}.csv"`)
      .header('cache-control', 'no-store')
      .send(csvStream(columns, batches));
  }

  app.get('/v1/orders', async (req, reply) => {
    const identity = await lister(req, 'orders');
    const query = parseOrThrow(OrdersQuery, req.query, 'orders query');
    if (query.format === 'csv') return sendCsv(reply, 'siparisler', ORDER_COLUMNS, deps.orders.all(query, identity));
    return deps.orders.page(query, identity);
  });
  app.get('/v1/orders/:orderKey', async (req) => {
    const identity = await who(req.headers.authorization);
    const { orderKey } = parseOrThrow(OrderParams, req.params, 'order key');
    return deps.orders.detail(orderKey, identity);
  });
  app.get('/v1/stock', async (req, reply) => {
    const identity = await lister(req, 'stock');
    const query = parseOrThrow(StockQuery, req.query, 'stock query');
    if (query.format === 'csv') return sendCsv(reply, 'stok', STOCK_COLUMNS, deps.stock.all(query, identity));
    return deps.stock.page(query, identity);
  });
  app.get('/v1/alerts', async (req, reply) => {
    const identity = await lister(req, 'alerts');
    const query = parseOrThrow(AlertsQuery, req.query, 'alerts query');
    if (query.format === 'csv') return sendCsv(reply, 'uyarilar', ALERT_COLUMNS, deps.alerts.all(query, identity));
    return deps.alerts.page(query, identity);
  });
}
