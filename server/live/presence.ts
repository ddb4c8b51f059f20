// Who is online: one entry per socket in a store (memory embedded, Redis clustered with expiry so a
// node that dies takes its entries with it), shown to every console as one entry per user.
import { ROLES, canRead, type PresenceDelta, type PresenceEntry, type Role } from '../../protocol';
import { roleRoom } from './sessionGuard';
import type { LiveNamespace } from './types';

export interface SocketPresence {
  userId: string;
  name: string;
  role: Role;
  view?: string;
}

export interface PresenceStore {
  set(socketId: string, entry: SocketPresence): Promise<void>;
  remove(socketId: string): Promise<void>;
  /** Every live socket's entry, on every node. */
  all(): Promise<SocketPresence[]>;
  close(): Promise<void>;
}

/** Sockets of `role` that get the presence as changes (after one full list). */
export const presenceDeltaRoom = (role: string) => `#presence-delta:${role}`;
/** Sockets of `role` that asked for changes and have not had their full list yet. */
export const presenceJoiningRoom = (role: string) => `#presence-joining:${role}`;

const byName = new Intl.Collator('tr');

/** One entry per user: devices counted, their views listed. */
export function groupByUser(sockets: SocketPresence[]): PresenceEntry[] {
  const byUser = new Map<string, PresenceEntry>();
  for (const s of sockets) {
    const e = byUser.get(s.userId) ?? { userId: s.userId, name: s.name, role: s.role, devices: 0, views: [] };
    e.devices += 1;
    if (s.view && !e.views.includes(s.view)) e.views.push(s.view);
    byUser.set(s.userId, e);
  }
  return [...byUser.values()].sort((a, b) => byName.compare(a.name, b.name));
}

const sameEntry = (a: PresenceEntry, b: PresenceEntry) =>
  a.name === b.name &&
  a.role === b.role &&
  a.devices === b.devices &&
  a.views.length === b.views.length &&
  a.views.every((v, i) => v === b.views[i]);

/** What changed from `before` (by user id) to `after`: one look per user, nothing sent twice. */
export function presenceDelta(
  before: ReadonlyMap<string, PresenceEntry>,
  after: readonly PresenceEntry[],
): PresenceDelta {
  const upsert: PresenceEntry[] = [];
  const present = new Set<string>();
  for (const e of after) {
    present.add(e.userId);
    const was = before.get(e.userId);
    if (!was || !sameEntry(was, e)) upsert.push(e);
  }
  const remove = [...before.keys()].filter((id) => !present.has(id));
  return { upsert, remove };
}

/** The channel whose data each console screen shows. */
const SCREEN_CHANNEL: Readonly<Record<string, string>> = {
  orders: 'orders',
  stock: 'inventory',
  prices: 'prices',
  analytics: 'analytics',
  dashboard: 'dashboard',
  system: 'system',
};

/**
 * The presence list as `role` may see it: a colleague's screen only when it is one of the role's
 * own screens (warehouse staff learn who else is on the orders screen, not who is on prices);
 * a view that is no data screen only for the roles that see everything.
 */
export function presenceFor(role: Role, entries: PresenceEntry[]): PresenceEntry[] {
  const visible = (view: string) => {
    const channel = SCREEN_CHANNEL[view];
    return channel === undefined ? role === 'admin' : canRead(role, '', channel);
  };
  return entries.map((e) => ({ ...e, views: e.views.filter(visible) }));
}

export function memoryPresence(): PresenceStore {
  const entries = new Map<string, SocketPresence>();
  return {
    async set(id, entry) {
      entries.set(id, entry);
    },
    async remove(id) {
      entries.delete(id);
    },
    async all() {
      return [...entries.values()];
    },
    async close() {
      entries.clear();
    },
  };
}

/**
 * Sends the list to this node's sockets when it changed: soon after a local change (coalesced), and
 * every `refreshMs` to notice other nodes' changes and expiries.
 */
export function presenceBroadcaster(deps: {
  store: PresenceStore;
  /** The whole list and what changed since the last emit (all of it the first time). */
  emit: (entries: PresenceEntry[], delta: PresenceDelta) => void;
  onError: (err: unknown) => void;
  debounceMs?: number;
  refreshMs?: number;
}) {
  let last = new Map<string, PresenceEntry>();
  let pending: NodeJS.Timeout | undefined;
  let stopped = false;
  const check = async () => {
    const entries = groupByUser(await deps.store.all());
    const delta = presenceDelta(last, entries);
    if (delta.upsert.length === 0 && delta.remove.length === 0) return;
    last = new Map(entries.map((e) => [e.userId, e]));
    deps.emit(entries, delta);
  };
  const run = () => void check().catch(deps.onError);
  const refresh = setInterval(run, deps.refreshMs ?? 10_000);
  refresh.unref();
  return {
    changed() {
      if (pending || stopped) return;
      pending = setTimeout(() => {
        pending = undefined;
        run();
      }, deps.debounceMs ?? 200);
      pending.unref();
    },
    stop() {
      stopped = true;
      clearInterval(refresh);
      if (pending) clearTimeout(pending);
    },
  };
}

/**
 * Tells this node's consoles who is online, per role: the whole list to consoles that did not ask
 * for changes and to those that just came; a change (one user each, at most) to the rest, so a busy
 * office costs no list per console.
 */
export function emitPresence(nsp: LiveNamespace, entries: PresenceEntry[], delta: PresenceDelta): void {
  const local = nsp.local;
  for (const role of ROLES) {
    local.to(roleRoom(role)).except(presenceDeltaRoom(role)).emit('presence', presenceFor(role, entries));
    local
      .to(presenceDeltaRoom(role))
      .emit('presence:delta', { upsert: presenceFor(role, delta.upsert), remove: delta.remove });
    local.in(presenceJoiningRoom(role)).socketsJoin(presenceDeltaRoom(role));
    local.in(presenceJoiningRoom(role)).socketsLeave(presenceJoiningRoom(role));
  }
}
