// Bodies of the HTTP API that are not events or snapshots: what producers and clients get back.
// The route catalogue (server/http/catalogue.ts) names these; docs/api/openapi.json is made from it.
import { z } from 'zod';
import { SessionUser } from './bridge';
import { EventInput } from './events';

/** `POST /v1/events`: one envelope, or a batch of 1–maxBatch (500) taken all or nothing. */
export const IngestRequest = z.union([EventInput, z.strictObject({ events: z.array(EventInput).min(1).max(500) })]);

export const AcceptedEvent = z.object({
  id: z.uuid(),
  channel: z.string(),
  /** Its place in the channel's log; absent for a METRIC_UPDATE merged into its window's event. */
  offset: z.number().int().min(1).optional(),
  /** The id was placed before: `offset` is the one it was first given. */
  duplicate: z.boolean(),
  /** A METRIC_UPDATE whose values go out within `metricWindowMs`, merged with others of its window. */
  coalesced: z.literal(true).optional(),
});
export type AcceptedEvent = z.infer<typeof AcceptedEvent>;

export const IngestResponse = z.object({ accepted: z.array(AcceptedEvent) });

/** Sign-in and refresh: a new access token, a new single-use refresh token, and who signed in. */
export const TokenResponse = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().min(1),
  user: SessionUser,
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export const InfoResponse = z.object({
  version: z.string(),
  demo: z.boolean(),
  features: z.array(z.string()),
});
export type InfoResponse = z.infer<typeof InfoResponse>;

export const HealthResponse = z.object({ status: z.literal('ok') });

export const ReadyResponse = z.object({
  ready: z.boolean(),
  draining: z.boolean(),
  /** Each dependency by name (`database`, `storage`, clustered also `redis`): true when it answered. */
  checks: z.record(z.string(), z.boolean()),
  /** What is wrong where it is known, e.g. `{storage: 'disk full'}` (`read-only`, `I/O error`). */
  faults: z.record(z.string(), z.string()).optional(),
});
export type ReadyResponse = z.infer<typeof ReadyResponse>;
