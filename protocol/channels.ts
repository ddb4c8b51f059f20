// Channel names, which role may read which channel, and which channel each event type goes to.
import { z } from 'zod';
import type { Role } from './common';
import type { ProducerEvent, ProducerEventType } from './events';

export const SHARED_CHANNELS = ['global', 'dashboard', 'orders', 'inventory', 'prices', 'analytics', 'system'] as const;
export type SharedChannel = (typeof SHARED_CHANNELS)[number];

const USER_CHANNEL = /^user-[A-Za-z0-9_-]{1,64}$/;

export const ChannelName = z.union([z.enum(SHARED_CHANNELS), z.string().regex(USER_CHANNEL, 'user-{id}')]);
export type ChannelName = z.infer<typeof ChannelName>;

export function userChannel(userId: string): ChannelName {
  return `user-${userId}`;
}

/** The one table of channel access by role. A user always reads their own `user-{id}` channel. */
export const ROLE_CHANNELS: Record<Role, readonly SharedChannel[]> = {
  warehouse: ['global', 'dashboard', 'orders', 'inventory'],
  sales: ['global', 'dashboard', 'orders', 'inventory', 'prices', 'analytics'],
  admin: SHARED_CHANNELS,
};

export function canRead(role: Role, userId: string, channel: string): boolean {
  if (USER_CHANNEL.test(channel)) return role === 'admin' || channel === userChannel(userId);
  return (ROLE_CHANNELS[role] as readonly string[]).includes(channel);
}

/** The channels a role subscribes to by default: all it may read, its own user channel included. */
export function defaultChannels(role: Role, userId: string): ChannelName[] {
  return [...ROLE_CHANNELS[role], userChannel(userId)];
}

/** Channels an event of each type may be routed to; the first is its default. */
export const TYPE_CHANNELS: Record<ProducerEventType, readonly SharedChannel[]> = {
  ORDER_NOTIFICATION: ['orders', 'global'],
  INVENTORY_CHANGE: ['inventory', 'global'],
  PRICE_UPDATE: ['prices', 'global'],
  METRIC_UPDATE: ['dashboard', 'analytics'],
  SYSTEM_ALERT: ['system', 'global'],
};

/**
 * The channel an event goes to: the one its envelope names when allowed for its type; otherwise
 * the type's default, except METRIC_UPDATE for one marketplace, which is an analytics breakdown.
 * Returns undefined when the envelope names a channel not allowed for its type.
 */
export function routeOf(
  event: Pick<ProducerEvent, 'type' | 'channel' | 'marketplace' | 'payload'>,
): SharedChannel | undefined {
  const allowed = TYPE_CHANNELS[event.type];
  if (event.channel !== undefined) {
    return allowed.find((c) => c === event.channel);
  }
  if (event.type === 'METRIC_UPDATE' && 'window' in event.payload && event.payload.marketplace) {
    return 'analytics';
  }
  return allowed[0];
}
