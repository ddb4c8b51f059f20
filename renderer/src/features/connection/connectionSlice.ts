// The host's state as it reports it: connection, quality, outbox, unread counts, presence.
import { createSlice, original } from '@reduxjs/toolkit';
import type { ClientState } from '../../../../protocol';
import { batchReceived } from '../live/liveActions';

export interface ConnectionSliceState {
  info: ClientState['connection'];
  quality?: ClientState['quality'];
  outbox: NonNullable<ClientState['outbox']>;
  unread: NonNullable<ClientState['unread']>;
  presence: NonNullable<ClientState['presence']>;
  sessionPersistent?: boolean;
  /** Receipt time (ms) of the newest event, for its age in the connection bar. */
  lastEventAt?: number;
}

const initialState: ConnectionSliceState = {
  info: { state: 'idle', since: 0, attempt: 0 },
  outbox: { pending: [], failed: [] },
  unread: { critical: 0, high: 0, normal: 0, low: 0 },
  presence: [],
};

const EMPTY_OUTBOX: ConnectionSliceState['outbox'] = { pending: [], failed: [] };
const NO_PRESENCE: ConnectionSliceState['presence'] = [];

/** `prev` when `next` holds the same values (these parts are small plain data), else `next`. */
function same<T>(prev: T, next: T): T {
  return prev !== undefined && JSON.stringify(prev) === JSON.stringify(next) ? prev : next;
}

export const connectionSlice = createSlice({
  name: 'connection',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(batchReceived, (s, a) => {
      const st = a.payload.state;
      if (st) {
        // The host sends its whole state whenever a part of it changes: a part equal to what we
        // hold keeps its object, so what reads only that part does not re-render.
        const was = original(s) ?? s;
        s.info = same(was.info, st.connection);
        if (st.quality) s.quality = same(was.quality, st.quality);
        s.outbox = same(was.outbox, st.outbox ?? EMPTY_OUTBOX);
        if (st.unread) s.unread = same(was.unread, st.unread);
        s.presence = same(was.presence, st.presence ?? NO_PRESENCE);
        s.sessionPersistent = st.sessionPersistent;
      }
      if (a.payload.events.length > 0) s.lastEventAt = a.meta.receivedAt;
    });
  },
});
