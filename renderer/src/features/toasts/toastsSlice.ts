// In-app toasts from the notification policy: the console shows `toast` reach (and, in the
// browser where there is no OS notification, `os` reach too). Updated when a repeat collapses
// into them, removed when the alert is acknowledged, read or resolved, or when closed. A reminder
// of an open critical is not a new toast: the bar of open criticals pulses instead, as it does when
// criticals that arrived while away are summarised (`backlog`).
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { NotificationAbout, NotificationCommand, Priority, SubjectTarget } from '../../../../protocol';
import { batchReceived } from '../live/liveActions';

export interface Toast {
  id: string;
  priority: Priority;
  /** What it is about: the console writes its words in the reader's language. */
  about?: NotificationAbout;
  /** Where "Göster" leads. */
  target?: SubjectTarget;
  count: number;
  sticky: boolean;
  alertKey?: string;
  channel?: string;
  summary?: boolean;
  at: number;
}

/** At most this many toasts on screen; the rest wait in the alert centre. */
export const MAX_TOASTS = 3;

export interface ToastsState {
  items: Toast[];
  /** Whether `os` reach shows here too (no OS notifications in the browser). */
  showOsReach: boolean;
  /** When the bar of open criticals last asked for attention (a reminder, a backlog), ms. */
  criticalPulseAt?: number;
  /**
   * Toasts that left the screen other than by a `clear` (closed, timed out, pushed out by newer
   * ones), for the host: the next repeat of their alert shows afresh instead of counting on them.
   */
  left: string[];
}

const initialState: ToastsState = { items: [], showOsReach: false, left: [] };

function apply(s: ToastsState, c: NotificationCommand, at: number): void {
  switch (c.op) {
    case 'show': {
      if (c.reminder) {
        s.criticalPulseAt = at;
        return;
      }
      if (c.reach === 'os' && !s.showOsReach) return;
      s.items = s.items.filter((t) => t.id !== c.id);
      s.items.unshift({
        id: c.id,
        priority: c.priority,
        about: c.about,
        target: c.target,
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
        t.about = c.about;
      }
      break;
    }
    case 'summary': {
      const existing = s.items.find((t) => t.id === c.id);
      if (existing) {
        existing.count = c.count;
        existing.priority = c.priority;
        break;
      }
      s.items.unshift({ id: c.id, priority: c.priority, count: c.count, sticky: false, summary: true, at });
      break;
    }
    case 'clear':
      s.items = s.items.filter((t) => t.id !== c.id);
      break;
    case 'backlog':
      s.criticalPulseAt = at;
      break;
  }
  // Beyond the limit the oldest non-sticky goes first, never the one just shown; when all the others
  // are sticky criticals the oldest of them goes (it stays in the top bar's count and the centre).
  while (s.items.length > MAX_TOASTS) {
    const older = s.items.slice(1);
    const i = older.map((t) => t.sticky).lastIndexOf(false);
    const [gone] = s.items.splice(1 + (i >= 0 ? i : older.length - 1), 1);
    if (gone) s.left.push(gone.id);
  }
}

export const toastsSlice = createSlice({
  name: 'toasts',
  initialState,
  reducers: {
    dismissed(s, a: PayloadAction<string>) {
      if (!s.items.some((t) => t.id === a.payload)) return;
      s.items = s.items.filter((t) => t.id !== a.payload);
      s.left.push(a.payload);
    },
    /** The host was told of these. */
    leftReported(s, a: PayloadAction<readonly string[]>) {
      s.left = s.left.filter((id) => !a.payload.includes(id));
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

export const { dismissed, leftReported, osReachShownHere } = toastsSlice.actions;
