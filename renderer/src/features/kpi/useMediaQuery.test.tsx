// @vitest-environment jsdom
// A media query as state: asked of the browser once, followed when the media changes.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useMediaQuery } from './useMediaQuery';

afterEach(() => {
  cleanup();
  Reflect.deleteProperty(window, 'matchMedia');
});

function fakeMedia(initially: boolean) {
  const listeners = new Set<() => void>();
  const mql = {
    matches: initially,
    addEventListener: (_: string, cb: () => void) => listeners.add(cb),
    removeEventListener: (_: string, cb: () => void) => listeners.delete(cb),
  };
  const matchMedia = vi.fn(() => mql);
  window.matchMedia = matchMedia as unknown as typeof window.matchMedia;
  const change = (matches: boolean) =>
    act(() => {
      mql.matches = matches;
      for (const cb of listeners) cb();
    });
  return { matchMedia, change, listeners };
}

function Dark({ tick }: { tick: number }) {
  const dark = useMediaQuery('(prefers-color-scheme: dark)');
  return (
    <p data-testid="scheme" data-tick={tick}>
      {dark ? 'dark' : 'light'}
    </p>
  );
}

describe('useMediaQuery', () => {
  it('follows the media, asking matchMedia once however often it renders', () => {
    const media = fakeMedia(false);
    const view = render(<Dark tick={0} />);
    expect(screen.getByTestId('scheme').textContent).toBe('light');
    for (let i = 1; i <= 5; i++) view.rerender(<Dark tick={i} />);
    media.change(true);
    expect(screen.getByTestId('scheme').textContent).toBe('dark');
    expect(media.matchMedia).toHaveBeenCalledTimes(1);
    view.unmount();
    expect(media.listeners.size).toBe(0);
  });

  it('says no where there is no matchMedia', () => {
    render(<Dark tick={0} />);
    expect(screen.getByTestId('scheme').textContent).toBe('light');
  });
});
