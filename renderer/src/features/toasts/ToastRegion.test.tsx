// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aboutAlert, setup, showToast } from '../alerts/test/harness';
import { AUTO_DISMISS_MS, SWIPE_THRESHOLD_PX, ToastRegion } from './ToastRegion';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  Reflect.deleteProperty(window, 'matchMedia');
});

function mockReducedMotion(reduce: boolean) {
  window.matchMedia = ((query: string) => ({
    matches: reduce && query.includes('prefers-reduced-motion'),
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  })) as unknown as typeof window.matchMedia;
}

const toasts = () => [...document.querySelectorAll<HTMLElement>('[data-toast-id]')];
const ids = () => toasts().map((t) => t.dataset.toastId);

/** A toast about an alert of `kind` (its title is the kind's word: "Stokta yok", "Kritik stok"). */
const about = (kind: string, subject = 'KOT-SLM-LCV-32') => ({ about: aboutAlert(kind, subject) });

function withToasts(...list: Parameters<typeof showToast>[0][]) {
  const h = setup();
  h.render(<ToastRegion />);
  // Oldest first: the newest ends on top.
  act(() => {
    for (const t of list) h.notify(showToast(t));
  });
  return h;
}

describe('toasts', () => {
  it('stacks newest first with priority by colour, icon and text', () => {
    withToasts(
      { id: 'a', priority: 'normal', ...about('COMPETITOR_UNDERCUT') },
      { id: 'b', priority: 'critical', sticky: true, ...about('OUT_OF_STOCK'), count: 3 },
    );
    expect(ids()).toEqual(['b', 'a']);
    const top = toasts()[0] as HTMLElement;
    expect(top.dataset.priority).toBe('critical');
    expect(top.querySelector('.toast-icon svg')).not.toBeNull();
    expect(within(top).getByText('Kritik')).toBeTruthy();
    expect(within(top).getByText('×3')).toBeTruthy();
    expect(within(top).getByText('Kapatılana kadar kalır')).toBeTruthy();
  });

  it('dismisses by a click on ×', () => {
    withToasts({ id: 'a', ...about('BUYBOX_LOST') }, { id: 'b', ...about('PRICE_REJECTED') });
    fireEvent.click(screen.getByRole('button', { name: 'Bildirimi kapat: Buybox kaybedildi' }));
    expect(ids()).toEqual(['b']);
  });

  it('Esc dismisses the newest toast, or the one that has focus', () => {
    withToasts(
      { id: 'a', ...about('LOW_STOCK') },
      { id: 'b', ...about('STOCK_MISMATCH') },
      { id: 'c', ...about('OUT_OF_STOCK') },
    );
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(ids()).toEqual(['b', 'a']);
    const close = screen.getByRole('button', { name: 'Bildirimi kapat: Kritik stok' });
    close.focus();
    fireEvent.keyDown(close, { key: 'Escape' });
    expect(ids()).toEqual(['b']);
    // Focus does not get lost: it moves to the toast that remains.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Bildirimi kapat: Stok uyuşmazlığı' }));
    // An Esc someone else handled (a menu closing) is not taken.
    const handled = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    handled.preventDefault();
    document.body.dispatchEvent(handled);
    expect(ids()).toEqual(['b']);
  });

  it(`dismisses by a sideways swipe past ${SWIPE_THRESHOLD_PX} px, and springs back below it`, () => {
    withToasts({ id: 'a' });
    const el = toasts()[0] as HTMLElement;
    fireEvent.pointerDown(el, { pointerId: 1, clientX: 100, button: 0 });
    fireEvent.pointerMove(el, { pointerId: 1, clientX: 100 + SWIPE_THRESHOLD_PX - 10 });
    expect(el.style.transform).toBe(`translateX(${SWIPE_THRESHOLD_PX - 10}px)`);
    fireEvent.pointerUp(el, { pointerId: 1, clientX: 100 + SWIPE_THRESHOLD_PX - 10 });
    expect(ids()).toEqual(['a']);
    expect(el.style.transform).toBe('');

    fireEvent.pointerDown(el, { pointerId: 2, clientX: 300, button: 0 });
    fireEvent.pointerMove(el, { pointerId: 2, clientX: 300 - SWIPE_THRESHOLD_PX - 5 });
    fireEvent.pointerUp(el, { pointerId: 2, clientX: 300 - SWIPE_THRESHOLD_PX - 5 });
    expect(ids()).toEqual([]);
  });

  it(`auto-dismisses after ${AUTO_DISMISS_MS / 1000} s unless critical, and pauses while hovered`, () => {
    vi.useFakeTimers();
    withToasts(
      { id: 'sticky', priority: 'critical', sticky: true, ...about('OUT_OF_STOCK') },
      { id: 'plain', priority: 'high', ...about('LOW_STOCK') },
    );
    act(() => vi.advanceTimersByTime(AUTO_DISMISS_MS - 500));
    expect(ids()).toEqual(['plain', 'sticky']);
    // Hovering holds the clock.
    fireEvent.mouseEnter(toasts()[0] as HTMLElement);
    act(() => vi.advanceTimersByTime(AUTO_DISMISS_MS * 2));
    expect(ids()).toEqual(['plain', 'sticky']);
    // Leaving resumes it with what was left.
    fireEvent.mouseLeave(toasts()[0] as HTMLElement);
    act(() => vi.advanceTimersByTime(400));
    expect(ids()).toEqual(['plain', 'sticky']);
    act(() => vi.advanceTimersByTime(200));
    expect(ids()).toEqual(['sticky']);
    act(() => vi.advanceTimersByTime(60_000));
    expect(ids()).toEqual(['sticky']);
  });

  it('a repeat folded into a toast starts its clock over', () => {
    vi.useFakeTimers();
    const h = withToasts({ id: 'a', ...about('LOW_STOCK') });
    act(() => vi.advanceTimersByTime(AUTO_DISMISS_MS - 1000));
    act(() => {
      h.notify({ op: 'update', id: 'a', count: 2, ...about('LOW_STOCK') });
    });
    act(() => vi.advanceTimersByTime(AUTO_DISMISS_MS - 1000));
    expect(ids()).toEqual(['a']);
    expect(screen.getByText('×2')).toBeTruthy();
    act(() => vi.advanceTimersByTime(1000));
    expect(ids()).toEqual([]);
  });

  it('slides in unless reduced motion is asked for', () => {
    mockReducedMotion(false);
    withToasts({ id: 'a' });
    expect(screen.getByTestId('toast-region').className).toContain('toast-region--animated');
    cleanup();
    mockReducedMotion(true);
    withToasts({ id: 'a' });
    const region = screen.getByTestId('toast-region');
    expect(region.className).toContain('toast-region--reduced-motion');
    expect(region.className).not.toContain('toast-region--animated');
    expect(region.querySelector('.toast-timer')).toBeNull();
  });

  it('announces new toasts in live regions without taking focus (critical assertively)', () => {
    const h = setup();
    h.render(
      <>
        <button type="button">Çalışıyorum</button>
        <ToastRegion />
      </>,
    );
    const working = screen.getByRole('button', { name: 'Çalışıyorum' });
    working.focus();
    act(() => {
      h.notify(showToast({ id: 'a', priority: 'high', ...about('BUYBOX_LOST', 'hepsiburada:SPR-AYK-SYH-42') }));
    });
    expect(screen.getByTestId('toast-live-polite').textContent).toBe(
      'Yüksek öncelikli bildirim: Buybox kaybedildi. Hepsiburada · SPR-AYK-SYH-42',
    );
    act(() => {
      h.notify(showToast({ id: 'b', priority: 'critical', sticky: true, ...about('OUT_OF_STOCK', 'KOT') }));
    });
    expect(screen.getByTestId('toast-live-assertive').textContent).toBe('Kritik öncelikli bildirim: Stokta yok. KOT');
    expect(screen.getByTestId('toast-live-polite').getAttribute('aria-live')).toBe('polite');
    expect(document.activeElement).toBe(working);
  });

  it('shows the flood summary ("Son bir dakikada 12 bildirim daha") and opens the alert centre from it', () => {
    const h = withToasts({ id: 'a' });
    act(() => {
      h.notify({ op: 'summary', id: 'summary', count: 12, priority: 'normal' });
    });
    expect(ids()).toEqual(['summary', 'a']);
    expect(within(toasts()[0] as HTMLElement).getByText('Son bir dakikada 12 bildirim daha')).toBeTruthy();
    expect(screen.getByTestId('toast-live-polite').textContent).toBe('Son bir dakikada 12 bildirim daha');
    fireEvent.click(screen.getByRole('button', { name: 'Uyarıları aç' }));
    expect(window.location.hash).toBe('#/alerts');
    expect(ids()).toEqual(['a']);
  });

  it('acknowledges the alert of a toast; "Göster" opens what it is about', async () => {
    const h = withToasts({ id: 'OUT_OF_STOCK:KOT', alertKey: 'OUT_OF_STOCK:KOT', ...about('OUT_OF_STOCK', 'KOT') });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Onayla: Stokta yok' })));
    expect(h.bridge.act).toHaveBeenCalledWith({ type: 'ALERT_ACK', alertKey: 'OUT_OF_STOCK:KOT' });
    expect(ids()).toEqual([]);
    act(() => {
      h.notify(
        showToast({
          id: 'x',
          alertKey: 'BUYBOX_LOST:hepsiburada:X',
          ...about('BUYBOX_LOST', 'hepsiburada:X'),
          target: { view: 'prices', item: 'hepsiburada:X' },
        }),
      );
    });
    fireEvent.click(screen.getByRole('button', { name: 'Göster: Buybox kaybedildi' }));
    expect(h.store.getState().ui).toMatchObject({ view: 'prices', focus: 'hepsiburada:X' });
    expect(window.location.hash).toBe('#/prices');
  });

  it('at most 3 on screen; a toast that leaves tells the host, so the next repeat shows again', () => {
    const h = withToasts(
      { id: 'a', ...about('LOW_STOCK', 'A') },
      { id: 'b', ...about('LOW_STOCK', 'B') },
      { id: 'c', ...about('LOW_STOCK', 'C') },
      { id: 'd', ...about('LOW_STOCK', 'D') },
    );
    expect(ids()).toEqual(['d', 'c', 'b']);
    expect(h.bridge.notificationDismissed).toHaveBeenCalledWith('a');
    fireEvent.click(screen.getAllByRole('button', { name: 'Bildirimi kapat: Kritik stok' })[0] as HTMLElement);
    expect(h.bridge.notificationDismissed).toHaveBeenCalledWith('d');
  });

  it('writes its words from the alert in the reader’s language: no English in Turkish', () => {
    withToasts({ id: 'a', priority: 'high', ...about('SYNC_LAG', 'pazarama:stock') });
    const toast = toasts()[0] as HTMLElement;
    expect(toast.textContent).toContain('Senkronizasyon gecikmesi');
    expect(toast.textContent).toContain('Pazarama · Stok');
    expect(toast.textContent).not.toMatch(/stock|queue|new\b|SYNC_LAG/);
  });

  it('in English, the same toast in English words', () => {
    const h = setup('en');
    h.render(<ToastRegion />);
    act(() => h.notify(showToast({ id: 'a', priority: 'high', ...about('SYNC_LAG', 'pazarama:stock') })));
    const toast = toasts()[0] as HTMLElement;
    expect(toast.textContent).toContain('Sync lag');
    expect(toast.textContent).toContain('Pazarama · Stock');
    expect(toast.textContent).not.toMatch(/Senkronizasyon|Stok\b|Kuyruk/);
  });

  it('a reminder of an open critical is no new toast: the critical bar pulses instead', () => {
    const h = withToasts();
    act(() => {
      h.notify(showToast({ id: 'r', priority: 'critical', sticky: true, reach: 'os', reminder: true }));
    });
    expect(ids()).toEqual([]);
    expect(h.store.getState().toasts.criticalPulseAt).toBeGreaterThan(0);
  });

  it('with three sticky criticals up, a new toast still shows: the oldest critical gives way', () => {
    withToasts(
      { id: 'c1', priority: 'critical', sticky: true, ...about('OUT_OF_STOCK', 'A') },
      { id: 'c2', priority: 'critical', sticky: true, ...about('OUT_OF_STOCK', 'B') },
      { id: 'c3', priority: 'critical', sticky: true, ...about('OUT_OF_STOCK', 'C') },
      { id: 'h', priority: 'high', ...about('LOW_STOCK', 'D') },
    );
    expect(ids()).toEqual(['h', 'c3', 'c2']);
  });
});

