// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Provider } from 'react-redux';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientState, FailedAction, LiveBridge } from '../../../../protocol';
import { createStore } from '../../app/store';
import { initI18n } from '../../i18n';
import { fakeBridge } from '../../test/fakeBridge';
import { batchReceived } from '../live/liveActions';
import { ConnectionBar } from './ConnectionBar';
import { tr, en } from './i18n';

const host = vi.hoisted(() => ({ bridge: undefined as LiveBridge | undefined }));
vi.mock('../../bridge', () => ({ getBridge: () => host.bridge, isBrowserHost: () => false }));

const T0 = Date.UTC(2026, 10, 26, 11, 0, 0);

beforeAll(() => {
  initI18n('tr');
});
beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  host.bridge = fakeBridge().bridge;
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function setup(inShell = false) {
  const store = createStore();
  const bar = inShell ? (
    <div className="shell">
      <header className="topbar">
        <ConnectionBar />
      </header>
      <main id="main">content</main>
    </div>
  ) : (
    <ConnectionBar />
  );
  render(<Provider store={store}>{bar}</Provider>);
  const push = (state: Partial<ClientState> & Pick<ClientState, 'connection'>, events = 0) =>
    act(() => {
      store.dispatch(
        batchReceived(
          {
            events: Array.from({ length: events }, (_, i) => ({
              channel: 'orders',
              epoch: 'e',
              offset: i + 1,
              event: {} as never,
            })),
            state: { channels: {}, ...state },
          },
          Date.now(),
        ),
      );
    });
  return { store, push };
}

const advance = (ms: number) => act(() => vi.advanceTimersByTime(ms));

const failure = (key: string, over: Partial<FailedAction> = {}): FailedAction => ({
  key,
  action: { type: 'ORDER_CLAIM', orderKey: 'trendyol:TY-1001' },
  failedAt: T0 - 60_000,
  error: { code: 'validation_failed', message: 'note: too long' },
  ...over,
});

