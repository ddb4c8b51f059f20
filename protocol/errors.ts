// Error codes of the whole system, with their HTTP status, and the error every part throws.
import { z } from 'zod';

export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unknown_channel: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  token_expired: 401,
  forbidden: 403,
  not_found: 404,
  idempotency_conflict: 409,
  already_claimed: 409,
  misdirected_request: 421,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  draining: 503,
  /** The gateway's disk is read-only or failing: nothing can be kept until it is fixed. */
  storage_unavailable: 503,
  /** The gateway's disk is full: nothing can be kept until space returns. */
  storage_full: 507,
  timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * Refusals that answer the action itself — someone else holds the order, the alert is gone, the
 * role may not — rather than say anything about the connection: shown where the action was made,
 * never as connection trouble.
 */
export const BUSINESS_REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'already_claimed',
  'not_found',
  'forbidden',
]);
export const ErrorCode = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

export const Issue = z.object({ path: z.string(), message: z.string() });
export type Issue = z.infer<typeof Issue>;

export const ErrorPayload = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;

/** The body of every HTTP error response. */
export const ErrorBody = z.object({ error: ErrorPayload });
export type ErrorBody = z.infer<typeof ErrorBody>;

export class LiveError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'LiveError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toPayload(): ErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromPayload(p: ErrorPayload): LiveError {
    return new LiveError(p.code, p.message, p.details);
  }
}

/** Zod issues as `[{path, message}]`, the form every validation error carries in `details.issues`. */
export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
}

/** Parses `input` or throws `validation_failed` with readable paths. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  const first = issues[0];
  const where = first && first.path ? ` at ${first.path}` : '';
  throw new LiveError('validation_failed', `Invalid ${what}${where}: ${first?.message ?? 'rejected'}`, {
    issues,
  });
}
