// LIVE_DEMO=1: the three demo accounts, created when missing (password `demo`).
import type { Role } from '../../protocol';
import { hashPassword } from './passwords';
import type { UserStore } from './userStore';

export const DEMO_USERS: { username: string; name: string; role: Role }[] = [
  { username: 'depo', name: 'Ayşe Yılmaz', role: 'warehouse' },
  { username: 'satis', name: 'Mehmet Kaya', role: 'sales' },
  { username: 'yonetici', name: 'Zeynep Demir', role: 'admin' },
];

export async function seedDemoUsers(users: UserStore): Promise<void> {
  for (const u of DEMO_USERS) {
    if (await users.findByUsername(u.username)) continue;
    try {
      await users.create({ ...u, passwordHash: await hashPassword('demo'), demo: true });
    } catch (err) {
      // Another gateway node seeded it in the meantime.
      if (!(await users.findByUsername(u.username))) throw err;
    }
  }
}
