// Login sessions and their rotating refresh tokens. A refresh token is used once; presenting a
// rotated one again means it was copied, so the whole session (the token family) is revoked.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
export const newToken = () => randomBytes(32).toString('base64url');

export type RotateResult =
  | { status: 'rotated'; sessionId: string; userId: string }
  | { status: 'reused'; sessionId: string; userId: string }
  | { status: 'invalid' };

export interface SessionStore {
  /** Opens a session with its first refresh token; returns the session id. */
  create(userId: string, refreshToken: string, expiresAt: number): Promise<string>;
  /** Exchanges `oldToken` for `newToken` in the same session, exactly once. */
  rotate(oldToken: string, newToken: string, expiresAt: number): Promise<RotateResult>;
  /** The session of a refresh token that is still valid (not rotated, revoked or expired). */
  sessionOf(refreshToken: string): Promise<{ sessionId: string; userId: string } | undefined>;
  revoke(sessionId: string, reason: string): Promise<void>;
  /** Ends every open session of a user; resolves to their ids. */
  revokeUser(userId: string, reason: string): Promise<string[]>;
  /** Sessions ended at or after `since` (epoch ms), whoever ended them, oldest first. */
  revokedSince(since: number): Promise<{ sessionId: string; revokedAt: number }[]>;
  isRevoked(sessionId: string): Promise<boolean>;
  /** Sessions not ended, newest first, with their user (for the admin console). */
  listOpen(limit: number): Promise<{ sessionId: string; userId: string; username: string; createdAt: number }[]>;
}

/** A refresh token with the state of its session. */
function tokenRow(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom('refresh_tokens')
    .innerJoin('sessions', 'sessions.id', 'refresh_tokens.session_id')
    .select([
      'refresh_tokens.session_id',
      'refresh_tokens.expires_at',
      'refresh_tokens.rotated_at',
      'sessions.user_id',
      'sessions.revoked_at',
    ])
    .where('refresh_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export function createSessionStore(db: Kysely<Database>, now: () => number = Date.now): SessionStore {
  async function liveSession(sessionId: string) {
    return db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
  }

  return {
    async create(userId, refreshToken, expiresAt) {
      const id = `s${randomBytes(9)
        .toString('base64url')
        .replace(/[^A-Za-z0-9]/g, 'x')}`;
      const t = now();
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('sessions')
          .values({ id, user_id: userId, created_at: t, revoked_at: null, revoked_reason: null })
          .execute();
        await tx
          .insertInto('refresh_tokens')
          .values({
            token_hash: hashToken(refreshToken),
            session_id: id,
            expires_at: expiresAt,
            created_at: t,
            rotated_at: null,
          })
          .execute();
      });
      return id;
    },

    async rotate(oldToken, next, expiresAt) {
      const t = now();
      const oldHash = hashToken(oldToken);
      return db.transaction().execute(async (tx): Promise<RotateResult> => {
        const row = await tokenRow(tx, oldHash);
        if (!row || row.revoked_at !== null || row.expires_at <= t) return { status: 'invalid' };
        // Only one exchange of a token can succeed, even when two race.
        const claimed = await tx
          .updateTable('refresh_tokens')
          .set({ rotated_at: t })
          .where('token_hash', '=', oldHash)
          .where('rotated_at', 'is', null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) === 0)
          return { status: 'reused', sessionId: row.session_id, userId: row.user_id };
        await tx
          .insertInto('refresh_tokens')
          .values({
            token_hash: hashToken(next),
            session_id: row.session_id,
            expires_at: expiresAt,
            created_at: t,
            rotated_at: null,
          })
          .execute();
        return { status: 'rotated', sessionId: row.session_id, userId: row.user_id };
      });
    },

    async sessionOf(refreshToken) {
      const row = await tokenRow(db, hashToken(refreshToken));
      if (!row || row.revoked_at !== null || row.rotated_at !== null || row.expires_at <= now()) return undefined;
      return { sessionId: row.session_id, userId: row.user_id };
    },

    async revoke(sessionId, reason) {
      await db
        .updateTable('sessions')
        .set({ revoked_at: now(), revoked_reason: reason })
        .where('id', '=', sessionId)
        .where('revoked_at', 'is', null)
        .execute();
    },

    async revokeUser(userId, reason) {
      const open = await db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .execute();
      if (open.length === 0) return [];
      await db
        .updateTable('sessions')
        .set({ revoked_at: now(), revoked_reason: reason })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .execute();
      return open.map((r) => r.id);
    },

    async revokedSince(since) {
      const rows = await db
        .selectFrom('sessions')
        .select(['id', 'revoked_at'])
        .where('revoked_at', '>=', since)
        .orderBy('revoked_at')
        .limit(10_000)
        .execute();
      return rows.map((r) => ({ sessionId: r.id, revokedAt: Number(r.revoked_at) }));
    },

    async listOpen(limit) {
      const rows = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['sessions.id', 'sessions.user_id', 'users.username', 'sessions.created_at'])
        .where('sessions.revoked_at', 'is', null)
        .orderBy('sessions.created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        sessionId: r.id,
        userId: r.user_id,
        username: r.username,
        createdAt: Number(r.created_at),
      }));
    },

    async isRevoked(sessionId) {
      const row = await liveSession(sessionId);
      return !row || row.revoked_at !== null;
    },
  };
}
