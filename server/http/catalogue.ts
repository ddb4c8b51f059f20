// The HTTP route catalogue: one entry per route the gateway serves, keyed by `METHOD /path` as
// Fastify registers it (`:name` for path parameters), naming the zod schemas of its input and
// output. docs/api/openapi.json and `GET /v1/openapi.json` are made from it, and a test fails when
// the gateway serves a route that has no entry here (or an entry serves no route).
// Adding a route: register it, then add its entry below (the admin console's managing routes: catalogueAdmin.ts).
import { z } from 'zod';
import {
  AdminChannels,
  AdminConnections,
  AdminHealth,
  AlertCounts,
  AlertPage,
  AlertsQuery,
  OrderDetail,
  OrderPage,
  OrderParams,
  OrdersQuery,
  StockPage,
  StockQuery,
  ErrorBody,
  ExportRequest,
  ExportTicket,
  HealthResponse,
  InfoResponse,
  IngestRequest,
  IngestResponse,
  ReadyResponse,
  Snapshot,
  TokenResponse,
  type ErrorCode,
} from '../../protocol';
import type { TokenPair } from '../auth/authService';
import { ADMIN_MANAGE_ROUTES } from './catalogueAdmin';
import { json, type RouteDoc, type RouteId, type RouteResponse } from './routeDoc';
import { LoginBody, RefreshBody } from './authRoutes';
import type { Info } from './infoRoutes';
import { SnapshotQuery } from './snapshotRoutes';

export type { Method, RouteAuth, RouteDoc, RouteId, RouteResponse } from './routeDoc';

// The catalogue's schemas are the ones the handlers' types come from; these fail to compile when
// a handler's answer and its documented schema drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <T extends true>(): T | undefined => undefined;
same<Same<TokenPair, z.infer<typeof TokenResponse>>>();
same<Same<Info, z.infer<typeof InfoResponse>>>();

/** A page as JSON, or with `format=csv` every match as CSV (both from the same query). */
const pageOrCsv = (description: string, schema: z.ZodType): RouteResponse => ({
  description: `${description}; with \`format=csv\` every match as CSV (UTF-8 with BOM, \`;\` separated, CRLF rows, Turkish numbers, Istanbul dates), streamed`,
  schema,
  contentType: 'text/csv; charset=utf-8',
});
const QUERY_ERRORS: ErrorCode[] = ['validation_failed', 'unauthorized', 'token_expired', 'forbidden'];

