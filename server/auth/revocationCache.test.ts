// The node's revocation cache: a burst of handshakes of one session asks SQL once; an end seen by
// the watch (or made on this node) is answered at once, also over a lookup in flight; a live
// answer is asked again after its time; SQL's "ended" is kept for good.
import { describe, expect, it } from 'vitest';
import { createRevocationCache } from './revocationCache';

function store(revoked = new Set<string>()) {
  let calls = 0;
  let hold: Promise<void> | undefined;
  return {
    revoked,
    calls: () => calls,
    holdNext(p: Promise<void>) {
      hold = p;
    },
    async isRevoked(id: string) {
      calls++;
      const h = hold;
      hold = undefined;
      if (h) await h;
      return revoked.has(id);
    },
  };
}

describe('revocation cache', () => {
  it('1,500 handshakes of one live session at once ask SQL once, and again only after liveMs', async () => {
    let t = 0;
    const sql = store();
    const cache = createRevocationCache(sql, { now: () => t, liveMs: 30_000 });
    const answers = await Promise.all(Array.from({ length: 1500 }, () => cache.isRevoked('s1')));
    expect(answers.every((r) => r === false)).toBe(true);
    expect(sql.calls()).toBe(1);
    t += 29_999;
    expect(await cache.isRevoked('s1')).toBe(false);
    expect(sql.calls()).toBe(1);
    t += 2;
    expect(await cache.isRevoked('s1')).toBe(false);
    expect(sql.calls()).toBe(2);
  });

  it('an end seen by the watch is answered at once, without SQL, and for good', async () => {
    const sql = store();
    const cache = createRevocationCache(sql, { now: () => 0 });
    expect(await cache.isRevoked('s1')).toBe(false);
    cache.ended('s1');
    expect(await cache.isRevoked('s1')).toBe(true);
    expect(await cache.isRevoked('s1')).toBe(true);
    expect(sql.calls()).toBe(1);
  });

  it('an end seen while SQL is asked wins over its "live" answer', async () => {
    const sql = store();
    const cache = createRevocationCache(sql, { now: () => 0 });
    let release!: () => void;
    sql.holdNext(new Promise<void>((r) => (release = r)));
    const asked = cache.isRevoked('s1');
    cache.ended('s1');
    release();
    expect(await asked).toBe(true);
    expect(await cache.isRevoked('s1')).toBe(true);
  });

  it('SQL saying ended (or unknown) is kept; other sessions are asked on their own', async () => {
    const sql = store(new Set(['gone']));
    const cache = createRevocationCache(sql, { now: () => 0 });
    expect(await cache.isRevoked('gone')).toBe(true);
    expect(await cache.isRevoked('gone')).toBe(true);
    expect(await cache.isRevoked('other')).toBe(false);
    expect(sql.calls()).toBe(2);
  });

  it('holds at most max sessions: the oldest is asked of SQL again', async () => {
    const sql = store();
    const cache = createRevocationCache(sql, { now: () => 0, max: 2 });
    for (const id of ['a', 'b', 'c', 'd']) await cache.isRevoked(id);
    expect(sql.calls()).toBe(4);
    await cache.isRevoked('a');
    expect(sql.calls()).toBe(5);
  });
});
