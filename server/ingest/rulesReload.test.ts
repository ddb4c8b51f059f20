// LIVE_RULES in a running gateway process: the file's top sellers reach the priority rules, SIGHUP
// reloads them, and a bad file sent with SIGHUP is refused (logged) while the old rules stay.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventInput } from '../../protocol';
import { inventoryChange } from '../../protocol/test/fixtures';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { connectLive, waitFor, type LiveClient } from '../test/live';

const dir = mkdtempSync(path.join(tmpdir(), 'meschain-rules-'));
let gw: GatewayProcess | undefined;
let client: LiveClient | undefined;
afterAll(async () => {
  client?.close();
  await gw?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const lowStock = (sku: string): EventInput => {
  const e = inventoryChange() as Extract<EventInput, { type: 'INVENTORY_CHANGE' }>;
  return { ...e, payload: { ...e.payload, kind: 'LOW_STOCK', sku } };
};

describe('LIVE_RULES in a gateway process', () => {
  it('top sellers from the file raise LOW_STOCK; SIGHUP reloads; a bad file is refused and the old rules stay', async () => {
    const file = path.join(dir, 'rules.yaml');
    writeFileSync(file, 'lowStock:\n  topSellerSkus: [TOP-1]\n');
    gw = await startGatewayProcess({ LIVE_RULES: file, LIVE_LOG_LEVEL: 'info' });
    const g = gw;
    client = await connectLive(g.url);
    await client.subscribe({ channels: [{ channel: 'inventory' }] });
    const c = client;
    const priorityOf = async (sku: string) => {
      const e = lowStock(sku);
      expect((await postEvents(g.url, e)).status).toBe(202);
      return (await c.waitForEvent(e.id)).event.priority;
    };
    const hangUp = async (logged: string) => {
      const before = g.output().split(logged).length;
      process.kill(g.pid() as number, 'SIGHUP');
      await waitFor(() => g.output().split(logged).length > before, `"${logged}" in the log`, 15_000);
    };

    expect(await priorityOf('TOP-1')).toBe('high');
    expect(await priorityOf('TOP-2')).toBe('normal');

    writeFileSync(file, 'lowStock:\n  topSellerSkus: [TOP-2]\n');
    await hangUp('alert rules reloaded');
    expect(await priorityOf('TOP-1')).toBe('normal');
    expect(await priorityOf('TOP-2')).toBe('high');

    writeFileSync(file, 'lowStock:\n  topSelerSkus: [TOP-1]\n');
    await hangUp('alert rules refused');
    expect(g.output()).toContain('Unrecognized key: \\"topSelerSkus\\"');
    expect(await priorityOf('TOP-2')).toBe('high');
    expect(await priorityOf('TOP-1')).toBe('normal');
    // Still serving: SIGHUP never stops the process.
    expect(g.pid()).toBeDefined();
    expect((await fetch(`${g.url}/healthz`)).status).toBe(200);
  });
});
