// The signed-in user behind a request's `Authorization: Bearer <access token>`.
import { LiveError } from '../../protocol';
import type { Identity } from '../auth/tokens';

export type Authenticate = (token: string) => Promise<Identity>;

export async function identityOf(authenticate: Authenticate, authorization: string | undefined): Promise<Identity> {
  const match = /^Bearer (.+)$/.exec(authorization ?? '');
  if (!match) throw new LiveError('unauthorized', 'An access token is required');
  return authenticate(match[1] as string);
}
