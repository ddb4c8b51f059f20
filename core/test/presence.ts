// A presence entry for tests: one device of a warehouse user, on the given screens.
import type { PresenceEntry } from '../../protocol';

export const presenceEntry = (userId: string, name: string, views: string[] = []): PresenceEntry => ({
  userId,
  name,
  role: 'warehouse',
  devices: 1,
  views,
});
