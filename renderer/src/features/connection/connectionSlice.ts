// The host's state as it reports it: connection, quality, outbox, unread counts, presence.
import { createSlice } from '@reduxjs/toolkit';
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

export const connectionSlice = createSlice({
  name: 'connection',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(batchReceived, (s, a) => {
      const st = a.payload.state;
      if (st) {
        s.info = st.connection;
        if (st.quality) s.quality = st.quality;
        s.outbox = st.outbox ?? { pending: [], failed: [] };
        if (st.unread) s.unread = st.unread;
        s.presence = st.presence ?? [];
        s.sessionPersistent = st.sessionPersistent;
      }
      if (a.payload.events.length > 0) s.lastEventAt = a.meta.receivedAt;
    });
  },
});
