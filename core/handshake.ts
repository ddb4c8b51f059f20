// What the client says at each handshake of the live connection: its token, which client it is,
// the connection it replaces (so the gateway can say why that one ended, e.g. a missed heartbeat),
// and that it wants presence as changes (one whole list, then only who came, changed or left).
import type { ClientInfo } from '../protocol';

export function handshakeAuth(token: string | undefined, client: ClientInfo | undefined, previous: string | undefined) {
  return {
    ...(token ? { token } : {}),
    ...(client ? { client } : {}),
    ...(previous ? { previous } : {}),
    presence: 'delta',
  };
}
