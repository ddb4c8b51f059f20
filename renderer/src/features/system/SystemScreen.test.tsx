// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { live, setup, syncLagMetric, systemEvent } from '../alerts/test/harness';
import { SystemScreen } from './SystemScreen';
import { lagLevel } from './systemSlice';

afterEach(cleanup);

const lagRow = (scope: string) => document.querySelector(`[data-lag-scope="${scope}"]`) as HTMLElement;

describe('system screen', () => {
  it('rates sync lag against 300 s and 900 s: ok up to 5 min, warning above, critical above 15 min', () => {
    expect([0, 299, 300, 301, 900, 901].map(lagLevel)).toEqual(['ok', 'ok', 'ok', 'warning', 'warning', 'critical']);
    const h = setup();
    h.render(<SystemScreen />);
    act(() => {
      h.deliver('dashboard', live(syncLagMetric(12), 'low'));
      h.deliver('analytics', live(syncLagMetric(301, 'trendyol'), 'low'), live(syncLagMetric(901, 'n11'), 'low'));
      h.deliver(
        'system',
        live(systemEvent('hepsiburada', { kind: 'SYNC_LAG', component: 'stock', lagSec: 300 }), 'high'),
      );
    });
    expect(lagRow('*').dataset.level).toBe('ok');
    expect(within(lagRow('*')).getByText('12 sn')).toBeTruthy();
    expect(within(lagRow('*')).getByText('Normal')).toBeTruthy();
    expect(lagRow('trendyol').dataset.level).toBe('warning');
    expect(within(lagRow('trendyol')).getByText('5 dk 1 sn')).toBeTruthy();
    expect(within(lagRow('trendyol')).getByText('Uyarı')).toBeTruthy();
    expect(lagRow('n11').dataset.level).toBe('critical');
    expect(within(lagRow('n11')).getByText('Kritik')).toBeTruthy();
    expect(lagRow('hepsiburada').dataset.level).toBe('ok');
    // Worst first after the overall row.
    const order = [...document.querySelectorAll('[data-lag-scope]')].map((e) => e.getAttribute('data-lag-scope'));
    expect(order).toEqual(['*', 'n11', 'trendyol', 'hepsiburada']);
  });

  it('shows API health per marketplace and component with HTTP status, and the open problems with messages', () => {
    const h = setup();
    h.render(<SystemScreen />);
    act(() => {
      h.deliver(
        'system',
        live(systemEvent('trendyol', { httpStatus: 503, message: 'Trendyol sipariş servisi yanıt vermiyor.' }), 'high'),
        live(systemEvent('hepsiburada', { kind: 'RATE_LIMITED', component: 'stock', httpStatus: 429 }), 'normal'),
        live(systemEvent('n11', { kind: 'API_ERROR', component: 'price', httpStatus: 500 }), 'high'),
        live(systemEvent('n11', { kind: 'RECOVERED', component: 'price' }), 'low'),
      );
    });
    const cell = (key: string) => document.querySelector(`[data-cell="${key}"]`) as HTMLElement;
    expect(cell('trendyol:orders').dataset.state).toBe('error');
    expect(within(cell('trendyol:orders')).getByText('Hata')).toBeTruthy();
    expect(within(cell('trendyol:orders')).getByText('HTTP 503')).toBeTruthy();
    expect(within(cell('trendyol:orders')).getByText('API hatası')).toBeTruthy();
    expect(cell('hepsiburada:stock').dataset.state).toBe('limited');
    expect(cell('n11:price').dataset.state).toBe('ok');
    expect(within(cell('n11:price')).getByText('Sağlıklı')).toBeTruthy();
    expect(cell('amazon_tr:orders').dataset.state).toBe('unknown');
    const issues = within(screen.getByTestId('panel-system-issues'));
    expect(issues.getByText('Trendyol sipariş servisi yanıt vermiyor.')).toBeTruthy();
    expect(issues.queryByText(/n11/i)).toBeNull();
    expect(screen.getByTestId('tile-errors').textContent).toContain('1');
    expect(screen.getByTestId('tile-limited').textContent).toContain('1');
  });
});
