// The OS's online/offline as main reads it: a change is told within a second.
import { afterEach, describe, expect, it } from 'vitest';
import { electronNetwork, NETWORK_POLL_MS } from './electronNetwork';

/** Waits (up to a generous 10 s: the machine is shared) until `n` changes were told. */
async function told(seen: unknown[], n: number): Promise<void> {
  const until = performance.now() + 10_000;
  while (seen.length < n && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
}

function fakeElectron(online: boolean) {
  const state = { online };
  return {
    state,
    electron: {
      net: { isOnline: () => state.online },
      powerMonitor: { on: () => undefined, removeListener: () => undefined } as never,
    },
  };
}

describe('electron network status', () => {
  const stops: (() => void)[] = [];
  afterEach(() => stops.splice(0).forEach((s) => s()));

  it('tells listeners the OS went offline, and online again, within a second', async () => {
    const f = fakeElectron(true);
    const network = electronNetwork(f.electron);
    stops.push(() => network.stop());
    const seen: { online: boolean; afterMs: number }[] = [];
    let flippedAt = 0;
    network.onChange((online) => seen.push({ online, afterMs: performance.now() - flippedAt }));
    expect(NETWORK_POLL_MS).toBeLessThanOrEqual(1000);

    flippedAt = performance.now();
    f.state.online = false;
    await told(seen, 1);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.online).toBe(false);
    // One poll period on an idle machine; the bench's dead-network scenario measures the figure.
    expect(seen[0]?.afterMs).toBeLessThanOrEqual(10 * NETWORK_POLL_MS);
    expect(network.online()).toBe(false);

    flippedAt = performance.now();
    f.state.online = true;
    await told(seen, 2);
    expect(seen.map((s) => s.online)).toEqual([false, true]);
  });
});
