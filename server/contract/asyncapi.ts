// The AsyncAPI 3 document of the Socket.IO namespace `/live`, from the gateway's point of view
// (it receives what consoles send and answers through acknowledgements; it sends deliveries,
// presence and session notices). Made from the socket event catalogue and the protocol's zod
// schemas: served at GET /v1/asyncapi.json and published as docs/api/asyncapi.json.
import type { z } from 'zod';
import { namedJsonSchemas, schemaOrRef, type JsonSchema } from './components';
import { CLIENT_EVENTS, HANDSHAKE_ERROR, SERVER_EVENTS, type SocketEventDoc } from './socketEvents';

const uri = (id: string) => `#/components/schemas/${id}`;
const options = { target: 'draft-7' as const, uri };
const channelRef = { $ref: '#/channels/live' };

/** `auth:refresh` → `authRefresh`: names usable as keys of the document. */
const keyOf = (event: string) => event.replace(/[:_-](\w)/g, (_m, c: string) => c.toUpperCase());

function message(name: string, summary: string, payload: z.ZodType, description?: string): JsonSchema {
  return {
    name,
    title: name,
    summary,
    ...(description ? { description } : {}),
    contentType: 'application/json',
    payload: schemaOrRef(payload, options),
  };
}

export function asyncApiDocument(version: string): JsonSchema {
  const messages: Record<string, JsonSchema> = {};
  const operations: Record<string, JsonSchema> = {};
  const add = (event: string, doc: SocketEventDoc, action: 'receive' | 'send') => {
    const key = keyOf(event);
    messages[key] = message(event, doc.summary, doc.payload, doc.description);
    const operation: JsonSchema = {
      action,
      channel: channelRef,
      summary: doc.summary,
      messages: [{ $ref: `#/channels/live/messages/${key}` }],
    };
    if (doc.ack) {
      messages[`${key}Ack`] = message(
        `${event} (ack)`,
        `The acknowledgement of ${event}${doc.ackOptional ? ' (when the sender asked for one)' : ''}`,
        doc.ack,
      );
      operation.reply = { channel: channelRef, messages: [{ $ref: `#/channels/live/messages/${key}Ack` }] };
    }
    operations[`${action === 'receive' ? 'on' : 'emit'}${key[0]?.toUpperCase()}${key.slice(1)}`] = operation;
  };
  for (const [event, doc] of Object.entries(CLIENT_EVENTS)) add(event, doc, 'receive');
  for (const [event, doc] of Object.entries(SERVER_EVENTS)) add(event, doc, 'send');
  add('connect_error', HANDSHAKE_ERROR, 'send');

  return {
    asyncapi: '3.1.0',
    info: {
      title: 'MesChain Live gateway — namespace /live',
      version,
      description:
        'Socket.IO 4 (Engine.IO 4), namespace `/live`, WebSocket transport (long-polling only when LIVE_TRANSPORTS enables it). The handshake carries `auth: {token: <access token>}` from `POST /v1/auth/login`. Every request with an acknowledgement is answered `{ok: false, error: {code, message, details?}}` when it cannot be processed; a request over the rate limit gets `rate_limited` with `details.retryAfterMs`. Event kinds, priorities and audiences: docs/domain.md; in words: docs/protocol.md.',
    },
    defaultContentType: 'application/json',
    servers: {
      gateway: {
        host: '127.0.0.1:8080',
        protocol: 'ws',
        pathname: '/socket.io/',
        description: 'The gateway (LIVE_HOST:LIVE_PORT); behind nginx, wss on 443',
        security: [{ $ref: '#/components/securitySchemes/accessToken' }],
      },
    },
    channels: {
      live: {
        address: '/live',
        title: 'Namespace /live',
        description: 'Everything a console exchanges with the gateway after signing in.',
        messages: Object.fromEntries(Object.keys(messages).map((k) => [k, { $ref: `#/components/messages/${k}` }])),
      },
    },
    operations,
    components: {
      schemas: namedJsonSchemas(options),
      messages,
      securitySchemes: {
        accessToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: "The access token, sent in the Socket.IO handshake's `auth.token` (not a header)",
        },
      },
    },
  };
}
