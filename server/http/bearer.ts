// The signed-in user behind a request: its `Authorization: Bearer <access token>`, checked like a
// socket's handshake token (signature, expiry, session not revoked).
import { LiveError, type Role } from '../../protocol';
import type { Identity } from '../auth/tokens';

export type Authenticate = (token: string) => Promise<Identity>;

export async function identityOf(authenticate: Authenticate, authorization: string | undefined): Promise<Identity> {
  const match = /^Bearer (.+)$/.exec(authorization ?? '');
  if (!match) throw new LiveError('unauthorized', 'An access token is required');
  return authenticate(match[1] as string);
}

/** The identity, when its role is one of `roles`; otherwise `forbidden`. */
export async function identityWithRole(
  authenticate: Authenticate,
  authorization: string | undefined,
  roles: readonly Role[],
): Promise<Identity> {
  const identity = await identityOf(authenticate, authorization);
  if (!roles.includes(identity.role)) throw new LiveError('forbidden', 'This needs the role of an administrator');
  return identity;
}
