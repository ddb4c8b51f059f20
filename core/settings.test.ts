// User settings through the host: defaults, unreadable files, validation, persistence.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, LiveError } from '../protocol';
import { createLiveHost } from './liveHost';
import type { Logger } from './ports';
import { readSettings } from './settings';
import { MemoryStore } from './test/fakes';
import { fakeWorld } from './test/fakeWorld';

function hostWith(store: MemoryStore) {
  const w = fakeWorld();
  const warnings: string[] = [];
  const logger: Logger = { ...w.ports.logger, warn: (_f, msg) => warnings.push(msg) };
  const host = createLiveHost({ ...w.ports, store, logger });
  return { host, warnings, store };
}

describe('settings', () => {
  it('are the defaults when nothing is stored', async () => {
    const { host } = hostWith(new MemoryStore());
    expect(await host.getSettings()).toEqual({ ...DEFAULT_SETTINGS, language: 'tr', theme: 'system' });
    expect(DEFAULT_SETTINGS).toMatchObject({
      language: 'tr',
      theme: 'system',
      sound: { enabled: true },
      keepInTray: true,
    });
  });

  it.each([
    ['corrupt JSON', '{"language": "en", '],
    ['not an object', '42'],
    ['null', 'null'],
    ['empty', ''],
  ])('fall back to the defaults without throwing when the stored value is %s', async (_what, raw) => {
    const store = new MemoryStore();
    store.data.set('settings', raw);
    const { host, warnings } = hostWith(store);
    await expect(host.getSettings()).resolves.toEqual(DEFAULT_SETTINGS);
    expect(warnings.length).toBeGreaterThan(0);
  });

  it('changes made at the same moment are all kept (each reads what the one before wrote)', async () => {
    // A store slow to answer, as a file on a busy disk: without ordering, both changes would read
    // the same old settings and the second write would drop the first change.
    class SlowStore extends MemoryStore {
      override async get(key: string) {
        await new Promise((r) => setTimeout(r, 5));
        return super.get(key);
      }
    }
    const { host, store } = hostWith(new SlowStore());
    const results = await Promise.all([
      host.setSettings({ theme: 'dark' }),
      host.setSettings({ language: 'en' }),
      host.setSettings({ startAtLogin: true }),
    ]);
    expect(results[2]).toMatchObject({ theme: 'dark', language: 'en', startAtLogin: true });
    expect(JSON.parse(store.data.get('settings') as string)).toMatchObject({
      theme: 'dark',
      language: 'en',
      startAtLogin: true,
    });
  });

  it('a refused change does not stop the ones after it', async () => {
    const { host } = hostWith(new MemoryStore());
    const bad = host.setSettings({ theme: 'neon' } as never);
    const good = host.setSettings({ theme: 'light' });
    await expect(bad).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(good).resolves.toMatchObject({ theme: 'light' });
  });

  it('fill fields missing from an older file with their defaults', async () => {
    const store = new MemoryStore();
    store.data.set('settings', JSON.stringify({ theme: 'dark' }));
    const { host } = hostWith(store);
    expect(await host.getSettings()).toEqual({ ...DEFAULT_SETTINGS, language: 'tr', theme: 'dark' });
  });

  it('are merged and persisted by setSettings, and survive a restart of the host', async () => {
    const store = new MemoryStore();
    const first = hostWith(store).host;
    expect(await first.setSettings({ theme: 'dark' })).toEqual({ ...DEFAULT_SETTINGS, language: 'tr', theme: 'dark' });
    expect(await first.setSettings({ language: 'en' })).toEqual({ ...DEFAULT_SETTINGS, language: 'en', theme: 'dark' });
    const restarted = hostWith(store).host;
    expect(await restarted.getSettings()).toEqual({ ...DEFAULT_SETTINGS, language: 'en', theme: 'dark' });
  });

  it('repair a corrupt file on the next valid write', async () => {
    const store = new MemoryStore();
    store.data.set('settings', '{oops');
    const { host } = hostWith(store);
    expect(await host.setSettings({ language: 'en' })).toEqual({
      ...DEFAULT_SETTINGS,
      language: 'en',
      theme: 'system',
    });
    expect(JSON.parse(store.data.get('settings') as string)).toEqual({
      ...DEFAULT_SETTINGS,
      language: 'en',
      theme: 'system',
    });
  });

  it.each([
    ['an unknown language', { language: 'de' }],
    ['an unknown field', { fontSize: 14 }],
    ['a wrong type', { theme: 1 }],
    ['not an object', 'dark'],
    ['null', null],
  ])('refuse %s with validation_failed and leave the stored value unchanged', async (_what, patch) => {
    const store = new MemoryStore();
    const { host } = hostWith(store);
    await host.setSettings({ language: 'en', theme: 'light' });
    const before = store.data.get('settings');
    const err = await host.setSettings(patch as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LiveError);
    expect((err as LiveError).code).toBe('validation_failed');
    expect(Array.isArray((err as LiveError).details?.issues)).toBe(true);
    expect(store.data.get('settings')).toBe(before);
    expect(await host.getSettings()).toEqual({ ...DEFAULT_SETTINGS, language: 'en', theme: 'light' });
  });

  it('keep the valid fields of a stored file that also has an unknown field', async () => {
    const store = new MemoryStore();
    store.data.set('settings', JSON.stringify({ language: 'en', theme: 'dark', soundVolume: 0.4 }));
    expect(await readSettings(store, fakeWorld().ports.logger)).toEqual({
      ...DEFAULT_SETTINGS,
      language: 'en',
      theme: 'dark',
    });
  });

  it('keep the valid fields of a stored file when one field has an invalid value', async () => {
    const store = new MemoryStore();
    store.data.set('settings', JSON.stringify({ language: 'de', theme: 'dark' }));
    expect(await readSettings(store, fakeWorld().ports.logger)).toEqual({
      ...DEFAULT_SETTINGS,
      language: 'tr',
      theme: 'dark',
    });
  });
});
