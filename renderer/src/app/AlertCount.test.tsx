// @vitest-environment jsdom
// The unread count in the shell: the badge and the tab's title follow it, the screen does not
// re-render with it, and the title is set at most once a second however often it changes.
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyAlertCounts, type LiveBatch } from '../../../protocol';
import { setup } from '../features/alerts/test/harness';
import { TITLE_EVERY_MS } from './AlertCount';
import { Shell } from './Shell';

let screenRenders = 0;
vi.mock('../features/dashboard/DashboardScreen', () => ({
  DashboardScreen: () => {
    screenRenders += 1;
    return null;
  },
}));

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** The host's state with `unread` high alerts unread (and open). */
function hostState(unread: number): LiveBatch['state'] {
  const alerts = emptyAlertCounts();
  alerts.open.high = unread;
  alerts.unread.high = unread;
  return { connection: { state: 'connected', since: 0, attempt: 0 }, alerts } as LiveBatch['state'];
}

describe('the unread count in the shell', () => {
  it('shows on the alerts link without re-rendering the screen', () => {
    const h = setup();
    h.render(<Shell />);
    const before = screenRenders;
    for (let n = 1; n <= 5; n++) act(() => h.push({ state: hostState(n) }));
    expect(screen.getByTestId('nav-badge').textContent).toBe('5');
    expect(screenRenders).toBe(before);
  });

  it('sets the tab’s title at once, then at most once a second, ending on the latest count', () => {
    vi.useFakeTimers();
    const h = setup();
    const titles: string[] = [];
    const set = Object.getOwnPropertyDescriptor(Document.prototype, 'title')?.set;
    vi.spyOn(document, 'title', 'set').mockImplementation(function (this: Document, v: string) {
      titles.push(v);
      set?.call(this, v);
    });
    h.render(<Shell />);
    titles.length = 0;
    for (let n = 1; n <= 20; n++) {
      act(() => h.push({ state: hostState(n) }));
      act(() => vi.advanceTimersByTime(50));
    }
    // 20 changes over one second: the first shown at once, the rest as one.
    expect(titles.length).toBeLessThanOrEqual(2);
    act(() => vi.advanceTimersByTime(TITLE_EVERY_MS));
    expect(document.title).toMatch(/^\(20\) /);
    expect(titles.length).toBeLessThanOrEqual(3);
  });

  it('follows the count within a second after the wall clock jumps back (NTP, a resume from sleep)', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-07T12:00:00Z'));
    const h = setup();
    h.render(<Shell />);
    act(() => h.push({ state: hostState(12) }));
    act(() => vi.advanceTimersByTime(TITLE_EVERY_MS));
    expect(document.title).toMatch(/^\(12\) /);
    // The clock is put back ten minutes; the count drops to zero a moment later.
    vi.setSystemTime(new Date('2026-12-07T11:50:00Z'));
    act(() => vi.advanceTimersByTime(100));
    act(() => h.push({ state: hostState(0) }));
    act(() => vi.advanceTimersByTime(TITLE_EVERY_MS));
    expect(document.title).not.toMatch(/^\(/);
  });
});
