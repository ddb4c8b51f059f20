// GET /v1/alerts: the alert history (open, acknowledged and resolved; alerts are never deleted, so
// it reaches back at least the 30 days promised), over the channels the caller's role reads.
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import { ROLE_CHANNELS, type AlertHistoryItem, type AlertPage, type AlertsQuery } from '../../protocol';
import type { Identity } from '../auth/tokens';
import type { Database } from '../db/schema';
import { cappedCount, decodeCursor, pageOf, stated, totalOf } from './cursor';
import { textMatcher } from './textMatch';
import { alertHistoryItem } from './views';

type AlertFilter = Omit<AlertsQuery, 'limit' | 'cursor' | 'format'>;

function filters(
  eb: ExpressionBuilder<Database, 'alerts'>,
  f: AlertFilter,
  identity: Identity,
  words: Expression<SqlBool>[],
): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [eb('alerts.channel', 'in', [...ROLE_CHANNELS[identity.role]]), ...words];
  if (f.state) out.push(eb('alerts.state', '=', f.state));
  if (f.priority) out.push(eb('alerts.priority', '=', f.priority));
  if (f.since) out.push(eb('alerts.last_seen_at', '>=', Date.parse(f.since)));
  return out;
}

export function createAlertQueries(db: Kysely<Database>) {
  const text = textMatcher(db as Kysely<unknown>, 'alerts');
  type Words = Expression<SqlBool>[];
  const matching = (f: AlertFilter, identity: Identity, words: Words) =>
    db.selectFrom('alerts').where((eb) => eb.and(filters(eb, f, identity, words)));
  const rows = (
    f: AlertFilter,
    identity: Identity,
    words: Words,
    after: [number, string] | undefined,
    limit: number,
  ) => {
    const q = matching(f, identity, words);
    return (
      after
        ? q.where((eb) =>
            eb.or([
              eb('alerts.last_seen_at', '<', after[0]),
              eb.and([eb('alerts.last_seen_at', '=', after[0]), eb('alerts.alert_key', '<', after[1])]),
            ]),
          )
        : q
    )
      .selectAll()
      .orderBy('alerts.last_seen_at', 'desc')
      .orderBy('alerts.alert_key', 'desc')
      .limit(limit)
      .execute();
  };
  type Row = Awaited<ReturnType<typeof rows>>[number];
  const positionOf = (r: Row): [number, string] => [r.last_seen_at, r.alert_key];

  return {
    async page(query: AlertsQuery, identity: Identity): Promise<AlertPage> {
      const resume = decodeCursor(query.cursor, 'number');
      const words = await text(query.q);
      const [read, total] = await Promise.all([
        rows(query, identity, words, resume?.position, query.limit + 1),
        totalOf(resume, () => cappedCount(db as Kysely<unknown>, matching(query, identity, words))),
      ]);
      const { rows: page, nextCursor } = pageOf(read, query.limit, total, positionOf);
      return { items: page.map(alertHistoryItem), ...stated(total), ...(nextCursor ? { nextCursor } : {}) };
    },

    /** Every match, in batches read one after the other (exports). */
    all(query: AlertsQuery, identity: Identity, batch = 1000): AsyncGenerator<AlertHistoryItem[]> {
      let position = decodeCursor(query.cursor, 'number')?.position;
      return (async function* () {
        const words = await text(query.q);
        for (;;) {
          const page = await rows(query, identity, words, position, batch);
          if (page.length > 0) yield page.map(alertHistoryItem);
          const last = page.at(-1);
          if (page.length < batch || !last) return;
          position = positionOf(last);
        }
      })();
    },
  };
}

export type AlertQueries = ReturnType<typeof createAlertQueries>;
