// WebSocket only by default (no sticky sessions needed); long-polling only when LIVE_TRANSPORTS
// enables it.
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { loginAs } from '../test/live';

let gw: GatewayProcess | undefined;
afterEach(async () => {
  await gw?.dispose();
  gw = undefined;
});

function connectPolling(url: string, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = io(`${url}/live`, {
      transports: ['polling'],
      upgrade: false,
      reconnection: false,
      forceNew: true,
      auth: { token },
    });
    s.on('connect', () => {
      s.disconnect();
      resolve(true);
    });
    s.on('connect_error', () => {
      s.disconnect();
      resolve(false);
    });
  });
}

describe('transports', () => {
  it('refuses long-polling by default', async () => {
    gw = await startGatewayProcess();
    expect(await connectPolling(gw.url, (await loginAs(gw.url)).accessToken)).toBe(false);
  });

  it('accepts long-polling when LIVE_TRANSPORTS enables it', async () => {
    gw = await startGatewayProcess({ LIVE_TRANSPORTS: 'websocket,polling' });
    expect(await connectPolling(gw.url, (await loginAs(gw.url)).accessToken)).toBe(true);
  });
});
