// One contract for the user and session stores, run against SQLite and PostgreSQL alike.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqlDatabase } from '../db/database';
import { BACKENDS, type TestDatabase } from '../test/databases';
import { createSessionStore, newToken } from './sessionStore';
import { createUserStore } from './userStore';

describe.each(BACKENDS.map((make) => [make().name, make] as const))('stores on %s', (_name, make) => {
  let backend: TestDatabase;
  let sql: SqlDatabase;
  let t = 1_000_000;
  const now = () => t;

  beforeEach(async () => {
    backend = make();
    sql = await backend.open();
  });
  afterEach(async () => backend.cleanup());

  const newUser = (username = 'ayse') =>
    createUserStore(sql.db, now).create({ username, name: 'Ayşe', role: 'warehouse', passwordHash: 'h1' });

  it('creates, finds, lists, re-passwords and disables users', async () => {
    const users = createUserStore(sql.db, now);
    const u = await newUser();
    expect(await users.findByUsername('ayse')).toEqual(u);
    expect(await users.findById(u.id)).toEqual(u);
    await users.setPassword('ayse', 'h2');
    await users.setDisabled('ayse', true);
    expect(await users.findByUsername('ayse')).toMatchObject({ passwordHash: 'h2', disabled: true });
    expect((await users.list()).map((x) => x.username)).toEqual(['ayse']);
  });

  it('refuses a taken username, a bad username, and changes to a user that does not exist', async () => {
    const users = createUserStore(sql.db, now);
    await newUser();
    await expect(newUser()).rejects.toMatchObject({ code: 'bad_request' });
    await expect(newUser('Bad Name!')).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(users.setPassword('nobody', 'x')).rejects.toMatchObject({ code: 'not_found' });
    expect(await users.list()).toHaveLength(1);
  });

  it('rotates a refresh token once; a second use of the old token is reported as reuse', async () => {
    const sessions = createSessionStore(sql.db, now);
    const u = await newUser();
    const first = newToken();
    const sid = await sessions.create(u.id, first, t + 60_000);
    const second = newToken();
    expect(await sessions.rotate(first, second, t + 60_000)).toEqual({
      status: 'rotated',
      sessionId: sid,
      userId: u.id,
    });
    expect(await sessions.rotate(first, newToken(), t + 60_000)).toEqual({
      status: 'reused',
      sessionId: sid,
      userId: u.id,
    });
    expect(await sessions.sessionOf(second)).toEqual({ sessionId: sid, userId: u.id });
    expect(await sessions.sessionOf(first)).toBeUndefined();
  });

  it('lets exactly one of two racing exchanges of the same token win', async () => {
    const sessions = createSessionStore(sql.db, now);
    const u = await newUser();
    const token = newToken();
    await sessions.create(u.id, token, t + 60_000);
    const results = await Promise.all([
      sessions.rotate(token, newToken(), t + 60_000),
      sessions.rotate(token, newToken(), t + 60_000),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['reused', 'rotated']);
  });

  it('refuses expired, unknown and revoked tokens', async () => {
    const sessions = createSessionStore(sql.db, now);
    const u = await newUser();
    const token = newToken();
    const sid = await sessions.create(u.id, token, t + 1000);
    expect((await sessions.rotate(newToken(), newToken(), t + 1000)).status).toBe('invalid');
    await sessions.revoke(sid, 'logout');
    expect(await sessions.isRevoked(sid)).toBe(true);
    expect((await sessions.rotate(token, newToken(), t + 1000)).status).toBe('invalid');

    const other = newToken();
    await sessions.create(u.id, other, t + 1000);
    t += 1001;
    expect((await sessions.rotate(other, newToken(), t + 1000)).status).toBe('invalid');
    expect(await sessions.sessionOf(other)).toBeUndefined();
  });

  it('keeps data across a reopen (migrations run once)', async () => {
    const u = await newUser();
    const again = await backend.open();
    expect(await createUserStore(again.db, now).findById(u.id)).toEqual(u);
  });
});
