// Ports for a core that talks to a real gateway from a Node test: real sockets, HTTP and timers;
// in-memory store, a network the test can switch, silent logs. Each socket made is kept.
import type { Socket } from 'socket.io-client';
import { nodeClock, nodeHttp, nodeRandomId, socketIoFactory } from '../../main/adapters/nodePorts';
import type { LiveSocket, Ports } from '../ports';
import { FakeNetwork, MemoryStore, silentLogger } from './fakes';

export function realPorts(overrides: Partial<Ports> = {}): Ports & { network: FakeNetwork; sockets: Socket[] } {
  const sockets: Socket[] = [];
  const network = new FakeNetwork(true);
  return {
    socketFactory: (url, options) => {
      const s = socketIoFactory(url, options);
      sockets.push(s as unknown as Socket);
      return s as LiveSocket;
    },
    http: nodeHttp,
    store: new MemoryStore(),
    clock: nodeClock,
    network,
    logger: silentLogger,
    randomId: nodeRandomId,
    sockets,
    ...overrides,
  } as Ports & { network: FakeNetwork; sockets: Socket[] };
}
