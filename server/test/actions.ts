// Shared set-up for action service tests: staff identities, keys, and a database with a publish spy
// and helpers that put known orders and open alerts into it through the projection.
import { randomUUID } from 'node:crypto';
import { vi } from 'vitest';
import type { Identity } from '../auth/tokens';
import type { SqlDatabase } from '../db/database';
import { createProjection, type ResultDelivery } from '../projection/projection';
import type { TestDatabase } from './databases';
import { newOrderNumber, orderEvent } from './events';

const person = (userId: string, name: string, role: Identity['role']): Identity => ({
  userId,
  name,
  role,
  expiresAt: Date.now() + 3_600_000,
});
export const ayse = person('u-ayse', 'Ayşe Yılmaz', 'warehouse');
export const mehmet = person('u-mehmet', 'Mehmet Kaya', 'sales');
export const zeynep = person('u-zeynep', 'Zeynep Demir', 'admin');
export const actor = (i: Identity) => ({ id: i.userId, name: i.name });
export const newKey = () => `k-${randomUUID()}`;

export type PublishSpy = ReturnType<typeof vi.fn<(results: ResultDelivery[]) => Promise<unknown>>>;

export function newPublishSpy(): PublishSpy {
  return vi.fn(async () => undefined);
}

/** Everything published so far, flattened. */
export const publishedBy = (publish: PublishSpy) => publish.mock.calls.flatMap(([results]) => results);

/** Seeds through the projection, as ingest would. */
export function seeder(sql: SqlDatabase, now: () => number) {
  const projection = createProjection(sql.db, now);
  return {
    /** An open alert on `orders` (a ship deadline); resolves to its key. */
    async orderAlert(): Promise<string> {
      const orderNumber = newOrderNumber();
      const event = orderEvent({ orderNumber, kind: 'SHIP_DEADLINE_NEAR', priority: 'high' });
      await projection.apply([{ event, channel: 'orders' }]);
      return `SHIP_DEADLINE_NEAR:trendyol:${orderNumber}`;
    },
    /** A known order; resolves to its key. */
    async order(): Promise<string> {
      const orderNumber = newOrderNumber();
      await projection.apply([{ event: orderEvent({ orderNumber }), channel: 'orders' }]);
      return `trendyol:${orderNumber}`;
    },
  };
}

export type { TestDatabase };
