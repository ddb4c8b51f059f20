// The host asks a gateway what it is before signing in (the sign-in form's demo hint): a real
// gateway answers; an unreachable address or a server that is not a gateway is `unavailable`; an
// address that is not http(s) is refused before anything is sent.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayProcess, freePort, type GatewayProcess } from '../server/test/gatewayProcess';
import { createLiveHost } from './liveHost';
import { realPorts } from './test/realPorts';

let gw: GatewayProcess;
let notOurs: Server;
let notOursUrl: string;
beforeAll(async () => {
  gw = await startGatewayProcess();
  notOurs = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>hello</h1>'));
  await new Promise<void>((r) => notOurs.listen(0, '127.0.0.1', r));
  notOursUrl = `http://127.0.0.1:${(notOurs.address() as { port: number }).port}`;
});
afterAll(async () => {
  await gw?.dispose();
  await new Promise((r) => notOurs?.close(r));
});

describe('serverInfo', () => {
  it('a demo gateway says so', async () => {
    const host = createLiveHost(realPorts());
    expect(await host.serverInfo(gw.url)).toMatchObject({ demo: true, version: expect.any(String) });
    host.close();
  });

  it('an unreachable address and a server that is not a gateway are `unavailable`', async () => {
    const host = createLiveHost(realPorts());
    await expect(host.serverInfo(`http://127.0.0.1:${await freePort()}`)).rejects.toMatchObject({
      code: 'unavailable',
    });
    await expect(host.serverInfo(notOursUrl)).rejects.toMatchObject({ code: 'unavailable' });
    host.close();
  });

  it('refuses an address that is not http(s) without sending anything', async () => {
    let sent = 0;
    const host = createLiveHost(
      realPorts({
        http: async () => {
          sent++;
          throw new Error('must not be called');
        },
      }),
    );
    await expect(host.serverInfo('file:///etc/passwd')).rejects.toMatchObject({ code: 'validation_failed' });
    expect(sent).toBe(0);
    host.close();
  });
});
