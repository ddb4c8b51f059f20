// The OS's do-not-disturb as the desktop reads it: GNOME's show-banners, macOS's Focus assertions,
// nothing on Windows (Focus Assist cannot be read); unknown when it cannot be read.
import { describe, expect, it, vi } from 'vitest';
import { createDoNotDisturbProbe, DND_POLL_MS, parseGnomeShowBanners, parseMacAssertions } from './doNotDisturb';

function probe(platform: NodeJS.Platform, answer: { run?: () => Promise<string>; read?: () => Promise<string> }) {
  let tick: (() => void) | undefined;
  const p = createDoNotDisturbProbe({
    platform,
    desktop: 'ubuntu:GNOME',
    run: vi.fn(answer.run ?? (() => Promise.reject(new Error('no gsettings')))),
    readFile: vi.fn(answer.read ?? (() => Promise.reject(new Error('EPERM')))),
    homedir: '/home/ayse',
    setInterval: (fn, ms) => {
      expect(ms).toBe(DND_POLL_MS);
      tick = fn;
      return 1;
    },
    clearInterval: () => (tick = undefined),
  });
  return { p, tick: () => tick?.() };
}

describe('do-not-disturb', () => {
  it('GNOME: show-banners false means on; anything else is unknown', () => {
    expect(parseGnomeShowBanners('false\n')).toBe(true);
    expect(parseGnomeShowBanners('true')).toBe(false);
    expect(parseGnomeShowBanners("No such schema 'org.gnome.desktop.notifications'")).toBeUndefined();
  });

  it('macOS: an active Focus is an assertion record; none is off; an unreadable file is unknown', () => {
    expect(parseMacAssertions(JSON.stringify({ data: [{ storeAssertionRecords: [{ id: 1 }] }] }))).toBe(true);
    expect(parseMacAssertions(JSON.stringify({ data: [{ storeAssertionRecords: [] }, {}] }))).toBe(false);
    expect(parseMacAssertions('{"data": 3}')).toBeUndefined();
    expect(parseMacAssertions('not json')).toBeUndefined();
  });

  it('Linux: read at start and every minute, listeners told of a change', async () => {
    let banners = 'true';
    const t = probe('linux', { run: async () => banners });
    await t.p.read();
    expect(t.p.active()).toBe(false);
    const changed = vi.fn();
    t.p.onChange(changed);
    banners = 'false';
    t.tick();
    await vi.waitFor(() => expect(t.p.active()).toBe(true));
    expect(changed).toHaveBeenCalledTimes(1);
    t.p.close();
  });

  it('unknown where it cannot be read: no GNOME, another Linux desktop, a macOS privacy setting, Windows', async () => {
    const kde = createDoNotDisturbProbe({
      platform: 'linux',
      desktop: 'KDE',
      run: async () => 'true',
      readFile: async () => '',
      homedir: '/home/ayse',
      setInterval: () => 1,
      clearInterval: () => undefined,
    });
    await kde.read();
    expect(kde.active()).toBeUndefined();
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const t = probe(platform, {});
      await t.p.read();
      expect(t.p.active()).toBeUndefined();
      t.p.close();
    }
  });
});
