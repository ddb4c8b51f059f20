// GET /v1/snapshot for channels the log could not replay, validated before use item by item: one
// alert or order the console cannot read is dropped and reported, the rest of the snapshot stands.
import { z } from 'zod';
import { AlertView, LiveError, OrderView, Snapshot } from '../protocol';
import { requestJson } from './apiClient';
import type { HttpFetch } from './ports';

/** An item of a snapshot the console could not read, left out of what it shows. */
export interface DroppedItem {
  channel: string;
  list: 'alerts' | 'orders';
  index: number;
  /** The first failing field and why. */
  issue: string;
}

/** The envelope checked loosely, so the lists can be checked one item at a time. */
const LooseSnapshot = z.object({
  channels: z.array(
    z.looseObject({ alerts: z.array(z.unknown()).optional(), orders: z.array(z.unknown()).optional() }),
  ),
  presence: z.unknown(),
});

function readable<T>(
  schema: z.ZodType<T>,
  items: unknown[] | undefined,
  where: Omit<DroppedItem, 'index' | 'issue'>,
  dropped: DroppedItem[],
): T[] | undefined {
  if (!items) return undefined;
  const out: T[] = [];
  items.forEach((item, index) => {
    const r = schema.safeParse(item);
    if (r.success) out.push(r.data);
    else {
      const first = r.error.issues[0];
      dropped.push({ ...where, index, issue: `${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}` });
    }
  });
  return out;
}

/** Keeps every readable item; the unreadable ones are listed in `dropped`. */
export function readSnapshot(body: unknown): { snapshot: Snapshot; dropped: DroppedItem[] } | undefined {
  const loose = LooseSnapshot.safeParse(body);
  if (!loose.success) return undefined;
  const dropped: DroppedItem[] = [];
  const channels = loose.data.channels.map((c) => {
    const channel = typeof c.channel === 'string' ? c.channel : '?';
    return {
      ...c,
      alerts: readable(AlertView, c.alerts, { channel, list: 'alerts' }, dropped),
      orders: readable(OrderView, c.orders, { channel, list: 'orders' }, dropped),
    };
  });
  const parsed = Snapshot.safeParse({ channels, presence: loose.data.presence });
  return parsed.success ? { snapshot: parsed.data, dropped } : undefined;
}

export async function loadSnapshot(
  http: HttpFetch,
  server: string,
  token: string | undefined,
  channels: string[],
  onDropped: (items: DroppedItem[]) => void = () => undefined,
): Promise<Snapshot> {
  const path = `/v1/snapshot?channels=${channels.map(encodeURIComponent).join(',')}`;
  const body = await requestJson(http, server, token, { path, what: 'snapshot' }, z.unknown());
  const read = readSnapshot(body);
  if (!read) throw new LiveError('unavailable', `The snapshot from ${server} has an unexpected shape`);
  if (read.dropped.length > 0) onDropped(read.dropped);
  return read.snapshot;
}
