// The shape of one entry of the HTTP route catalogue (catalogue.ts), and the helper its entries
// use to name a JSON answer.
import type { z } from 'zod';
import type { ErrorCode } from '../../protocol';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type RouteId = `${Method} /${string}`;

/** Who may call: nobody in particular, a producer's service token, or a signed-in user's access token. */
export type RouteAuth = 'none' | 'serviceToken' | 'accessToken';

export interface RouteResponse {
  description: string;
  /** JSON body; absent for an empty one. */
  schema?: z.ZodType;
  /** Another media type than JSON, instead of it or beside it (its body is described in words). */
  contentType?: string;
}

export interface RouteDoc {
  operationId: string;
  summary: string;
  description?: string;
  tag: 'events' | 'auth' | 'snapshot' | 'queries' | 'operations' | 'contract' | 'admin';
  auth: RouteAuth;
  body?: z.ZodType;
  /** Query string parameters: each key of the object is one parameter. */
  query?: z.ZodObject;
  /** Path parameters (`:name` in the route id). */
  params?: z.ZodObject;
  /** Success responses by status. */
  responses: Partial<Record<number, RouteResponse>>;
  /** Error codes this route answers (`{error: {code, ...}}`, status from protocol/errors.ts). */
  errors: ErrorCode[];
}

export const json = (description: string, schema: z.ZodType): RouteResponse => ({ description, schema });
