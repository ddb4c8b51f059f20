// @vitest-environment jsdom
// The open criticals pinned in the top bar: shown from the host's count (the one every badge
// shows), gone when none is open, pulsing on a backlog or a reminder, "Göster" opening them.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyAlertCounts, type AlertCounts } from '../../../../protocol';
import { CriticalBar } from './CriticalBar';
import { setup } from './test/harness';

afterEach(cleanup);

const withCritical = (n: number): AlertCounts => {
  const c = emptyAlertCounts();
  c.open.critical = n;
  c.unread.critical = n;
  return c;
};
const state = (alerts: AlertCounts) => ({
  connection: { state: 'connected' as const, since: 0, attempt: 0 },
  channels: {},
  alerts,
});

describe('critical bar', () => {
  it('says how many criticals are open, pulses on a backlog, and "Göster" opens them in the alert centre', () => {
    const h = setup();
    h.render(<CriticalBar />);
    expect(screen.queryByTestId('critical-bar')).toBeNull();
    act(() => h.push({ events: [], state: state(withCritical(3)) }));
    const bar = screen.getByTestId('critical-bar');
    expect(bar.textContent).toContain('3 kritik uyarı açık');
    expect(bar.className).not.toContain('is-pulsing');
    act(() => h.notify({ op: 'backlog', critical: 3, fresh: 3 }));
    expect(screen.getByTestId('critical-bar').className).toContain('is-pulsing');
    fireEvent.click(screen.getByRole('button', { name: 'Göster' }));
    expect(h.store.getState().ui).toMatchObject({ view: 'alerts', focus: 'critical' });
    act(() => h.push({ events: [], state: state(withCritical(0)) }));
    expect(screen.queryByTestId('critical-bar')).toBeNull();
  });
});
