// The envelope every demo event travels in (a seeded id, when it happened, which marketplace), and
// the value forms its payloads share: money in kuruş (TRY) and times as ISO strings.
import type { EventInput, Marketplace, Money, PayloadOf } from '../../protocol';
import type { Random } from './random';

export const money = (minor: number): Money => ({ minor, currency: 'TRY' });
export const iso = (ms: number) => new Date(ms).toISOString();

export function envelope<T extends EventInput['type']>(
  rnd: Random,
  type: T,
  now: number,
  payload: PayloadOf<T>,
  marketplace?: Marketplace,
): EventInput {
  return {
    id: rnd.uuid(),
    type,
    occurredAt: iso(now),
    ...(marketplace ? { marketplace } : {}),
    payload,
  } as EventInput;
}
