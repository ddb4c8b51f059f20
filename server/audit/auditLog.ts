// The audit log of security events: sign-ins (ok and failed), refusals, revocations, user changes
// and admin actions. Each entry is written twice: as a structured log line (for log shipping) and
// as a row of the SQL table `audit_log` (for the admin console, newest first, by cursor).
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditLogTable, Database } from '../db/schema';
import type { Logger } from '../logger';

export type AuditOutcome = 'ok' | 'failed' | 'refused';

export interface AuditEntry {
  action: string;
  outcome: AuditOutcome;
  userId?: string;
  username?: string;
  address?: string;
  subject?: string;
  details?: Record<string, unknown>;
}

export interface AuditRecord extends AuditEntry {
  id: string;
  at: number;
}

export interface AuditPage {
  items: AuditRecord[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

export interface AuditLog {
  /** Never throws: a failed write is logged, the event it records goes on. */
  record(entry: AuditEntry): Promise<void>;
  list(options?: { before?: string; limit?: number }): Promise<AuditPage>;
}

// Ids sort by time: the ms timestamp in base36 (fixed width), then randomness.
const newId = (at: number) => `${at.toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;
const clip = (v: string | undefined, max: number) => (v === undefined ? null : v.slice(0, max));

function toRecord(row: AuditLogTable): AuditRecord {
  let details: Record<string, unknown> | undefined;
  try {
    details = row.details ? (JSON.parse(row.details) as Record<string, unknown>) : undefined;
  } catch {
    details = undefined;
  }
  return {
    id: row.id,
    at: Number(row.at),
    action: row.action,
    outcome: row.outcome as AuditOutcome,
    ...(row.user_id ? { userId: row.user_id } : {}),
    ...(row.username ? { username: row.username } : {}),
    ...(row.address ? { address: row.address } : {}),
    ...(row.subject ? { subject: row.subject } : {}),
    ...(details ? { details } : {}),
  };
}

export function createAuditLog(deps: { db: Kysely<Database>; logger: Logger; now?: () => number }): AuditLog {
  const now = deps.now ?? Date.now;
  return {
    async record(entry) {
      const at = now();
      const id = newId(at);
      deps.logger.info({ audit: { id, ...entry } }, `audit ${entry.action} ${entry.outcome}`);
      try {
        await deps.db
          .insertInto('audit_log')
          .values({
            id,
            at,
            action: entry.action.slice(0, 48),
            outcome: entry.outcome,
            user_id: clip(entry.userId, 64),
            username: clip(entry.username, 64),
            address: clip(entry.address, 64),
            subject: clip(entry.subject, 160),
            details: entry.details ? JSON.stringify(entry.details) : null,
          })
          .execute();
      } catch (err) {
        deps.logger.error({ err, audit: { id, action: entry.action } }, 'audit entry not stored');
      }
    },
    async list(options = {}) {
      const limit = Math.min(Math.max(options.limit ?? 100, 1), 500);
      let q = deps.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(limit + 1);
      if (options.before) q = q.where('id', '<', options.before);
      const rows = await q.execute();
      const items = rows.slice(0, limit).map(toRecord);
      return rows.length > limit ? { items, nextCursor: items.at(-1)?.id } : { items };
    },
  };
}
