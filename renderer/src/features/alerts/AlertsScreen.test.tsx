// @vitest-environment jsdom
import { randomUUID } from 'node:crypto';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '../../../../protocol';
import { focused } from '../ui/uiSlice';
import { AlertsScreen } from './AlertsScreen';
import { ZEYNEP, live, priceEvent, result, setup, stockEvent, systemEvent } from './test/harness';
import { minutesUntilTomorrowMorning } from './snooze';

afterEach(cleanup);

const MIN = 60_000;

/** Four alerts across priorities, channels and states; the system one acknowledged by Zeynep. */
function fourAlerts() {
  const h = setup();
  h.deliver(
    'inventory',
    live(stockEvent('KOT-SLM-LCV-32', { listed: 3, msAgo: 5 * MIN }), 'critical', 'OUT_OF_STOCK:KOT-SLM-LCV-32'),
    live(stockEvent('KOT-SLM-LCV-32', { listed: 3, msAgo: 4 * MIN }), 'critical', 'OUT_OF_STOCK:KOT-SLM-LCV-32'),
    live(stockEvent('KOT-SLM-LCV-32', { listed: 3, msAgo: 3 * MIN }), 'critical', 'OUT_OF_STOCK:KOT-SLM-LCV-32'),
    live(stockEvent('TSH-PMK-BYZ-M', { listed: 0, msAgo: 20 * MIN }), 'high', 'OUT_OF_STOCK:TSH-PMK-BYZ-M'),
  );
  h.deliver(
    'prices',
    live(priceEvent('SPR-AYK-SYH-42', { msAgo: 10 * MIN }), 'high', 'BUYBOX_LOST:hepsiburada:SPR-AYK-SYH-42'),
  );
  h.deliver(
    'system',
    live(systemEvent('trendyol', { httpStatus: 503, msAgo: 1 * MIN }), 'high', 'API_ERROR:trendyol:orders'),
    result('ALERT_ACKED', { alertKey: 'API_ERROR:trendyol:orders', by: ZEYNEP, at: new Date().toISOString() }),
  );
  return h;
}

const rows = () => screen.queryAllByRole('listitem').filter((li) => li.hasAttribute('data-alert-key'));
const keys = () => rows().map((li) => li.getAttribute('data-alert-key'));

