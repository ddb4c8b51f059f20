import { describe, expect, it } from 'vitest';
import type { ClientState } from '../../../../protocol';
import { batchReceived } from '../live/liveActions';
import { login, sessionSlice, type SessionState } from './sessionSlice';

const reduce = sessionSlice.reducer;
const user = { id: 'u1', name: 'Ayşe Yılmaz', role: 'warehouse' } as ClientState['user'];

function hostSays(over: Partial<ClientState>) {
  return batchReceived({
    events: [],
    state: { connection: { state: 'idle', since: 0, attempt: 0 }, channels: {}, ...over },
  });
}
const signedOutFor = (reason: string) =>
  hostSays({ connection: { state: 'unauthorized', since: 0, attempt: 0, reason } });

describe('session slice', () => {
  it('a host that signed the user out because their outbox could not be read: the sign-in screen gets the reason', () => {
    const s = reduce(undefined, signedOutFor('outbox_unreadable'));
    expect(s.status).toBe('signedOut');
    expect(s.error).toEqual({
      code: 'unauthorized',
      message: 'outbox_unreadable',
      details: { reason: 'outbox_unreadable' },
    });
  });

  it('the same state sent again does not replace the error of a later sign-in attempt', () => {
    const wrong = { code: 'invalid_credentials' as const, message: 'Invalid username or password' };
    let s: SessionState = reduce(undefined, signedOutFor('outbox_unreadable'));
    s = reduce(s, login.pending('r1', { server: 'http://x', username: 'depo', password: 'x' }));
    s = reduce(s, signedOutFor('outbox_unreadable'));
    expect(s.error).toBeUndefined();
    s = reduce(s, login.rejected(null, 'r1', { server: 'http://x', username: 'depo', password: 'x' }, wrong));
    s = reduce(s, signedOutFor('outbox_unreadable'));
    expect(s.error).toEqual(wrong);
  });

  it('signed out for another reason before ever signing in: nothing to say (the user never saw a session)', () => {
    expect(reduce(undefined, signedOutFor('token_expired')).error).toBeUndefined();
  });

  it('a session the host ends while signed in: signed out, the reason kept', () => {
    const signedIn = reduce(undefined, hostSays({ user }));
    expect(signedIn.status).toBe('signedIn');
    const s = reduce(signedIn, signedOutFor('revoked'));
    expect(s).toEqual({
      status: 'signedOut',
      error: { code: 'unauthorized', message: 'revoked', details: { reason: 'revoked' } },
    });
  });
});
