// @vitest-environment jsdom
// A screen that throws shows a readable message (not a blank window), copies its details for
// support, and comes back when reloaded; the rest of the page is untouched.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n';
import { failureDetails, ScreenErrorBoundary } from './ScreenErrorBoundary';

beforeAll(() => {
  initI18n('tr');
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

let broken = true;
function Orders() {
  if (broken) throw new TypeError("Cannot read properties of undefined (reading 'lines')");
  return <p>Siparişler burada</p>;
}

describe('ScreenErrorBoundary', () => {
  it('shows the failure, copies its details, and reloads the screen', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    broken = true;
    render(
      <div>
        <nav>menü</nav>
        <ScreenErrorBoundary screen="orders">
          <Orders />
        </ScreenErrorBoundary>
      </div>,
    );
    expect(screen.getByRole('alert')).toHaveProperty(
      'textContent',
      expect.stringContaining('Bu ekran bir hatayla karşılaştı'),
    );
    expect(screen.getByText('menü')).toBeTruthy();
    expect(error).toHaveBeenCalledWith(
      expect.stringContaining('Screen failed: orders'),
      expect.any(TypeError),
      expect.any(String),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Ayrıntıları kopyala' }));
    await screen.findByText('Ayrıntılar panoya kopyalandı.');
    const copied = (writeText.mock.calls[0] as unknown as [string])[0];
    expect(copied).toContain('screen: orders');
    expect(copied).toContain("TypeError: Cannot read properties of undefined (reading 'lines')");

    broken = false;
    fireEvent.click(screen.getByRole('button', { name: 'Bu ekranı yeniden yükle' }));
    expect(screen.getByText('Siparişler burada')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when the clipboard refuses, and opens the details to copy by hand', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) },
      configurable: true,
    });
    broken = true;
    render(
      <ScreenErrorBoundary screen="stock">
        <Orders />
      </ScreenErrorBoundary>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Ayrıntıları kopyala' }));
    await screen.findByText('Kopyalanamadı; aşağıdaki metni seçip kopyalayın.');
    expect(screen.getByTestId('screen-failure-details').closest('details')?.open).toBe(true);
  });

  it('details name the screen, the time and the error', () => {
    const text = failureDetails({ screen: 'alerts', error: new RangeError('bad'), at: new Date(Date.UTC(2026, 0, 2)) });
    expect(text).toMatch(/^screen: alerts\ntime: 2026-01-02T00:00:00.000Z\nerror: RangeError: bad/);
  });
});