describe('alert centre', () => {
  it('lists alerts newest first with priority (colour, icon, text), kind in words, count, last seen and who acknowledged', () => {
    const h = fourAlerts();
    h.render(<AlertsScreen />);
    expect(keys()).toEqual([
      'API_ERROR:trendyol:orders',
      'OUT_OF_STOCK:KOT-SLM-LCV-32',
      'BUYBOX_LOST:hepsiburada:SPR-AYK-SYH-42',
      'OUT_OF_STOCK:TSH-PMK-BYZ-M',
    ]);
    const oos = within(rows()[1] as HTMLElement);
    const row = rows()[1] as HTMLElement;
    expect(row.dataset.priority).toBe('critical');
    const badge = row.querySelector('.ops-prio') as HTMLElement;
    expect(badge.dataset.priority).toBe('critical');
    expect(badge.querySelector('svg')).not.toBeNull();
    expect(badge.textContent).toBe('Kritik');
    expect(oos.getByText('Stokta yok')).toBeTruthy();
    expect(oos.getByText('×3')).toBeTruthy();
    expect(oos.getByText(/Hâlâ satışta: Trendyol \(3\)/)).toBeTruthy();
    const seen = oos.getByText('3 dakika önce');
    expect(seen.tagName).toBe('TIME');
    expect(seen.getAttribute('title')).toMatch(/\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/);
    const acked = within(rows()[0] as HTMLElement);
    expect(acked.getByText('Onaylandı')).toBeTruthy();
    expect(acked.getByTestId('acked-by').textContent).toMatch(/^Zeynep Demir onayladı/);
    expect(acked.queryByRole('button', { name: /^Onayla:/ })).toBeNull();
  });

  it('filters by priority, channel, state and free text', () => {
    const h = fourAlerts();
    h.render(<AlertsScreen />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Kritik' }));
    expect(keys()).toEqual(['OUT_OF_STOCK:KOT-SLM-LCV-32']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Yüksek' }));
    expect(keys()).toHaveLength(4);
    fireEvent.click(screen.getByRole('button', { name: 'Filtreleri temizle' }));

    fireEvent.change(screen.getByLabelText('Kanal'), { target: { value: 'prices' } });
    expect(keys()).toEqual(['BUYBOX_LOST:hepsiburada:SPR-AYK-SYH-42']);
    fireEvent.change(screen.getByLabelText('Kanal'), { target: { value: 'all' } });

    fireEvent.change(screen.getByLabelText('Durum'), { target: { value: 'acknowledged' } });
    expect(keys()).toEqual(['API_ERROR:trendyol:orders']);
    fireEvent.change(screen.getByLabelText('Durum'), { target: { value: 'open' } });
    expect(keys()).toHaveLength(3);
    fireEvent.change(screen.getByLabelText('Durum'), { target: { value: 'all' } });

    // Free text finds SKUs, translated kinds and who acknowledged, case-insensitively (Turkish).
    fireEvent.change(screen.getByLabelText('Ara'), { target: { value: 'tsh-pmk' } });
    expect(keys()).toEqual(['OUT_OF_STOCK:TSH-PMK-BYZ-M']);
    fireEvent.change(screen.getByLabelText('Ara'), { target: { value: 'BUYBOX KAYBEDİLDİ' } });
    expect(keys()).toEqual(['BUYBOX_LOST:hepsiburada:SPR-AYK-SYH-42']);
    fireEvent.change(screen.getByLabelText('Ara'), { target: { value: 'zeynep' } });
    expect(keys()).toEqual(['API_ERROR:trendyol:orders']);
    fireEvent.change(screen.getByLabelText('Ara'), { target: { value: 'yok-böyle-bir-şey' } });
    expect(keys()).toEqual([]);
    expect(screen.getByText('Filtrelerle eşleşen uyarı yok.')).toBeTruthy();
  });

  it('bulk: select all shown acknowledges each open alert once and snoozes each for an hour', async () => {
    const h = fourAlerts();
    h.render(<AlertsScreen />);
    const actions = () => vi.mocked(h.bridge.act).mock.calls.map(([a]) => a);

    fireEvent.change(screen.getByLabelText('Kanal'), { target: { value: 'inventory' } });
    fireEvent.click(screen.getByTestId('alerts-select-all'));
    expect(screen.getByText('2 seçili')).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Seçilenleri onayla (2)' })));
    const acks = actions().filter((a) => a.type === 'ALERT_ACK');
    expect(acks).toEqual([
      { type: 'ALERT_ACK', alertKey: 'OUT_OF_STOCK:KOT-SLM-LCV-32' },
      { type: 'ALERT_ACK', alertKey: 'OUT_OF_STOCK:TSH-PMK-BYZ-M' },
    ]);
    expect(screen.getByText('0 seçili')).toBeTruthy();

    // All channels again: the acknowledged alert is selected too, but only open ones are acknowledged;
    // snoozing takes every selected alert that is not resolved.
    fireEvent.change(screen.getByLabelText('Kanal'), { target: { value: 'all' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /^Seç: API hatası/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /^Seç: Buybox kaybedildi/ }));
    expect(screen.getByRole('button', { name: 'Seçilenleri onayla (1)' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Seçilenleri ertele' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '1 saat' })));
    expect(actions().filter((a) => a.type === 'ALERT_SNOOZE')).toEqual([
      { type: 'ALERT_SNOOZE', alertKey: 'API_ERROR:trendyol:orders', minutes: 60 },
      { type: 'ALERT_SNOOZE', alertKey: 'BUYBOX_LOST:hepsiburada:SPR-AYK-SYH-42', minutes: 60 },
    ]);
  });

  it('acknowledges and snoozes one alert from its row, and shows the snooze end and the acknowledgement when they come back', async () => {
    const h = fourAlerts();
    h.render(<AlertsScreen />);
    await act(async () =>
      fireEvent.click(screen.getByRole('button', { name: 'Onayla: Buybox kaybedildi Hepsiburada · SPR-AYK-SYH-42' })),
    );
    expect(h.bridge.act).toHaveBeenCalledWith({
      type: 'ALERT_ACK',
      alertKey: 'BUYBOX_LOST:hepsiburada:SPR-AYK-SYH-42',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Ertele: Stokta yok KOT-SLM-LCV-32' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '15 dakika' })));
    expect(h.bridge.act).toHaveBeenCalledWith({
      type: 'ALERT_SNOOZE',
      alertKey: 'OUT_OF_STOCK:KOT-SLM-LCV-32',
      minutes: 15,
    });
    act(() => {
      h.deliver(
        'user-u-admin',
        result('ALERT_SNOOZED', {
          alertKey: 'OUT_OF_STOCK:KOT-SLM-LCV-32',
          until: new Date(Date.now() + 15 * MIN).toISOString(),
          by: ZEYNEP,
        }),
      );
      h.deliver(
        'prices',
        result('ALERT_ACKED', {
          alertKey: 'BUYBOX_LOST:hepsiburada:SPR-AYK-SYH-42',
          by: ZEYNEP,
          at: new Date().toISOString(),
        }),
      );
    });
    const oos = rows().find((r) => r.dataset.alertKey === 'OUT_OF_STOCK:KOT-SLM-LCV-32') as HTMLElement;
    expect(within(oos).getByTestId('snoozed-until').textContent).toMatch(/^Ertelendi · bitiş \d{2}:\d{2}$/);
    const bb = rows().find((r) => r.dataset.alertKey === 'BUYBOX_LOST:hepsiburada:SPR-AYK-SYH-42') as HTMLElement;
    expect(bb.dataset.state).toBe('acknowledged');
    expect(within(bb).getByTestId('acked-by').textContent).toMatch(/Zeynep Demir/);
  });

  it('opening the centre marks the shown unread alerts read, in one batch, once', async () => {
    const h = fourAlerts();
    h.render(<AlertsScreen />);
    await waitFor(() =>
      expect(h.bridge.act).toHaveBeenCalledWith({
        type: 'ALERTS_READ',
        alertKeys: [
          'API_ERROR:trendyol:orders',
          'OUT_OF_STOCK:KOT-SLM-LCV-32',
          'BUYBOX_LOST:hepsiburada:SPR-AYK-SYH-42',
          'OUT_OF_STOCK:TSH-PMK-BYZ-M',
        ],
      }),
    );
    fireEvent.change(screen.getByLabelText('Ara'), { target: { value: 'kot' } });
    await new Promise((r) => setTimeout(r, 600));
    expect(vi.mocked(h.bridge.act).mock.calls.filter(([a]) => a.type === 'ALERTS_READ')).toHaveLength(1);
  });

  it('brings the alert a notification points at into view and highlights it, clearing filters that hide it', () => {
    const scrolled: string[] = [];
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this.getAttribute('data-alert-key') ?? '');
    };
    const h = fourAlerts();
    h.render(<AlertsScreen />);
    fireEvent.change(screen.getByLabelText('Kanal'), { target: { value: 'system' } });
    expect(keys()).toEqual(['API_ERROR:trendyol:orders']);
    act(() => {
      h.store.dispatch(focused({ view: 'alerts', item: 'BUYBOX_LOST:hepsiburada:SPR-AYK-SYH-42' }));
    });
    const row = rows().find((r) => r.dataset.alertKey === 'BUYBOX_LOST:hepsiburada:SPR-AYK-SYH-42') as HTMLElement;
    expect(row.classList.contains('is-highlighted')).toBe(true);
    expect(document.activeElement).toBe(row);
    expect(scrolled).toEqual(['BUYBOX_LOST:hepsiburada:SPR-AYK-SYH-42']);
    expect((screen.getByLabelText('Kanal') as HTMLSelectElement).value).toBe('all');
    expect(h.store.getState().ui.focus).toBeUndefined();
  });

  it('snoozes "until tomorrow" to 08:00 Istanbul time, within the 1440 minutes the gateway takes', () => {
    // 14:00 in Istanbul (11:00 UTC): 18 hours to 08:00 tomorrow.
    expect(minutesUntilTomorrowMorning(Date.UTC(2025, 10, 26, 11, 0))).toBe(18 * 60);
    // 01:00 in Istanbul: tomorrow 08:00 is 31 hours away, capped at a day.
    expect(minutesUntilTomorrowMorning(Date.UTC(2025, 10, 25, 22, 0))).toBe(1440);
  });
  it('a list that appeared under a resting pointer holds at its first move; a critical that arrives (or escalates) is named', () => {
    const h = fourAlerts();
    h.render(<AlertsScreen />);
    const before = keys();
    fireEvent.pointerMove(screen.getByTestId('alerts-list'));
    act(() => {
      h.deliver(
        'inventory',
        live(stockEvent('YNI-KRT-01', { listed: 3, msAgo: 0 }), 'critical', 'OUT_OF_STOCK:YNI-KRT-01'),
      );
    });
    expect(keys()).toEqual(before);
    const notice = screen.getByTestId('alerts-held');
    expect(notice.textContent).toBe('Duraklatıldı · 1 kritik, 1 yeni');
    expect(notice.dataset.critical).toBe('true');
    expect(screen.getAllByRole('alert').map((el) => el.textContent)).toContain(
      'Liste duraklatıldı; kritik bir uyarı geldi. Listeden çıkınca en üstte görünür.',
    );
    // A held row that becomes critical is named too.
    const held = before[2] as string;
    expect(held).toBe('BUYBOX_LOST:hepsiburada:SPR-AYK-SYH-42');
    const row = h.store.getState().alerts.entities[held];
    act(() => {
      h.deliver(row?.channel ?? 'inventory', {
        ...(row?.lastEvent as LiveEvent),
        id: randomUUID(),
        priority: 'critical',
      });
    });
    expect(screen.getByTestId('alerts-held').textContent).toBe('Duraklatıldı · 2 kritik, 1 yeni');
  });

  it('holds the rows in place under the pointer or keyboard focus, says what arrived beside the list, and shows it on leaving', async () => {
    const h = fourAlerts();
    h.render(<AlertsScreen />);
    const before = keys();
    const list = screen.getByTestId('alerts-list');
    const status = () => screen.getAllByRole('status').map((el) => el.textContent ?? '');

    // Pointer over the list: a new alert and a re-seen one would both move rows.
    fireEvent.pointerEnter(list);
    act(() => {
      h.deliver('prices', live(priceEvent('YNI-URN-01', { msAgo: 0 }), 'high', 'BUYBOX_LOST:trendyol:YNI-URN-01'));
      h.deliver(
        'inventory',
        live(stockEvent('TSH-PMK-BYZ-M', { listed: 0, msAgo: 0 }), 'high', 'OUT_OF_STOCK:TSH-PMK-BYZ-M'),
      );
    });
    expect(keys()).toEqual(before);
    // Contents still update in place: the re-seen alert counts twice.
    expect(within(rows()[3] as HTMLElement).getByText('×2')).toBeTruthy();
    // Said where the count of shown alerts is (so nothing moves), and once, without a count, to
    // screen readers.
    expect(screen.getByTestId('alerts-held').textContent).toBe('Duraklatıldı · 1 yeni uyarı');
    expect(screen.queryByText(/uyarı gösteriliyor/)).toBeNull();
    expect(status()).toContain('Liste duraklatıldı, yeni uyarılar var; listeden çıkınca güncellenir.');

    // A touch does not hold: leaving shows the live list.
    fireEvent.pointerLeave(list);
    const live1 = keys();
    expect(live1.slice(0, 2)).toEqual(['OUT_OF_STOCK:TSH-PMK-BYZ-M', 'BUYBOX_LOST:trendyol:YNI-URN-01']);
    expect(screen.queryByTestId('alerts-held')).toBeNull();
    expect(screen.getByText(/5 \/ 5 uyarı gösteriliyor/)).toBeTruthy();
    fireEvent.pointerEnter(list, { pointerType: 'touch' });
    act(() => {
      h.deliver('prices', live(priceEvent('YNI-URN-02', { msAgo: 0 }), 'high', 'BUYBOX_LOST:trendyol:YNI-URN-02'));
    });
    expect(keys()[0]).toBe('BUYBOX_LOST:trendyol:YNI-URN-02');
    const live2 = keys();

    // Keyboard focus inside holds; when it leaves, the live list shows.
    const check = within(rows()[0] as HTMLElement).getByRole('checkbox');
    // Reached by Tab (a focus after a click does not show its ring, and does not hold).
    fireEvent.keyDown(document.body, { key: 'Tab' });
    await act(async () => check.focus());
    act(() => {
      h.deliver('prices', live(priceEvent('YNI-URN-03', { msAgo: 0 }), 'high', 'BUYBOX_LOST:trendyol:YNI-URN-03'));
    });
    expect(keys()).toEqual(live2);
    await act(async () => check.blur());
    expect(keys()[0]).toBe('BUYBOX_LOST:trendyol:YNI-URN-03');

    // Filters typed while the pointer stays over the list: the rows asked for show at once.
    fireEvent.pointerEnter(screen.getByTestId('alerts-list'));
    fireEvent.change(screen.getByTestId('alerts-search'), { target: { value: 'YNI-URN' } });
    expect(keys()).toEqual([
      'BUYBOX_LOST:trendyol:YNI-URN-03',
      'BUYBOX_LOST:trendyol:YNI-URN-02',
      'BUYBOX_LOST:trendyol:YNI-URN-01',
    ]);
    act(() => {
      h.deliver('prices', live(priceEvent('YNI-URN-04', { msAgo: 0 }), 'high', 'BUYBOX_LOST:trendyol:YNI-URN-04'));
    });
    expect(keys()).toHaveLength(3);
    expect(screen.getByTestId('alerts-held').textContent).toBe('Duraklatıldı · 1 yeni uyarı');

    // A search that matches nothing takes the list away, and with it the hold: cleared again, the
    // list is live although no pointer ever left it.
    fireEvent.change(screen.getByTestId('alerts-search'), { target: { value: 'HİÇBİRİ' } });
    expect(keys()).toEqual([]);
    fireEvent.change(screen.getByTestId('alerts-search'), { target: { value: '' } });
    act(() => {
      h.deliver('prices', live(priceEvent('YNI-URN-05', { msAgo: 0 }), 'high', 'BUYBOX_LOST:trendyol:YNI-URN-05'));
    });
    expect(keys()[0]).toBe('BUYBOX_LOST:trendyol:YNI-URN-05');
  });
});
