// The connection as the host reports it, updated once per batch that carries a state.
import { createSlice } from '@reduxjs/toolkit';
import type { ConnectionInfo } from '../../../../protocol';
import { batchReceived } from '../live/liveActions';

export interface ConnectionSliceState {
  info: ConnectionInfo;
  /** Receipt time (ms) of the newest event, for the "last event" age. */
  lastEventAt?: number;
}

const initialState: ConnectionSliceState = { info: { state: 'idle', since: 0, attempt: 0 } };

export const connectionSlice = createSlice({
  name: 'connection',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(batchReceived, (s, a) => {
      if (a.payload.state) s.info = a.payload.state.connection;
      if (a.payload.events.length > 0) s.lastEventAt = Date.now();
    });
  },
});
