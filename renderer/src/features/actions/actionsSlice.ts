// Staff actions from the console: sent through the bridge (which queues them durably), followed
// here by key until their outcome arrives, so a refusal (a claim taken meanwhile) shows in place.
import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import type { ActionInput, ActionOutcome, ErrorPayload } from '../../../../protocol';
import { getBridge } from '../../bridge';
import { batchReceived } from '../live/liveActions';
import { toErrorPayload } from '../session/sessionSlice';

export interface TrackedAction {
  key: string;
  /** Absent only while an outcome came before the bridge's answer to `act`. */
  action?: ActionInput;
  status: 'queued' | 'done' | 'refused';
  result?: Record<string, unknown>;
  error?: ErrorPayload;
}

export interface ActionsState {
  byKey: Record<string, TrackedAction>;
  /** Latest key per subject (order or alert), for showing its status beside it. */
  bySubject: Record<string, string>;
  lastError?: ErrorPayload;
}

export const subjectOf = (a: ActionInput): string =>
  'orderKey' in a ? a.orderKey : 'alertKey' in a ? a.alertKey : a.alertKeys.join(',');

export const act = createAsyncThunk<{ key: string }, ActionInput, { rejectValue: ErrorPayload }>(
  'actions/act',
  async (action, { rejectWithValue }) => {
    try {
      return await getBridge().act(action);
    } catch (err) {
      return rejectWithValue(toErrorPayload(err));
    }
  },
);

export const actionsSlice = createSlice({
  name: 'actions',
  initialState: { byKey: {}, bySubject: {} } as ActionsState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(act.fulfilled, (s, a) => {
      const { key } = a.payload;
      // The outcome may already have arrived (a fast gateway): keep it.
      s.byKey[key] = { ...s.byKey[key], key, action: a.meta.arg, status: s.byKey[key]?.status ?? 'queued' };
      remember(s, a.meta.arg, key);
      forgetOld(s);
    })
      .addCase(act.rejected, (s, a) => {
        s.lastError = a.payload;
      })
      .addCase(batchReceived, (s, a) => {
        for (const o of a.payload.outcomes ?? []) apply(s, o);
      });
  },
});

/** Followed actions kept, newest last: older finished ones are forgotten. */
export const MAX_TRACKED = 500;

/** The latest action on a subject (an order, an alert); reads of many alerts say nothing in place. */
function remember(s: ActionsState, action: ActionInput, key: string): void {
  if (action.type === 'ALERTS_READ') return;
  s.bySubject[subjectOf(action)] = key;
}

function forgetOld(s: ActionsState): void {
  const keys = Object.keys(s.byKey);
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_TRACKED))) {
    if (s.byKey[key]?.status === 'queued') continue;
    delete s.byKey[key];
    for (const [subject, k] of Object.entries(s.bySubject)) if (k === key) delete s.bySubject[subject];
  }
}

function apply(s: ActionsState, o: ActionOutcome): void {
  const t = s.byKey[o.key];
  const next: TrackedAction = t ?? { key: o.key, status: 'queued' };
  if (!next.action && o.action) {
    next.action = o.action;
    remember(s, o.action, o.key);
  }
  if (o.ok) {
    next.status = 'done';
    next.result = o.result;
  } else {
    next.status = 'refused';
    next.error = o.error;
  }
  s.byKey[o.key] = next;
}
