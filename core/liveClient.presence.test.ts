// Who is online, as the console keeps it: the client asks the gateway for changes at the handshake,
// takes one whole list, then applies each change (who came, changed or left) to it.
import { describe, expect, it } from 'vitest';
import { createLiveClient } from './liveClient';
import { fakeWorld } from './test/fakeWorld';
import { presenceEntry } from './test/presence';

const SERVER = 'http://127.0.0.1:8080';
const entry = presenceEntry;

describe('live client: presence as changes', () => {
  it('asks for changes, then keeps the whole list from one list and its changes', () => {
    const w = fakeWorld();
    const client = createLiveClient(w.ports, { random: () => 0.5 });
    client.connect({ server: SERVER, channels: ['orders'] });
    const s = w.socket();
    expect(s.auth).toMatchObject({ presence: 'delta' });
    s.serverConnect();
    s.presence([entry('a', 'Ayşe'), entry('z', 'Zeynep')]);
    s.presenceDelta({ upsert: [entry('c', 'Çağla', ['orders'])], remove: ['a'] });
    expect(client.getState().presence).toEqual([entry('c', 'Çağla', ['orders']), entry('z', 'Zeynep')]);
    s.presenceDelta({ upsert: [entry('z', 'Zeynep', ['stock'])], remove: [] });
    expect(client.getState().presence).toEqual([entry('c', 'Çağla', ['orders']), entry('z', 'Zeynep', ['stock'])]);
    client.disconnect();
  });
});
