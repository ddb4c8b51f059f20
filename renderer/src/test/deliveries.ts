// Deliveries for renderer tests, built from the protocol's valid fixtures.
import type { Delivery, EventInput, LiveEvent } from '../../../protocol';

let offset = 0;

export function delivered(event: EventInput, channel = 'orders'): Delivery {
  offset += 1;
  const live = { priority: 'normal', audience: ['warehouse'], ...event } as LiveEvent;
  return { channel, epoch: 'e1', offset, event: live };
}
