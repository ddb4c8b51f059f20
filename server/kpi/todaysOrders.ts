// Today's orders (Europe/Istanbul day) as the SQL projection holds them: where an embedded
// gateway's order KPIs start after a restart.
import type { Kysely } from 'kysely';
import { MARKETPLACES, type Marketplace } from '../../protocol';
import type { Database } from '../db/schema';
import { istanbulDayStart } from '../ingest/rules';
import type { SeedOrder } from './orderKpis';

const DAY = 86_400_000;

const isMarketplace = (m: string | null): m is Marketplace =>
  m !== null && (MARKETPLACES as readonly string[]).includes(m);

export async function todaysOrders(db: Kysely<Database>, now: number): Promise<SeedOrder[]> {
  const dayStart = istanbulDayStart(now);
  const rows = await db
    .selectFrom('orders')
    .select(['order_key', 'marketplace', 'total_minor', 'ordered_at'])
    .where('ordered_at', '>=', dayStart)
    .where('ordered_at', '<', dayStart + DAY)
    .execute();
  return rows.map((r) => ({
    orderKey: r.order_key,
    marketplace: isMarketplace(r.marketplace) ? r.marketplace : undefined,
    totalMinor: r.total_minor,
    orderedAt: r.ordered_at,
  }));
}
