// The SQL tables, shared by SQLite (embedded) and PostgreSQL (clustered). Times are epoch ms.
import type { ColumnType, Generated } from 'kysely';

export interface UsersTable {
  id: string;
  username: string;
  name: string;
  role: string;
  password_hash: string;
  disabled_at: number | null;
  created_at: number;
  updated_at: number;
}

/** A login session: the family of refresh tokens that rotate from one login. */
export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: number;
  revoked_at: number | null;
  revoked_reason: string | null;
}

export interface RefreshTokensTable {
  /** SHA-256 of the token, base64url: the token itself is never stored. */
  token_hash: string;
  session_id: string;
  expires_at: number;
  created_at: number;
  /** Set when this token was exchanged for the next one; a second use is a theft signal. */
  rotated_at: number | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
}

export type { ColumnType, Generated };
