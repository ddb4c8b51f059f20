// @vitest-environment jsdom
// The alert history on the alerts screen: resolved alerts the live list no longer holds, with who
// acknowledged and when they ended, asked of the server with the chosen filters.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlertPage } from '../../../../protocol';
import { QUERY_DEBOUNCE_MS } from '../../ui/useServerQuery';
import { AlertHistory } from './AlertHistory';
import { setup } from './test/harness';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const page: AlertPage = {
  items: [
    {
      alertKey: 'LOW_STOCK:SKU-9',
      channel: 'inventory',
      type: 'INVENTORY_CHANGE',
      kind: 'LOW_STOCK',
      subject: 'SKU-9',
      priority: 'high',
      state: 'resolved',
      title: 'SKU-9 · 2',
      count: 3,
      firstSeenAt: '2026-12-01T08:00:00.000Z',
      lastSeenAt: '2026-12-01T09:00:00.000Z',
      ackedBy: { id: 'u-ayse', name: 'Ayşe Yılmaz' },
      ackedAt: '2026-12-01T09:05:00.000Z',
      resolvedAt: '2026-12-01T10:00:00.000Z',
      resolvedReason: 'event',
    },
  ],
  total: 1,
};

const settle = () => act(async () => void (await vi.advanceTimersByTimeAsync(QUERY_DEBOUNCE_MS + 10)));

describe('alert history', () => {
  it('asks the server only when opened, shows resolved alerts with who handled them, and refilters', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-07T12:00:00Z') });
    const h = setup();
    (h.bridge.query as ReturnType<typeof vi.fn>).mockResolvedValue(page);
    h.render(<AlertHistory />);
    await settle();
    expect(h.bridge.query).not.toHaveBeenCalled();

    const details = document.querySelector('details') as HTMLDetailsElement;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    await settle();
    expect(h.bridge.query).toHaveBeenCalledWith({
      resource: 'alerts',
      params: { since: '2026-11-30T12:00:00.000Z', state: 'resolved', limit: '100' },
    });
    const item = within(screen.getByTestId('alert-history')).getByText('SKU-9 · 2').closest('li') as HTMLElement;
    expect(item.dataset.state).toBe('resolved');
    expect(item.textContent).toContain('Ayşe Yılmaz onayladı (01.12.2026 12:05)');
    expect(item.textContent).toContain('Otomatik çözdü (01.12.2026 13:00)');
    expect(screen.getByTestId('alert-history-count').textContent).toBe('1 uyarı');

    fireEvent.change(screen.getByLabelText('Dönem'), { target: { value: 'month' } });
    fireEvent.change(screen.getByLabelText('Geçmiş önceliği'), { target: { value: 'critical' } });
    fireEvent.change(screen.getByLabelText('Geçmişte bul'), { target: { value: 'sku-9' } });
    await settle();
    expect(h.bridge.query).toHaveBeenLastCalledWith({
      resource: 'alerts',
      params: { since: '2026-11-07T12:00:00.000Z', state: 'resolved', priority: 'critical', q: 'sku-9', limit: '100' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Dışa aktar' }));
    expect(h.bridge.exportCsv).toHaveBeenCalledWith(
      {
        resource: 'alerts',
        params: { since: '2026-11-07T12:00:00.000Z', state: 'resolved', priority: 'critical', q: 'sku-9' },
      },
      expect.any(String),
    );
  });

  it('says "1.000+" when the server stopped counting', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-07T12:00:00Z') });
    const h = setup();
    (h.bridge.query as ReturnType<typeof vi.fn>).mockResolvedValue({ ...page, total: 1000, totalCapped: true });
    h.render(<AlertHistory />);
    const details = document.querySelector('details') as HTMLDetailsElement;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    await settle();
    expect(screen.getByTestId('alert-history-count').textContent).toBe('1.000+ uyarı');
  });
});