export const ROUTES = {
  'POST /v1/events': {
    operationId: 'ingestEvents',
    summary: 'Hand in one event or a batch (all or nothing)',
    description:
      'Validates each envelope, computes priority and audience (docs/domain.md §3), appends it to its channel log and broadcasts it. An id seen before is answered `duplicate: true` with its first offset, so a retry with the same ids is harmless. Retry 429, 503 and 507 after `Retry-After` seconds, and network errors, with the same body.',
    tag: 'events',
    auth: 'serviceToken',
    body: IngestRequest,
    responses: { 202: json('Accepted: each event with its channel and offset', IngestResponse) },
    errors: [
      'bad_request',
      'validation_failed',
      'unauthorized',
      'payload_too_large',
      'unsupported_media_type',
      'unavailable',
      'storage_unavailable',
      'storage_full',
    ],
  },
  'POST /v1/auth/login': {
    operationId: 'login',
    summary: 'Sign in with a username and password',
    description:
      'A wrong password and an unknown user answer the same. Too many failures for one address and username: 429 with `details.retryAfterMs` and `Retry-After`.',
    tag: 'auth',
    auth: 'none',
    body: LoginBody,
    responses: { 200: json('Signed in', TokenResponse) },
    errors: ['bad_request', 'validation_failed', 'invalid_credentials', 'rate_limited'],
  },
  'POST /v1/auth/refresh': {
    operationId: 'refresh',
    summary: 'Exchange a refresh token for new tokens (the old one is used up)',
    description: 'Presenting a refresh token that was already exchanged ends its whole session.',
    tag: 'auth',
    auth: 'none',
    body: RefreshBody,
    responses: { 200: json('New tokens', TokenResponse) },
    errors: ['bad_request', 'validation_failed', 'unauthorized'],
  },
  'POST /v1/auth/logout': {
    operationId: 'logout',
    summary: 'End the session of a refresh token and close its sockets',
    tag: 'auth',
    auth: 'none',
    body: RefreshBody,
    responses: { 204: { description: 'Signed out (also when it already was)' } },
    errors: ['bad_request', 'validation_failed'],
  },
  'GET /v1/snapshot': {
    operationId: 'snapshot',
    summary: "Each channel's state and the log position it is consistent with",
    description:
      'For a client that could not replay (`recovered: false`): load this, then subscribe with `since: {epoch, offset}` of each channel.',
    tag: 'snapshot',
    auth: 'accessToken',
    query: SnapshotQuery,
    responses: { 200: json('The channels asked for, and who is online', Snapshot) },
    errors: ['validation_failed', 'unauthorized', 'token_expired', 'forbidden'],
  },
  'GET /v1/alerts/counts': {
    operationId: 'alertCounts',
    summary: "The user's open and unread alerts per priority",
    description:
      "Over every channel the user's role reads. `open`: not acknowledged nor resolved; `unread`: open and not yet seen by this user in the alert centre (an alert seen again is unread again). Consoles' badges count the same way.",
    tag: 'snapshot',
    auth: 'accessToken',
    responses: { 200: json('Open and unread alerts per priority', AlertCounts) },
    errors: ['unauthorized', 'token_expired'],
  },
  'GET /v1/admin/connections': {
    operationId: 'adminConnections',
    summary: 'Every live connection on every node',
    description:
      "User, session, client (as it said at the handshake), address, heartbeat round trip, channels and screen of each socket, and the load of each node that answered within the adapter's deadline (a node that did not is missing from `nodes`).",
    tag: 'admin',
    auth: 'accessToken',
    responses: { 200: json('Connections and nodes', AdminConnections) },
    errors: ['unauthorized', 'token_expired', 'forbidden'],
  },
  'GET /v1/admin/channels': {
    operationId: 'adminChannels',
    summary: 'Each shared channel: subscribers, events per second, log head and retention',
    description:
      'Events per second are measured between this request and the oldest one of the last 30 s on the same node, so the first request has none.',
    tag: 'admin',
    auth: 'accessToken',
    responses: { 200: json('The shared channels', AdminChannels) },
    errors: ['unauthorized', 'token_expired', 'forbidden'],
  },
  'GET /v1/admin/health': {
    operationId: 'adminHealth',
    summary: "This node's readiness and every node's load",
    tag: 'admin',
    auth: 'accessToken',
    responses: { 200: json('Readiness, dependencies and nodes', AdminHealth) },
    errors: ['unauthorized', 'token_expired', 'forbidden'],
  },
  'GET /v1/orders': {
    operationId: 'orders',
    summary: 'Find orders: search, filter, sort by ship-by, page',
    description:
      'Any order the gateway stored, not only the recent ones a console holds. Keyset pages: a `nextCursor` never repeats or skips an order that did not change meanwhile; one that changed moves to its new place (consoles get it live). With `format=csv` the whole filtered list instead of a page.',
    tag: 'queries',
    auth: 'accessToken',
    query: OrdersQuery,
    responses: { 200: pageOrCsv('A page of orders, with the number of all matches', OrderPage) },
    errors: QUERY_ERRORS,
  },
  'GET /v1/orders/:orderKey': {
    operationId: 'order',
    summary: 'One order with its timeline: every event, claim, release and note',
    tag: 'queries',
    auth: 'accessToken',
    params: OrderParams,
    responses: { 200: json('The order and its timeline, oldest first', OrderDetail) },
    errors: [...QUERY_ERRORS, 'not_found'],
  },
  'GET /v1/stock': {
    operationId: 'stock',
    summary: "Every known SKU's stock: on hand, reserved, available, per-marketplace listing",
    description: 'Healthy SKUs too, sorted by SKU. With `format=csv` the whole filtered list instead of a page.',
    tag: 'queries',
    auth: 'accessToken',
    query: StockQuery,
    responses: { 200: pageOrCsv('A page of SKUs, with the number of all matches', StockPage) },
    errors: QUERY_ERRORS,
  },
  'GET /v1/alerts': {
    operationId: 'alerts',
    summary: 'Alert history: open, acknowledged and resolved, who acknowledged or resolved it and when',
    description:
      "Over the channels the caller's role reads, latest first. Alerts are kept (never deleted), so the history reaches back at least 30 days. With `format=csv` the whole filtered list instead of a page.",
    tag: 'queries',
    auth: 'accessToken',
    query: AlertsQuery,
    responses: { 200: pageOrCsv('A page of alerts, with the number of all matches', AlertPage) },
    errors: QUERY_ERRORS,
  },
  'POST /v1/exports': {
    operationId: 'exportTicket',
    summary: 'A download ticket for one CSV export (orders, stock or alerts with a filter)',
    description:
      "For a browser, which saves a download straight to disk only from a plain GET without an `Authorization` header. The answer's `url` (on this gateway) is the list's `format=csv` query with `ticket=…`: it downloads once, within 60 s, as the caller, for exactly that filter, and not after the caller's session ended. `cursor` and `limit` are dropped (an export has every match). 30 tickets a minute per user, then 429 with `Retry-After`.",
    tag: 'queries',
    auth: 'accessToken',
    body: ExportRequest,
    responses: { 200: json('Where to download the export, and until when (epoch ms)', ExportTicket) },
    errors: ['bad_request', 'validation_failed', 'unauthorized', 'token_expired', 'forbidden', 'rate_limited'],
  },
  'GET /v1/info': {
    operationId: 'info',
    summary: 'Version, demo mode and features of this gateway',
    tag: 'operations',
    auth: 'none',
    responses: { 200: json('About this gateway', InfoResponse) },
    errors: [],
  },
  'GET /v1/openapi.json': {
    operationId: 'openapi',
    summary: 'This document (OpenAPI 3.1)',
    tag: 'contract',
    auth: 'none',
    responses: { 200: json('The OpenAPI document', z.record(z.string(), z.unknown())) },
    errors: [],
  },
  'GET /v1/asyncapi.json': {
    operationId: 'asyncapi',
    summary: 'The AsyncAPI 3 document of the Socket.IO namespace `/live`',
    tag: 'contract',
    auth: 'none',
    responses: { 200: json('The AsyncAPI document', z.record(z.string(), z.unknown())) },
    errors: [],
  },
  'GET /healthz': {
    operationId: 'health',
    summary: 'Liveness: 200 while the process serves requests',
    tag: 'operations',
    auth: 'none',
    responses: { 200: json('Serving', HealthResponse) },
    errors: [],
  },
  'GET /readyz': {
    operationId: 'ready',
    summary: 'Readiness: 200 when this node should get traffic, 503 naming what is down',
    tag: 'operations',
    auth: 'none',
    responses: {
      200: json('Ready', ReadyResponse),
      503: json('Draining, or a dependency does not answer', ReadyResponse),
    },
    errors: [],
  },
  'GET /metrics': {
    operationId: 'metrics',
    summary: 'Prometheus metrics (keep it internal: see docs/operations.md)',
    tag: 'operations',
    auth: 'none',
    responses: {
      200: { description: 'Prometheus text exposition format', contentType: 'text/plain; version=0.0.4' },
    },
    errors: [],
  },
  ...ADMIN_MANAGE_ROUTES,
} as const satisfies Record<RouteId, RouteDoc>;

export type CataloguedRoute = keyof typeof ROUTES;

/** Every error body, whatever the route: for the responses the catalogue lists by code. */
export const ERROR_BODY = ErrorBody;
