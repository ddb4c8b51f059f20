// A console stand-in for fault tests: one socket subscribed to channels, recording every offset it
// is shown, so a test can check that each accepted event arrived exactly once and in order.
import type { Delivery } from '../../protocol';
import { connectLive, type LiveClient } from './live';

export interface Witness {
  client: LiveClient;
  /** Offsets shown per channel, in arrival order. */
  offsets(channel: string): number[];
  /** Offsets shown more than once, and holes in the sequence shown, per channel. */
  faults(channel: string): { twice: number[]; holes: number[] };
  close(): void;
}

export async function startWitness(url: string, channels: string[]): Promise<Witness> {
  const client = await connectLive(url);
  const ack = await client.subscribe({ channels: channels.map((channel) => ({ channel })) });
  if (!('results' in ack) || ack.results.some((r) => !r.ok)) {
    throw new Error(`witness could not subscribe: ${JSON.stringify(ack)}`);
  }
  const of = (channel: string) =>
    client.deliveries.filter((d: Delivery) => d.channel === channel).map((d: Delivery) => d.offset);
  return {
    client,
    offsets: of,
    faults(channel) {
      const shown = of(channel);
      const seen = new Set<number>();
      const twice = shown.filter((o) => seen.has(o) || !seen.add(o));
      const sorted = [...seen].sort((a, b) => a - b);
      const holes: number[] = [];
      for (let i = 1; i < sorted.length; i++) {
        for (let o = (sorted[i - 1] as number) + 1; o < (sorted[i] as number); o++) holes.push(o);
      }
      return { twice, holes };
    },
    close: () => client.close(),
  };
}
