// Users: one interface, one Kysely implementation for SQLite and PostgreSQL.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DisplayName, LiveError, Role } from '../../protocol';
import type { Database, UsersTable } from '../db/schema';

export interface UserRecord {
  id: string;
  username: string;
  name: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  /** A demo account: signs in only while demo mode is on. */
  demo: boolean;
}

export interface NewUser {
  username: string;
  name: string;
  role: Role;
  passwordHash: string;
  demo?: boolean;
}

export interface UserStore {
  findByUsername(username: string): Promise<UserRecord | undefined>;
  findById(id: string): Promise<UserRecord | undefined>;
  /** Throws `bad_request` when the username is taken. */
  create(user: NewUser): Promise<UserRecord>;
  /** Also makes a demo account a real one: its password is no longer the published one. */
  setPassword(username: string, passwordHash: string): Promise<void>;
  /** Re-hashes with current parameters; nothing else changes. */
  rehash(id: string, passwordHash: string): Promise<void>;
  setDisabled(username: string, disabled: boolean): Promise<void>;
  setRole(username: string, role: Role): Promise<void>;
  list(): Promise<UserRecord[]>;
}

export const USERNAME = /^[a-z0-9._-]{2,64}$/;

function toRecord(row: UsersTable): UserRecord {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    role: Role.parse(row.role),
    passwordHash: row.password_hash,
    disabled: row.disabled_at !== null,
    demo: row.demo === 1,
  };
}

export function createUserStore(db: Kysely<Database>, now: () => number = Date.now): UserStore {
  const one = async (column: 'username' | 'id', value: string) => {
    const row = await db.selectFrom('users').selectAll().where(column, '=', value).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  };
  const mustUpdate = async (username: string, set: Partial<UsersTable>) => {
    const res = await db
      .updateTable('users')
      .set({ ...set, updated_at: now() })
      .where('username', '=', username)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new LiveError('not_found', `No user "${username}"`);
  };

  return {
    findByUsername: (username) => one('username', username),
    findById: (id) => one('id', id),
    async create(user) {
      if (!USERNAME.test(user.username)) {
        throw new LiveError('validation_failed', 'Usernames are 2–64 of a-z, 0-9, . _ -', {
          issues: [{ path: 'username', message: 'invalid username' }],
        });
      }
      const name = DisplayName.safeParse(user.name);
      if (!name.success) {
        throw new LiveError('validation_failed', 'Display names are one line of 1–128 printable characters', {
          issues: [{ path: 'name', message: name.error.issues[0]?.message ?? 'invalid name' }],
        });
      }
      if (await one('username', user.username)) {
        throw new LiveError('bad_request', `User "${user.username}" already exists`);
      }
      const t = now();
      const row: UsersTable = {
        id: `u${randomBytes(6).toString('hex')}`,
        username: user.username,
        name: name.data,
        role: user.role,
        password_hash: user.passwordHash,
        disabled_at: null,
        created_at: t,
        updated_at: t,
        demo: user.demo ? 1 : 0,
      };
      await db.insertInto('users').values(row).execute();
      return toRecord(row);
    },
    setPassword: (username, passwordHash) => mustUpdate(username, { password_hash: passwordHash, demo: 0 }),
    async rehash(id, passwordHash) {
      await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    },
    setDisabled: (username, disabled) => mustUpdate(username, { disabled_at: disabled ? now() : null }),
    setRole: (username, role) => mustUpdate(username, { role }),
    async list() {
      const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
      return rows.map(toRecord);
    },
  };
}
