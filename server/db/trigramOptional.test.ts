// Migration 007 on PostgreSQL under a role that may not create extensions: the migrations finish,
// the trigram indexes are left out, and order search still answers (by scanning).
import { randomUUID } from 'node:crypto';
import { sql as sqlText } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrdersQuery } from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import type { Identity } from '../auth/tokens';
import { createProjection } from '../projection/projection';
import { createOrderQueries } from '../queries/orderQueries';
import { POSTGRES_URL } from '../test/databases';
import { produced } from '../test/events';
import { openDatabase, type SqlDatabase } from './database';
import { hasTrigramExtension } from './queryMigration';

const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
const database = `trgm_${suffix}`;
const role = `no_ext_${suffix}`;
const admin = new pg.Client({ connectionString: POSTGRES_URL });
const limitedUrl = () => {
  const url = new URL(POSTGRES_URL);
  url.username = role;
  url.pathname = `/${database}`;
  return url.toString();
};

beforeAll(async () => {
  await admin.connect();
  await admin.query(`create role ${role} login nocreatedb nocreaterole nosuperuser`);
  await admin.query(`create database ${database}`);
  const fresh = new pg.Client({ connectionString: POSTGRES_URL.replace(/\/[^/]*$/, `/${database}`) });
  await fresh.connect();
  // Its own schema, but no CREATE on the database: extensions are out of reach.
  await fresh.query(`create schema app authorization ${role}`);
  await fresh.end();
});

afterAll(async () => {
  await admin.query(`drop database if exists ${database} with (force)`);
  await admin.query(`drop role if exists ${role}`);
  await admin.end();
});

describe('trigram indexes without the right to create extensions', () => {
  it('migrates, leaves the trigram indexes out, and still finds an order', async () => {
    let sql: SqlDatabase | undefined;
    try {
      sql = await openDatabase({ dataDir: '', databaseUrl: limitedUrl(), schema: 'app' });
      const db = sql.db;
      expect(await hasTrigramExtension(db as never)).toBe(false);
      const { rows } = await sqlText<{ n: string | number }>`select count(*) as n from pg_indexes
        where schemaname = 'app' and indexname like '%trgm'`.execute(db);
      expect(Number(rows[0]?.n)).toBe(0);
      await createProjection(db, Date.now, () => 5).apply([
        { channel: 'orders', event: produced(orderCreated({ orderNumber: 'TY7001' })) },
      ]);
      const who: Identity = { userId: 'u', name: 'u', role: 'admin', expiresAt: Date.now() + 60_000 };
      const page = await createOrderQueries(db).page(OrdersQuery.parse({ q: 'ty7001' }), who);
      expect(page.items.map((o) => o.orderKey)).toEqual(['trendyol:TY7001']);
    } finally {
      await sql?.close();
    }
  });
});