describe('connection bar', () => {
  it('says the state, ending in the state word, with quality and round trip', () => {
    const { push } = setup();
    push({
      connection: { state: 'connected', since: T0, attempt: 0 },
      quality: { level: 'excellent', rttMs: 42, jitterMs: 3, missedPongs: 0, reconnects: 0, lastEventAt: {} },
    });
    expect(screen.getByTestId('connection-state').textContent).toBe('Bağlantı: Bağlı');
    expect(screen.getByText('42 ms')).toBeTruthy();
    expect(screen.getByText('Bağlantı kalitesi: Mükemmel')).toBeTruthy();
    expect(document.querySelectorAll('.quality-bar.on')).toHaveLength(4);
    push({
      connection: { state: 'connected', since: T0, attempt: 0 },
      quality: { level: 'poor', rttMs: 640, jitterMs: 180, missedPongs: 2, reconnects: 1, lastEventAt: {} },
    });
    expect(screen.getByText('Bağlantı kalitesi: Zayıf')).toBeTruthy();
    expect(document.querySelectorAll('.quality-bar.on')).toHaveLength(2);
  });

  it('counts down to the next attempt, second by second', () => {
    const { push } = setup();
    push({ connection: { state: 'reconnecting', since: T0, attempt: 3, nextRetryAt: T0 + 5000 } });
    expect(screen.getByTestId('connection-state').textContent).toBe('Bağlantı: Yeniden bağlanıyor…');
    expect(screen.getByTestId('retry-countdown').textContent).toBe('5 sn içinde yeniden denenecek');
    advance(2000);
    expect(screen.getByTestId('retry-countdown').textContent).toBe('3 sn içinde yeniden denenecek');
    advance(1000);
    expect(screen.getByTestId('retry-countdown').textContent).toBe('2 sn içinde yeniden denenecek');
    advance(2500);
    expect(screen.getByTestId('retry-countdown').textContent).toBe('Yeniden deneniyor…');
  });

  it('says the gateway refused for too many connections, with the wait it gave', () => {
    const { push } = setup();
    push({
      connection: { state: 'reconnecting', since: T0, attempt: 1, nextRetryAt: T0 + 42_000, reason: 'rate_limited' },
    });
    expect(screen.getByTestId('retry-countdown').textContent).toBe(
      'Çok fazla bağlantı; 42 sn içinde yeniden denenecek',
    );
    expect(en.tooManyConnections).toBe('Too many connections, retrying in {{seconds}} s');
  });

  it('"Tekrar dene" asks the host to retry now, and says it is trying', () => {
    const { push } = setup();
    push({ connection: { state: 'reconnecting', since: T0, attempt: 2, nextRetryAt: T0 + 20_000 } });
    const button = screen.getByRole('button', { name: 'Tekrar dene' });
    fireEvent.click(button);
    expect(host.bridge?.retryNow).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('retry-countdown').textContent).toBe('Yeniden deneniyor…');
    advance(2000);
    expect(screen.getByTestId('retry-countdown').textContent).toBe('18 sn içinde yeniden denenecek');
  });

  it('has no retry button while connected', () => {
    const { push } = setup();
    push({ connection: { state: 'connected', since: T0, attempt: 0 } });
    expect(screen.queryByRole('button', { name: 'Tekrar dene' })).toBeNull();
  });

  it('shows the age of the newest event, ticking', () => {
    const { push } = setup();
    push({ connection: { state: 'connected', since: T0, attempt: 0 } });
    expect(screen.getByTestId('last-event').textContent).toBe('henüz olay yok');
    push({ connection: { state: 'connected', since: T0, attempt: 0 } }, 1);
    advance(3000);
    expect(screen.getByTestId('last-event').textContent).toBe('son olay 3 sn önce');
    advance(120_000);
    expect(screen.getByTestId('last-event').textContent).toBe('son olay 2 dk önce');
  });

  it('keeps the age current as events keep coming, in the bar and in the details', () => {
    const { push } = setup();
    const connected = { connection: { state: 'connected' as const, since: T0, attempt: 0 } };
    push(connected, 1);
    advance(3000);
    const age = screen.getByTestId('last-event');
    expect(age.textContent).toBe('son olay 3 sn önce');
    push(connected, 1);
    expect(age.dataset.lastEventAt).toBe(String(T0 + 3000));
    expect(age.textContent).toBe('son olay az önce');
    fireEvent.click(screen.getByRole('button', { name: 'Bağlantı ayrıntıları' }));
    const dialog = screen.getByRole('dialog', { name: 'Bağlantı ayrıntıları' });
    expect(within(dialog).getByText('son olay az önce')).toBeTruthy();
    advance(2000);
    expect(age.textContent).toBe('son olay 2 sn önce');
    expect(within(dialog).getByText('son olay 2 sn önce')).toBeTruthy();
  });

  it('counts queued actions, lists refused ones with their reason (not business refusals), and dismisses them', async () => {
    const { push } = setup();
    push({
      connection: { state: 'connected', since: T0, attempt: 0 },
      outbox: {
        pending: [{ key: 'p1', action: { type: 'ALERT_ACK', alertKey: 'LOW_STOCK:X' }, createdAt: T0, attempts: 0 }],
        failed: [
          failure('f1'),
          failure('f2', {
            action: { type: 'ALERT_SNOOZE', alertKey: 'SYNC_LAG:trendyol', minutes: 30 },
            error: { code: 'idempotency_conflict', message: 'key reused' },
          }),
          // The order's answer: said in the order, not here.
          failure('f3', {
            error: {
              code: 'already_claimed',
              message: 'Ayşe is handling this order',
              details: { holder: { id: 'u2', name: 'Ayşe' } },
            },
          }),
        ],
      },
    });
    expect(screen.getByTestId('pending-actions').textContent).toBe('1 işlem kuyrukta');
    const chip = screen.getByRole('button', { name: '2 işlem gönderilemedi' });
    expect(chip.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(chip);
    const dialog = screen.getByRole('dialog', { name: 'Gönderilemeyen işlemler' });
    expect(within(dialog).getByText('Sunucu bu işlemi geçersiz buldu; uygulanmadı.')).toBeTruthy();
    expect(within(dialog).getByText('Bu işlem anahtarı başka bir işlem için kullanılmış.')).toBeTruthy();
    expect(within(dialog).queryByText('Bu siparişle Ayşe ilgileniyor.')).toBeNull();
    expect(within(dialog).getByText('Trendyol TY-1001')).toBeTruthy();
    expect(within(dialog).getByText('Uyarı erteleme')).toBeTruthy();

    await act(async () =>
      fireEvent.click(within(dialog).getByRole('button', { name: 'Kapat: Siparişi üstlenme Trendyol TY-1001' })),
    );
    expect(host.bridge?.dismissFailed).toHaveBeenCalledWith('f1');
    expect(within(dialog).queryByText('Sunucu bu işlemi geçersiz buldu; uygulanmadı.')).toBeNull();
    expect(screen.getByRole('button', { name: '1 işlem gönderilemedi' })).toBeTruthy();

    // Escape closes the list and gives focus back to its button.
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows a failure again, with a message, when the host could not dismiss it', async () => {
    host.bridge = fakeBridge({ dismissFailed: vi.fn(async () => Promise.reject(new Error('no'))) }).bridge;
    const { push } = setup();
    push({
      connection: { state: 'connected', since: T0, attempt: 0 },
      outbox: { pending: [], failed: [failure('f1')] },
    });
    fireEvent.click(screen.getByRole('button', { name: '1 işlem gönderilemedi' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^Kapat: / })));
    expect(screen.getByRole('alert').textContent).toBe('Kapatılamadı, lütfen tekrar deneyin.');
    expect(screen.getByText('Sunucu bu işlemi geçersiz buldu; uygulanmadı.')).toBeTruthy();
  });

  it('opens the details: thresholds, round trip, reconnects', () => {
    const { push } = setup();
    push({
      connection: { state: 'connected', since: T0, attempt: 0, server: 'https://canli.example.com.tr' },
      quality: { level: 'good', rttMs: 180, jitterMs: 40, missedPongs: 1, reconnects: 2, lastEventAt: {} },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Bağlantı ayrıntıları' }));
    const dialog = screen.getByRole('dialog', { name: 'Bağlantı ayrıntıları' });
    expect(within(dialog).getByText('https://canli.example.com.tr')).toBeTruthy();
    expect(within(dialog).getByText('180 ms')).toBeTruthy();
    expect(within(dialog).getByText(/Mükemmel: gecikme ≤ 100 ms/)).toBeTruthy();
    expect(within(dialog).queryByText('Son kopma nedeni')).toBeNull();
  });

  it('says why the last connection ended when the gateway closed it as frozen (heartbeat)', () => {
    const { push } = setup();
    push({
      connection: { state: 'connected', since: T0, attempt: 0, reason: 'heartbeat_timeout' },
      quality: { level: 'good', rttMs: 180, jitterMs: 40, missedPongs: 0, reconnects: 1, lastEventAt: {} },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Bağlantı ayrıntıları' }));
    const dialog = screen.getByRole('dialog', { name: 'Bağlantı ayrıntıları' });
    expect(within(dialog).getByText('Son kopma nedeni')).toBeTruthy();
    expect(within(dialog).getByText('Konsol yanıt vermediği için (donma) sunucu bağlantıyı kapattı')).toBeTruthy();
  });
});

describe('offline banner', () => {
  it('appears under the top bar after a few seconds down, says what works, and goes when connected', () => {
    const { push } = setup(true);
    push({
      connection: { state: 'connected', since: T0, attempt: 0 },
      outbox: {
        pending: [
          { key: 'p1', action: { type: 'ALERT_ACK', alertKey: 'A:1' }, createdAt: T0, attempts: 0 },
          { key: 'p2', action: { type: 'ALERT_ACK', alertKey: 'A:2' }, createdAt: T0, attempts: 0 },
        ],
        failed: [],
      },
    });
    push({
      connection: { state: 'reconnecting', since: Date.now(), attempt: 1, nextRetryAt: Date.now() + 2000 },
      outbox: {
        pending: [
          { key: 'p1', action: { type: 'ALERT_ACK', alertKey: 'A:1' }, createdAt: T0, attempts: 0 },
          { key: 'p2', action: { type: 'ALERT_ACK', alertKey: 'A:2' }, createdAt: T0, attempts: 0 },
        ],
        failed: [],
      },
    });
    expect(screen.queryByTestId('offline-banner')).toBeNull();
    advance(3000);
    const banner = screen.getByTestId('offline-banner');
    // In the page right after the top bar (so it reads, and shows, under it).
    expect(document.querySelector('.topbar')?.nextElementSibling?.contains(banner)).toBe(true);
    expect(within(banner).getByRole('heading', { level: 2 }).textContent).toContain('Sunucuyla bağlantı kesildi');
    expect(screen.getByTestId('offline-queue').textContent).toBe('2 işlem kuyrukta, bağlantı gelince gönderilecek.');
    expect(within(banner).getByText('Canlı göstergeler (KPI) güncellenmez.')).toBeTruthy();
    // A network drop in the middle of the outage keeps the banner (the outage goes on).
    push({ connection: { state: 'offline', since: Date.now(), attempt: 1 } });
    expect(within(screen.getByTestId('offline-banner')).getByText(/İnternet bağlantısı yok/)).toBeTruthy();
    push({ connection: { state: 'connected', since: Date.now(), attempt: 0 } });
    expect(screen.queryByTestId('offline-banner')).toBeNull();
  });
});

describe('connection texts', () => {
  it('English has the keys of Turkish', () => {
    const keys = (o: object, p = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [p + k] : keys(v as object, `${p}${k}.`)));
    expect(keys(en)).toEqual(keys(tr));
  });
});
