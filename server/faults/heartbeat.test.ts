// A frozen console: the fault proxy between it and the gateway holds every byte (as a suspended
// laptop or a hung renderer process reads nothing). The gateway closes the connection when its
// heartbeat goes unanswered, and says why: a log line with the user and the reason, a metric, and
// the `heartbeat_timeout` notice to the console once it is back, which shows it in its connection
// state and recovers what was posted meanwhile from the log (nothing lost, nothing twice).
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery, SessionNotice } from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { createLiveClient, type LiveClient } from '../../core/liveClient';
import { realPorts } from '../../core/test/realPorts';
import { startFaultProxy, type FaultProxy } from '../test/faultProxy';
import { postEvents, startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { loginAs, waitFor } from '../test/live';

let gw: GatewayProcess;
let proxy: FaultProxy;
let client: LiveClient | undefined;

beforeAll(async () => {
  // A ping every second, answered within one: a frozen client is closed about 2 s in.
  gw = await startGatewayProcess({ LIVE_LIMITS: 'heartbeatSeconds=1,heartbeatTimeoutSeconds=1' });
  proxy = await startFaultProxy({ port: gw.port });
});
afterAll(async () => {
  client?.close();
  await proxy?.close();
  await gw?.dispose();
});

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${gw.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('heartbeat closures of frozen clients', () => {
  it('are logged with the user and the reason, counted, and told to the client when it is back', async () => {
    const login = await loginAs(gw.url, 'satis');
    const shown: Delivery[] = [];
    // The console's own silence watchdog is off: the gateway's heartbeat is what is tested.
    const ports = realPorts();
    client = createLiveClient(ports, { pingIntervalMs: 0 });
    client.onDelivery((d) => shown.push(d));
    client.connect({ server: `http://127.0.0.1:${proxy.port}`, token: login.accessToken, channels: ['orders'] });
    await waitFor(() => client!.getState().channels.orders, 'first subscribe');
    expect(await metric('live_heartbeat_closures_total')).toBe(0);

    const frozenId = ports.sockets.at(-1)?.id as string;
    expect(frozenId).toBeTruthy();
    proxy.pause();
    const whileFrozen = [orderCreated(), orderCreated(), orderCreated()];
    expect((await postEvents(gw.url, { events: whileFrozen })).status).toBe(202);
    await waitFor(async () => (await metric('live_heartbeat_closures_total')) === 1, 'the heartbeat closure', 30_000);
    const line = gw
      .output()
      .split('\n')
      .find((l) => l.includes('heartbeat_timeout'));
    expect(line, gw.output().slice(-2000)).toBeDefined();
    expect(JSON.parse(line as string)).toMatchObject({ userId: login.user.id, reason: 'heartbeat_timeout' });

    // Another user naming that connection is not told about it (the notice would come before the
    // answer to its first request, on the same connection).
    const told: SessionNotice[] = [];
    const other = io(`${gw.url}/live`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { token: (await loginAs(gw.url, 'depo')).accessToken, previous: frozenId },
    });
    // Listening before the connection: the notice comes right behind the connect packet.
    other.on('session', (n: SessionNotice) => told.push(n));
    await new Promise((resolve) => other.once('connect', () => resolve(undefined)));
    await other.timeout(10_000).emitWithAck('live:ping', { t: 1 });
    other.close();
    expect(told).toEqual([]);

    proxy.heal();
    // Back: reconnected, told why the last connection ended, and caught up from the log.
    await waitFor(
      () => client!.getState().connection.reason === 'heartbeat_timeout',
      () => `the notice (state ${JSON.stringify(client!.getState().connection)})`,
      30_000,
    );
    expect(client.getState().connection.state).toBe('connected');
    await waitFor(
      () => whileFrozen.every((e) => shown.some((d) => d.event.id === e.id)),
      'the orders posted while frozen',
      30_000,
    );
    const ids = shown.map((d) => d.event.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await metric('live_heartbeat_closures_total')).toBe(1);
  }, 120_000);
});
