// Who is signed in, and the state of the login form.
import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import type { ErrorPayload, LoginRequest, SessionUser } from '../../../../protocol';
import { getBridge } from '../../bridge';
import { batchReceived } from '../live/liveActions';

export interface SessionState {
  user?: SessionUser;
  status: 'signedOut' | 'signingIn' | 'signedIn';
  error?: ErrorPayload;
}

const initialState: SessionState = { status: 'signedOut' };

/** Errors crossing the bridge keep their code; anything else becomes `internal`. */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' && 'message' in err) {
    const details =
      'details' in err && err.details && typeof err.details === 'object'
        ? (err.details as Record<string, unknown>)
        : undefined;
    return { code: err.code as ErrorPayload['code'], message: String(err.message), ...(details ? { details } : {}) };
  }
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/** The host's reason for a sign-out when the actions stored on this device could not be read. */
export const OUTBOX_UNREADABLE = 'outbox_unreadable';

/** The error the sign-in screen shows after the host ended the session; the reason rides along. */
function signedOutError(reason: string | undefined): ErrorPayload {
  return { code: 'unauthorized', message: reason ?? '', ...(reason ? { details: { reason } } : {}) };
}

export const login = createAsyncThunk<{ user: SessionUser }, LoginRequest, { rejectValue: ErrorPayload }>(
  'session/login',
  async (req, { rejectWithValue }) => {
    try {
      return await getBridge().login(req);
    } catch (err) {
      return rejectWithValue(toErrorPayload(err));
    }
  },
);

export const logout = createAsyncThunk('session/logout', () => getBridge().logout());

export const sessionSlice = createSlice({
  name: 'session',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(login.pending, (s) => {
      s.status = 'signingIn';
      delete s.error;
    })
      .addCase(login.fulfilled, (s, a) => {
        s.status = 'signedIn';
        s.user = a.payload.user;
      })
      .addCase(login.rejected, (s, a) => {
        s.status = 'signedOut';
        s.error = a.payload ?? { code: 'internal', message: a.error.message ?? 'Login failed' };
      })
      .addCase(logout.fulfilled, () => initialState)
      .addCase(batchReceived, (s, a) => {
        const state = a.payload.state;
        if (!state) return;
        const { reason } = state.connection;
        if (state.connection.state === 'unauthorized' && s.status === 'signedIn') {
          // The gateway ended the session (expired, revoked, signed out elsewhere): sign in again.
          return { status: 'signedOut', error: signedOutError(reason) };
        }
        if (state.connection.state === 'unauthorized' && reason === OUTBOX_UNREADABLE && s.status === 'signedOut') {
          // The host signed the user out before the sign-in screen saw them (a resume whose outbox
          // could not be read): say why, unless a later sign-in attempt already has its own error.
          s.error ??= signedOutError(reason);
          return;
        }
        if (state.user && s.status !== 'signedIn') {
          s.status = 'signedIn';
          s.user = state.user;
        }
      });
  },
});
