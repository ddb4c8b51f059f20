// POST /v1/exports (Bearer access token): a download ticket for one CSV export, so a browser can
// save it with a plain GET straight to disk (server/queries/exportTickets.ts says why and how).
import type { FastifyInstance } from 'fastify';
import {
  AlertsQuery,
  ExportRequest,
  LiveError,
  OrdersQuery,
  StockQuery,
  canRead,
  parseOrThrow,
  type ExportTicket,
} from '../../protocol';
import type { Limiter } from '../limits/limiter';
import { canonicalQuery, type ExportTickets } from '../queries/exportTickets';
import { identityOf, type Authenticate } from './bearer';

export interface ExportDeps {
  authenticate: Authenticate;
  tickets: ExportTickets;
  /** Tickets per user and minute. */
  limiter: Limiter;
}

const QUERIES = { orders: OrdersQuery, stock: StockQuery, alerts: AlertsQuery } as const;
/** The channel whose readers may export a list (alerts: each role reads its own, filtered). */
const CHANNEL_OF = { orders: 'orders', stock: 'inventory' } as const;

export function registerExportRoutes(app: FastifyInstance, deps: ExportDeps): void {
  app.post('/v1/exports', async (req): Promise<ExportTicket> => {
    const identity = await identityOf(deps.authenticate, req.headers.authorization);
    const limit = await deps.limiter.consume(identity.userId);
    if (!limit.ok)
      throw new LiveError('rate_limited', 'Too many exports; try again later', { retryAfterMs: limit.retryAfterMs });
    const { resource, params } = parseOrThrow(ExportRequest, req.body, 'export');
    const { ticket: _ticket, cursor: _cursor, limit: _limit, ...filter } = params;
    const wanted = { ...filter, format: 'csv' };
    // Checked now, so a bad filter is refused here and not in a download the browser shows as failed.
    parseOrThrow(QUERIES[resource], wanted, `${resource} query`);
    // A role that may not read the list is refused here too, not first at the download.
    const channel = resource === 'alerts' ? undefined : CHANNEL_OF[resource];
    if (channel && !canRead(identity.role, identity.userId, channel)) {
      throw new LiveError('forbidden', `Role ${identity.role} may not export ${resource}`, { channels: [channel] });
    }
    const query = canonicalQuery(wanted) as string;
    const { ticket, expiresAt } = await deps.tickets.issue(identity, resource, query);
    return { url: `/v1/${resource}?${query}&ticket=${ticket}`, expiresAt };
  });
}
