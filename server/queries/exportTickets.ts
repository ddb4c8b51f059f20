// Download tickets of CSV exports. A browser saves a download straight to disk only from a plain
// GET, which cannot carry the user's `Authorization` header; so the console first asks for a
// ticket (POST /v1/exports, with the bearer token) and the GET carries that instead. A ticket is
// 32 random bytes, only its SHA-256 is stored (SQL: every node of a cluster sees the same row),
// it is used up by its first redemption, expires after 60 s, runs as the user who asked for it,
// only for the exact query it was made for, and not once that user's session has ended.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { EXPORT_TICKET_TTL_MS, LiveError, Role, type ExportRequest } from '../../protocol';
import type { Identity } from '../auth/tokens';
import type { Database } from '../db/schema';

export type ExportResource = ExportRequest['resource'];

export interface ExportTickets {
  /** A new ticket for `identity` to download `resource` with `query` (canonical, see canonicalQuery). */
  issue(identity: Identity, resource: ExportResource, query: string): Promise<{ ticket: string; expiresAt: number }>;
  /**
   * Uses the ticket up and answers whose export it is; `unauthorized` when it is unknown, used,
   * expired, made for another query, or its session has ended (a failed attempt uses it up too).
   */
  redeem(ticket: string, resource: ExportResource, query: string): Promise<Identity>;
}

const hash = (ticket: string) => createHash('sha256').update(ticket).digest('base64url');

/**
 * One spelling of a query string, whatever order its parameters came in: non-empty values sorted
 * by name, without the ticket itself. Repeated parameters cannot be spelled, so never match.
 */
export function canonicalQuery(query: Record<string, unknown>): string | undefined {
  const entries: [string, string][] = [];
  for (const [key, value] of Object.entries(query)) {
    if (key === 'ticket' || value === '' || value === undefined) continue;
    if (typeof value !== 'string') return undefined;
    entries.push([key, value]);
  }
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

/** The log-safe form of a URL: a ticket in its query string shows only its first characters. */
export function redactTicket(url: string): string {
  return url.replace(/([?&]ticket=)([^&]{0,6})[^&]*/g, '$1$2…');
}

const refused = () =>
  new LiveError('unauthorized', 'This download link is not valid: it was used, expired or made for another export');

export function createExportTickets(
  db: Kysely<Database>,
  deps: { now?: () => number; isRevoked: (sessionId: string) => Promise<boolean>; ttlMs?: number },
): ExportTickets {
  const now = deps.now ?? Date.now;
  const ttl = deps.ttlMs ?? EXPORT_TICKET_TTL_MS;
  return {
    async issue(identity, resource, query) {
      const t = now();
      // Rows a minute past their expiry are of no use to anyone (bounded: the index on expires_at).
      await db
        .deleteFrom('export_tickets')
        .where('expires_at', '<', t - 60_000)
        .execute();
      const ticket = randomBytes(32).toString('base64url');
      const expiresAt = t + ttl;
      await db
        .insertInto('export_tickets')
        .values({
          ticket_hash: hash(ticket),
          user_id: identity.userId,
          name: identity.name,
          role: identity.role,
          session_id: identity.sessionId ?? null,
          resource,
          query,
          created_at: t,
          expires_at: expiresAt,
          used_at: null,
        })
        .execute();
      return { ticket, expiresAt };
    },

    async redeem(ticket, resource, query) {
      const t = now();
      const key = hash(ticket);
      // Used up by this statement, or by nobody: of two redemptions at once only one updates the row.
      const used = await db
        .updateTable('export_tickets')
        .set({ used_at: t })
        .where('ticket_hash', '=', key)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) throw refused();
      const row = await db.selectFrom('export_tickets').selectAll().where('ticket_hash', '=', key).executeTakeFirst();
      if (!row || Number(row.expires_at) <= t || row.resource !== resource || row.query !== query) throw refused();
      if (row.session_id && (await deps.isRevoked(row.session_id)))
        throw new LiveError('unauthorized', 'The session has ended');
      const role = Role.safeParse(row.role);
      if (!role.success) throw refused();
      return {
        userId: row.user_id,
        name: row.name,
        role: role.data,
        ...(row.session_id ? { sessionId: row.session_id } : {}),
        expiresAt: Number(row.expires_at),
      };
    },
  };
}