describe('toasts: fitting the lane', () => {
  /** A lane 300 px high (or `height()`), each toast 100 px: counts how often a toast's height is read. */
  function measuredLane(height = () => 300) {
    let reads = 0;
    const spies = [
      vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
        return this.dataset.testid === 'toast-region' ? height() : 0;
      }),
      vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(() => {
        reads += 1;
        return 100;
      }),
    ];
    return { reads: () => reads, restore: () => spies.forEach((s) => s.mockRestore()) };
  }

  it('hides the oldest that do not fit, and measures again only when the toasts change', () => {
    const lane = measuredLane();
    try {
      const h = withToasts(
        { id: 'a', ...about('BUYBOX_LOST') },
        { id: 'b', ...about('PRICE_REJECTED') },
        { id: 'c', ...about('COMPETITOR_UNDERCUT') },
      );
      // 3 × (100 + 8) px do not fit in 300: the oldest goes.
      expect(toasts().map((t) => t.hidden)).toEqual([false, false, true]);
      const measured = lane.reads();
      expect(measured).toBeGreaterThan(0);
      // A hover re-renders the lane (the toasts' clocks pause) but changes no toast: no layout forced.
      fireEvent.mouseEnter(screen.getByTestId('toast-region'));
      fireEvent.mouseLeave(screen.getByTestId('toast-region'));
      expect(lane.reads()).toBe(measured);
      act(() => h.notify(showToast({ id: 'd', ...about('OUT_OF_STOCK') })));
      expect(lane.reads()).toBeGreaterThan(measured);
    } finally {
      lane.restore();
    }
  });

  it('fits the lane again when the window changes height (a resize or a zoom), with no toast changing', () => {
    let laneHeight = 300;
    const lane = measuredLane(() => laneHeight);
    try {
      withToasts(
        { id: 'a', priority: 'critical', sticky: true, ...about('OUT_OF_STOCK', 'A') },
        { id: 'b', priority: 'critical', sticky: true, ...about('OUT_OF_STOCK', 'B') },
        { id: 'c', priority: 'critical', sticky: true, ...about('OUT_OF_STOCK', 'C') },
      );
      expect(toasts().map((t) => t.hidden)).toEqual([false, false, true]);
      // The window grows taller: the lane has room for all three, and the hidden one shows.
      laneHeight = 400;
      act(() => {
        Object.defineProperty(window, 'innerHeight', { configurable: true, value: window.innerHeight + 100 });
        window.dispatchEvent(new Event('resize'));
      });
      expect(toasts().map((t) => t.hidden)).toEqual([false, false, false]);
      // …and shorter again: the oldest gives way once more.
      laneHeight = 200;
      act(() => {
        Object.defineProperty(window, 'innerHeight', { configurable: true, value: window.innerHeight - 200 });
        window.dispatchEvent(new Event('resize'));
      });
      expect(toasts().map((t) => t.hidden)).toEqual([false, true, true]);
    } finally {
      lane.restore();
    }
  });
});
