// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { live, priceEvent, setup } from '../alerts/test/harness';
import { PricesScreen } from './PricesScreen';

afterEach(cleanup);

const rowOf = (panel: string, key: string) =>
  screen.getByTestId(`panel-${panel}`).querySelector(`tr[data-price-key="${key}"]`) as HTMLElement | null;

describe('prices screen', () => {
  it('shows a lost buy box with our price against the winner, the difference and our rank', () => {
    const h = setup();
    h.render(<PricesScreen />);
    act(() => {
      h.deliver('prices', live(priceEvent('SPR-AYK-SYH-42', { ours: 129_900, winner: 127_500 }), 'high'));
    });
    const row = within(rowOf('prices-lost', 'hepsiburada:SPR-AYK-SYH-42') as HTMLElement);
    expect(row.getByText('₺1.299,00')).toBeTruthy();
    expect(row.getByText('₺1.275,00')).toBeTruthy();
    expect(row.getByText('₺24,00 pahalı (%1,9)')).toBeTruthy();
    expect(row.getByText('2. sıra')).toBeTruthy();
    expect(row.getByText('Hepsiburada')).toBeTruthy();

    // Won back: it leaves the list.
    act(() => {
      h.deliver(
        'prices',
        live(priceEvent('SPR-AYK-SYH-42', { kind: 'BUYBOX_WON', ours: 127_400, winner: 127_400, isOurs: true }), 'low'),
      );
    });
    expect(rowOf('prices-lost', 'hepsiburada:SPR-AYK-SYH-42')).toBeNull();
  });

  it('lists competitor undercuts and rejected updates with their reasons, filtered by marketplace', () => {
    const h = setup();
    h.render(<PricesScreen />);
    act(() => {
      h.deliver(
        'prices',
        live(
          priceEvent('KLK-BT-ANC', { kind: 'COMPETITOR_UNDERCUT', ours: 89_990, winner: 87_990, isOurs: true }),
          'normal',
        ),
        live(
          priceEvent('TRM-BRD-500', { kind: 'PRICE_REJECTED', ours: 36_900, reasons: ['Ürün onay sürecinde.'] }),
          'high',
        ),
      );
    });
    expect(within(rowOf('prices-undercut', 'hepsiburada:KLK-BT-ANC') as HTMLElement).getByText('₺879,90')).toBeTruthy();
    const rejected = within(rowOf('prices-rejected', 'hepsiburada:TRM-BRD-500') as HTMLElement);
    expect(rejected.getByText('Ürün onay sürecinde.')).toBeTruthy();
    expect(rejected.getByText('₺369,00')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Pazaryeri'), { target: { value: 'trendyol' } });
    expect(rowOf('prices-rejected', 'hepsiburada:TRM-BRD-500')).toBeNull();
    expect(screen.getByText('Reddedilen fiyat güncellemesi yok.')).toBeTruthy();
  });
});
