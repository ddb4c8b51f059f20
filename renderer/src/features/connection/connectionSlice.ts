// The host's state as it reports it: connection, quality, outbox, the user's alert counts, presence.
import { createSlice, original } from '@reduxjs/toolkit';
import { emptyAlertCounts, type AlertCounts, type ClientState } from '../../../../protocol';
import { batchReceived } from '../live/liveActions';

export interface ConnectionSliceState {
  info: ClientState['connection'];
  quality?: ClientState['quality'];
  outbox: NonNullable<ClientState['outbox']>;
  /** The user's open and unread alerts: the one count every badge shows (selectAlertCounts). */
  alerts: AlertCounts;
  doNotDisturb: NonNullable<ClientState['doNotDisturb']>;
  presence: NonNullable<ClientState['presence']>;
  sessionPersistent?: boolean;
  /** Receipt time (ms) of the newest event, for its age in the connection bar. */
  lastEventAt?: number;
}

const initialState: ConnectionSliceState = {
  info: { state: 'idle', since: 0, attempt: 0 },
  outbox: { pending: [], failed: [] },
  alerts: emptyAlertCounts(),
  doNotDisturb: 'unsupported',
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
        if (st.alerts) s.alerts = same(was.alerts, st.alerts);
        if (st.doNotDisturb) s.doNotDisturb = st.doNotDisturb;
        s.presence = same(was.presence, st.presence ?? NO_PRESENCE);
        s.sessionPersistent = st.sessionPersistent;
      }
      if (a.payload.events.length > 0) s.lastEventAt = a.meta.receivedAt;
    });
  },
});

/** The user's alert counts: the header of the alert centre, the nav badge, the tray and the OS badge. */
export const selectAlertCounts = (s: { connection: ConnectionSliceState }): AlertCounts => s.connection.alerts;
