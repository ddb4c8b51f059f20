// The presence list a console shows, kept from the gateway's changes: one whole list (snapshot or
// the first `presence`), then `presence:delta`s naming only the users who came, changed or left.
import type { PresenceDelta, PresenceEntry } from '../protocol';

const byName = new Intl.Collator('tr');

/** The list after a change, sorted by name in Turkish as the gateway sends it; the input is kept. */
export function applyPresenceDelta(list: readonly PresenceEntry[], delta: PresenceDelta): PresenceEntry[] {
  const gone = new Set([...delta.remove, ...delta.upsert.map((e) => e.userId)]);
  return [...list.filter((e) => !gone.has(e.userId)), ...delta.upsert].sort((a, b) => byName.compare(a.name, b.name));
}
