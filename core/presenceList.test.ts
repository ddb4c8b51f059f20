// A console's presence list kept from changes: users who came or changed replace their entry, users
// who left go, the order is by name in Turkish, and the list it started from is not changed.
import { describe, expect, it } from 'vitest';
import { applyPresenceDelta } from './presenceList';
import { presenceEntry } from './test/presence';

const entry = presenceEntry;

describe('applyPresenceDelta', () => {
  it('adds, replaces and removes by user id, sorted by name in Turkish', () => {
    const list = [entry('a', 'Ayşe'), entry('c', 'Can'), entry('z', 'Zeynep')];
    const next = applyPresenceDelta(list, {
      upsert: [entry('c', 'Can', ['orders']), entry('ç', 'Çağla')],
      remove: ['z', 'nobody'],
    });
    expect(next).toEqual([entry('a', 'Ayşe'), entry('c', 'Can', ['orders']), entry('ç', 'Çağla')]);
    expect(list.map((e) => e.userId)).toEqual(['a', 'c', 'z']);
    expect(applyPresenceDelta(next, { upsert: [], remove: [] })).toEqual(next);
  });
});
