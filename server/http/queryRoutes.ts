// GET /v1/orders, /v1/orders/:orderKey, /v1/stock and /v1/alerts (Bearer access token): queries over
// the SQL projection, a page of JSON or (format=csv) the whole filtered list as a streamed CSV.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AlertsQuery, OrderParams, OrdersQuery, StockQuery, istanbulDayStart, parseOrThrow } from '../../protocol';
import type { AlertQueries } from '../queries/alertQueries';
import { ALERT_COLUMNS, ORDER_COLUMNS, STOCK_COLUMNS, csvStream, type CsvColumns } from '../queries/csv';
import type { OrderQueries } from '../queries/orderQueries';
import type { StockQueries } from '../queries/stockQueries';
import { identityOf, type Authenticate } from './bearer';

export interface QueryDeps {
  authenticate: Authenticate;
  orders: OrderQueries;
  stock: StockQueries;
  alerts: AlertQueries;
  now?: () => number;
}

export function registerQueryRoutes(app: FastifyInstance, deps: QueryDeps): void {
  const now = deps.now ?? Date.now;
  const who = (authorization: string | undefined) => identityOf(deps.authenticate, authorization);

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
    const identity = await who(req.headers.authorization);
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
    const identity = await who(req.headers.authorization);
    const query = parseOrThrow(StockQuery, req.query, 'stock query');
    if (query.format === 'csv') return sendCsv(reply, 'stok', STOCK_COLUMNS, deps.stock.all(query, identity));
    return deps.stock.page(query, identity);
  });
  app.get('/v1/alerts', async (req, reply) => {
    const identity = await who(req.headers.authorization);
    const query = parseOrThrow(AlertsQuery, req.query, 'alerts query');
    if (query.format === 'csv') return sendCsv(reply, 'uyarilar', ALERT_COLUMNS, deps.alerts.all(query, identity));
    return deps.alerts.page(query, identity);
  });
}
