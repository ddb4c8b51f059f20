// Named JSON Schemas made from the protocol's zod schemas (z.toJSONSchema), shared by the OpenAPI
// and AsyncAPI documents and the published schema files: a schema named here is emitted once and
// referred to by `$ref` wherever it is used.
import { z } from 'zod';
import {
  AcceptedEvent,
  ActionRequest,
  Delivery,
  ErrorBody,
  ErrorPayload,
  EventInput,
  HealthResponse,
  InfoResponse,
  IngestRequest,
  IngestResponse,
  InventoryPayload,
  LiveEvent,
  MetricPayload,
  Money,
  OrderPayload,
  PresenceEntry,
  PricePayload,
  ProducerEvent,
  ReadyResponse,
  ResultEvent,
  ResultPayloads,
  Snapshot,
  SubscribeRequest,
  SystemAlertPayload,
  TokenResponse,
} from '../../protocol';

export type JsonSchema = Record<string, unknown>;

/** The named schemas, in the order they are published. */
export const NAMED_SCHEMAS: Record<string, z.ZodType> = {
  Money,
  OrderPayload,
  InventoryPayload,
  PricePayload,
  MetricPayload,
  SystemAlertPayload,
  EventInput,
  IngestRequest,
  ProducerEvent,
  ...Object.fromEntries(
    Object.entries(ResultPayloads).map(([type, schema]) => [
      `${type.toLowerCase().replace(/(^|_)(\w)/g, (_m, _u, c: string) => c.toUpperCase())}Payload`,
      schema,
    ]),
  ),
  ResultEvent,
  LiveEvent,
  Delivery,
  AcceptedEvent,
  IngestResponse,
  TokenResponse,
  Snapshot,
  PresenceEntry,
  SubscribeRequest,
  ActionRequest,
  InfoResponse,
  HealthResponse,
  ReadyResponse,
  ErrorPayload,
  ErrorBody,
};

export interface ComponentOptions {
  target: 'draft-2020-12' | 'draft-7';
  /** Where a named schema lives, for `$ref`s between them. */
  uri: (name: string) => string;
  /** Request bodies are read as input (before transforms); answers as output. */
  io?: 'input' | 'output';
}

/** Every named schema (plus `extra`) as JSON Schema, referring to each other through `uri`. */
export function namedJsonSchemas(
  options: ComponentOptions,
  extra: Record<string, z.ZodType> = {},
): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries({ ...NAMED_SCHEMAS, ...extra })) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: options.target,
    io: options.io ?? 'output',
    uri: options.uri,
    unrepresentable: 'any',
  });
  const out: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _s, $id: _i, ...rest } = schema as JsonSchema;
    out[id] = rest;
  }
  return out;
}

/** A named schema by `$ref`; any other one inline (query parameters, ad-hoc answers). */
export function schemaOrRef(
  schema: z.ZodType,
  options: ComponentOptions,
  extra: Record<string, z.ZodType> = {},
): JsonSchema {
  for (const [id, named] of Object.entries({ ...NAMED_SCHEMAS, ...extra }))
    if (named === schema) return { $ref: options.uri(id) };
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, {
    target: options.target,
    io: options.io ?? 'output',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}
