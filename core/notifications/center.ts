// Runs the notification policy over the deliveries the client shows, keeps its state, reminds of
// unacknowledged critical alerts, and hands the commands and unread counts to the host.
import type { ChannelSnapshot, Delivery, NotificationCommand, Priority, Settings } from '../../protocol';
import type { Clock, TimerHandle } from '../ports';
import { decide, emptyPolicyState, fromSnapshot, remind, unreadCounts, type PolicyState } from './policy';

const REMINDER_CHECK_MS = 30_000;

export interface NotificationCenter {
  onDelivery(d: Delivery): void;
  /** A channel reloaded from a snapshot: its unnotified open alerts, and the user's snoozes. */
  onSnapshot(snapshot: ChannelSnapshot): void;
  unread(): Record<Priority, number>;
  setUser(userId: string | undefined): void;
  reset(): void;
  close(): void;
}

export function createNotificationCenter(deps: {
  clock: Clock;
  settings: () => Settings;
  emit: (commands: NotificationCommand[]) => void;
}): NotificationCenter {
  let state: PolicyState = emptyPolicyState();
  let userId: string | undefined;
  let timer: TimerHandle | undefined;

  const ctx = () => {
    const s = deps.settings();
    return { prefs: s.notifications, now: deps.clock.now(), language: s.language, userId };
  };

  function armReminders(): void {
    if (timer !== undefined) return;
    timer = deps.clock.setTimeout(() => {
      timer = undefined;
      const r = remind(ctx(), state);
      state = r.state;
      if (r.commands.length > 0) deps.emit(r.commands);
      if (Object.keys(state.reminders).length > 0) armReminders();
    }, REMINDER_CHECK_MS);
  }

  return {
    onDelivery(d) {
      const r = decide(d, ctx(), state);
      state = r.state;
      if (r.commands.length > 0) deps.emit(r.commands);
      if (Object.keys(state.reminders).length > 0) armReminders();
    },
    onSnapshot(snapshot) {
      const r = fromSnapshot(snapshot, ctx(), state);
      state = r.state;
      if (r.commands.length > 0) deps.emit(r.commands);
      if (Object.keys(state.reminders).length > 0) armReminders();
    },
    unread: () => unreadCounts(state),
    setUser(id) {
      userId = id;
    },
    reset() {
      state = emptyPolicyState();
    },
    close() {
      if (timer !== undefined) deps.clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
