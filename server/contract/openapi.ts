// The OpenAPI 3.1 document of the HTTP API, made from the route catalogue and the protocol's zod
// schemas: served at GET /v1/openapi.json and published as docs/api/openapi.json.
import { ERROR_STATUS, type ErrorCode } from '../../protocol';
import { LoginBody, RefreshBody } from '../http/authRoutes';
import { ROUTES, type RouteDoc, type RouteId } from '../http/catalogue';
import { namedJsonSchemas, schemaOrRef, type JsonSchema } from './components';

const uri = (id: string) => `#/components/schemas/${id}`;
/** Request bodies that are not part of the shared protocol, named for the document. */
const REQUESTS = { LoginRequest: LoginBody, RefreshRequest: RefreshBody };

/** Every POST may meet a draining node; every route an unexpected failure. */
function errorsOf(method: string, doc: RouteDoc): ErrorCode[] {
  const codes = new Set<ErrorCode>(doc.errors);
  if (method === 'POST') codes.add('draining');
  codes.add('internal');
  return [...codes];
}

const RETRY_AFTER = { $ref: '#/components/headers/RetryAfter' };

function errorResponses(codes: ErrorCode[]): Record<string, unknown> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  const out: Record<string, unknown> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[String(status)] = {
      description: `Error: ${list.map((c) => `\`${c}\``).join(', ')}`,
      ...(status === 429 || status === 503 ? { headers: { 'Retry-After': RETRY_AFTER } } : {}),
      content: { 'application/json': { schema: { $ref: uri('ErrorBody') } } },
    };
  }
  return out;
}

function parametersOf(doc: RouteDoc): unknown[] {
  const list: unknown[] = [];
  for (const [where, shape] of [
    ['path', doc.params?.shape],
    ['query', doc.query?.shape],
  ] as const) {
    for (const [name, schema] of Object.entries(shape ?? {})) {
      list.push({
        name,
        in: where,
        required: where === 'path' || !schema.safeParse(undefined).success,
        schema: schemaOrRef(schema, { target: 'draft-2020-12', uri, io: 'input' }),
        ...(schema.description ? { description: schema.description } : {}),
      });
    }
  }
  return list;
}

function operationOf(method: string, doc: RouteDoc): JsonSchema {
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(doc.responses)) {
    if (!r) continue;
    const content =
      r.schema || r.contentType
        ? {
            ...(r.schema
              ? { 'application/json': { schema: schemaOrRef(r.schema, { target: 'draft-2020-12', uri }, REQUESTS) } }
              : {}),
            ...(r.contentType ? { [r.contentType]: { schema: { type: 'string' } } } : {}),
          }
        : undefined;
    responses[status] = { description: r.description, ...(content ? { content } : {}) };
  }
  Object.assign(responses, errorResponses(errorsOf(method, doc)));
  const parameters = parametersOf(doc);
  return {
    operationId: doc.operationId,
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    tags: [doc.tag],
    security: doc.auth === 'none' ? [] : [{ [doc.auth]: [] }],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: schemaOrRef(doc.body, { target: 'draft-2020-12', uri, io: 'input' }, REQUESTS),
              },
            },
          },
        }
      : {}),
    responses,
  };
}

export function openApiDocument(version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [id, doc] of Object.entries(ROUTES) as [RouteId, RouteDoc][]) {
    const [method, url] = id.split(' ') as [string, string];
    const path = url.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [method.toLowerCase()]: operationOf(method, doc) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'MesChain Live gateway',
      version,
      summary: 'Real-time operations gateway of a multi-marketplace seller: ingest, sign-in, snapshots',
      description:
        'Producers post events (`POST /v1/events`, service token); consoles sign in, load snapshots and then follow the Socket.IO namespace `/live`, described by the AsyncAPI document at `/v1/asyncapi.json`. Every error is `{error: {code, message, details?}}`; 429 and 503 carry `Retry-After`. Event kinds, priorities and audiences: docs/domain.md; the wire contract in words: docs/protocol.md.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/', description: 'The gateway that serves this document' }],
    tags: [
      { name: 'events', description: 'Producers hand in events' },
      { name: 'auth', description: 'Staff sign in; tokens are renewed and ended' },
      { name: 'snapshot', description: 'State of channels for a console that could not replay' },
      { name: 'queries', description: 'Search, history and exports over the stored orders, stock and alerts' },
      { name: 'operations', description: 'Probes and metrics' },
      { name: 'contract', description: 'These documents' },
      {
        name: 'admin',
        description: 'The admin console (admin role only): connections, channels, health, sessions, the audit log',
      },
    ],
    paths,
    components: {
      schemas: namedJsonSchemas({ target: 'draft-2020-12', uri }, REQUESTS),
      securitySchemes: {
        serviceToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'A producer service token, one of LIVE_INGEST_TOKENS',
        },
        accessToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An access token from /v1/auth/login or /v1/auth/refresh (EdDSA, 10 minutes)',
        },
      },
      headers: {
        RetryAfter: {
          description: 'Seconds to wait before retrying the same request (with the same event ids)',
          schema: { type: 'integer', minimum: 1 },
        },
      },
    },
  };
}
