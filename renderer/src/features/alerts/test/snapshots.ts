// Channel snapshots for slice tests: the alerts a gateway answers for a channel, each with the event
// it was last delivered with (or without it, as gateways that did not keep it answer).
import type { AlertView, ChannelSnapshot, LiveEvent } from '../../../../../protocol';

let offset = 100;

/** The snapshot's view of the alert an event (delivered with its `alertKey`) opened. */
export function alertView(e: LiveEvent, channel: string, over: Partial<AlertView> = {}): AlertView {
  if (!('alertKey' in e) || !e.alertKey) throw new Error('the event opened no alert');
  const [kind = e.type, ...subject] = e.alertKey.split(':');
  return {
    alertKey: e.alertKey,
    channel,
    type: e.type,
    kind,
    subject: subject.join(':'),
    ...(e.marketplace ? { marketplace: e.marketplace } : {}),
    priority: e.priority,
    state: 'open',
    title: e.alertKey,
    count: 1,
    firstSeenAt: e.occurredAt,
    lastSeenAt: e.occurredAt,
    read: false,
    lastEvent: e,
    ...over,
  };
}

/** A view without its event, as a gateway from before alerts kept theirs answers. */
export function bareAlertView(e: LiveEvent, channel: string): AlertView {
  const { lastEvent: _e, ...view } = alertView(e, channel);
  return view;
}

export function snapshotOf(channel: string, alerts: AlertView[], more: Partial<ChannelSnapshot> = {}): ChannelSnapshot {
  offset += 10;
  return { channel, epoch: 'e1', offset, alerts, ...more };
}
