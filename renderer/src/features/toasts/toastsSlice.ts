// In-app toasts from the notification policy: the console shows `toast` reach (and, in the
// browser where there is no OS notification, `os` reach too). Updated when a repeat collapses
// into them, removed when the alert is acknowledged, read or resolved, or when dismissed.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { NotificationCommand, Priority } from '../../../../protocol';
import { batchReceived } from '../live/liveActions';

export interface Toast {
  id: string;
  priority: Priority;
  title: string;
  body: string;
  count: number;
  sticky: boolean;
  alertKey?: string;
  channel?: string;
  summary?: boolean;
  at: number;
}

export const MAX_TOASTS = 4;

export interface ToastsState {
  items: Toast[];
  /** Whether `os` reach shows here too (no OS notifications in the browser). */
  showOsReach: boolean;
}

const initialState: ToastsState = { items: [], showOsReach: false };

function apply(s: ToastsState, c: NotificationCommand, at: number): void {
  switch (c.op) {
    case 'show': {
      if (c.reach === 'os' && !s.showOsReach) return;
      s.items = s.items.filter((t) => t.id !== c.id);
      s.items.unshift({
        id: c.id,
        priority: c.priority,
        title: c.title,
        body: c.body,
        count: c.count,
        sticky: c.sticky,
        alertKey: c.alertKey,
        channel: c.channel,
        at,
      });
      break;
    }
    case 'update': {
      const t = s.items.find((x) => x.id === c.id);
      if (t) {
        t.count = c.count;
        t.body = c.body;
      }
      break;
    }
    case 'summary': {
      s.items = s.items.filter((t) => t.id !== c.id);
      s.items.unshift({
        id: c.id,
        priority: c.priority,
        title: '',
        body: '',
        count: c.count,
        sticky: false,
        summary: true,
        at,
      });
      break;
    }
    case 'clear':
      s.items = s.items.filter((t) => t.id !== c.id);
      break;
  }
  // Beyond the limit the oldest non-sticky go first.
  while (s.items.length > MAX_TOASTS) {
    const i = s.items.map((t) => t.sticky).lastIndexOf(false);
    s.items.splice(i >= 0 ? i : s.items.length - 1, 1);
  }
}

export const toastsSlice = createSlice({
  name: 'toasts',
  initialState,
  reducers: {
    dismissed(s, a: PayloadAction<string>) {
      s.items = s.items.filter((t) => t.id !== a.payload);
    },
    osReachShownHere(s, a: PayloadAction<boolean>) {
      s.showOsReach = a.payload;
    },
  },
  extraReducers: (b) => {
    b.addCase(batchReceived, (s, a) => {
      for (const c of a.payload.notifications ?? []) apply(s, c, a.meta.receivedAt);
    });
  },
});

export const { dismissed, osReachShownHere } = toastsSlice.actions;
