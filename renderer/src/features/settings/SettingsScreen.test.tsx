// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Provider } from 'react-redux';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SETTINGS,
  LiveError,
  NO_DESKTOP,
  type DesktopCapabilities,
  type LiveBridge,
  type Settings,
} from '../../../../protocol';
import { createStore } from '../../app/store';
import { initI18n } from '../../i18n';
import { playSound } from '../../sound';
import { fakeBridge } from '../../test/fakeBridge';
import { batchReceived } from '../live/liveActions';
import { SettingsScreen } from './SettingsScreen';
import { VOLUME_COMMIT_MS } from './SoundSection';
import { en, tr } from './i18n';
import { loadSettings } from './settingsSlice';

const host = vi.hoisted(() => ({ bridge: undefined as LiveBridge | undefined, browser: false }));
vi.mock('../../bridge', () => ({ getBridge: () => host.bridge, isBrowserHost: () => host.browser }));
vi.mock('../../sound', () => ({ playSound: vi.fn() }));

beforeAll(() => {
  initI18n('tr');
});
beforeEach(() => {
  host.browser = false;
  host.bridge = fakeBridge().bridge;
  vi.mocked(playSound).mockClear();
});
afterEach(cleanup);

async function setup(opts: { sessionPersistent?: boolean; settings?: Settings } = {}) {
  if (opts.settings) {
    const settings = opts.settings;
    host.bridge = fakeBridge({ getSettings: vi.fn(async () => settings) }).bridge;
  }
  const store = createStore();
  store.dispatch(
    batchReceived({
      events: [],
      state: {
        connection: { state: 'connected', since: 0, attempt: 0 },
        channels: {},
        user: { id: 'u1', name: 'Yönetici', role: 'admin' },
        ...(opts.sessionPersistent === undefined ? {} : { sessionPersistent: opts.sessionPersistent }),
      },
    }),
  );
  await store.dispatch(loadSettings());
  render(
    <Provider store={store}>
      <SettingsScreen />
    </Provider>,
  );
  return store;
}

const setSettings = () => vi.mocked(host.bridge?.setSettings as LiveBridge['setSettings']);
const lastPatch = () => setSettings().mock.calls.at(-1)?.[0];

describe('settings screen', () => {
  it('sends a priority taken down to the history only, and says it is saved', async () => {
    await setup();
    const normal = screen.getByRole('group', { name: 'Normal' });
    await act(async () => fireEvent.click(within(normal).getByRole('radio', { name: 'Yalnızca geçmiş' })));
    expect(lastPatch()).toEqual({
      notifications: {
        ...DEFAULT_SETTINGS.notifications,
        priorities: { ...DEFAULT_SETTINGS.notifications.priorities, normal: { reach: 'history', sound: false } },
      },
    });
    expect(within(normal).getByRole('radio', { name: 'Yalnızca geçmiş' })).toHaveProperty('checked', true);
    expect(screen.getByTestId('settings-save-status').textContent).toContain('Kaydedildi');
  });

  it('sends the sound of a priority, keeping the others', async () => {
    await setup();
    await act(async () => fireEvent.click(screen.getByRole('checkbox', { name: 'Yüksek: ses çal' })));
    expect(lastPatch()?.notifications?.priorities.high).toEqual({ reach: 'os', sound: false });
    expect(lastPatch()?.notifications?.priorities.normal).toEqual(DEFAULT_SETTINGS.notifications.priorities.normal);
  });

  it('shows critical as it always is: OS notification with sound, not changeable', async () => {
    await setup();
    const critical = screen.getByRole('group', { name: 'Kritik' });
    expect(within(critical).getByRole('radio', { name: 'Sistem bildirimi' })).toHaveProperty('checked', true);
    expect(within(critical).getByRole('radio', { name: 'Yalnızca geçmiş' }).matches(':disabled')).toBe(true);
    // Low priority never plays a sound: no switch that would do nothing.
    expect(screen.getByRole('checkbox', { name: 'Düşük: ses çal' }).matches(':disabled')).toBe(true);
  });

  it('mutes and unmutes a channel', async () => {
    await setup();
    await act(async () => fireEvent.click(screen.getByRole('checkbox', { name: 'Siparişler' })));
    expect(lastPatch()?.notifications?.mutedChannels).toEqual(['orders']);
    await act(async () => fireEvent.click(screen.getByRole('checkbox', { name: 'Fiyatlar' })));
    expect(lastPatch()?.notifications?.mutedChannels).toEqual(['orders', 'prices']);
    await act(async () => fireEvent.click(screen.getByRole('checkbox', { name: 'Siparişler' })));
    expect(lastPatch()?.notifications?.mutedChannels).toEqual(['prices']);
  });

  it('turns quiet hours on and changes their start; refuses a start equal to the end', async () => {
    await setup();
    await act(async () => fireEvent.click(screen.getByRole('checkbox', { name: 'Sessiz saatleri kullan' })));
    expect(lastPatch()?.notifications?.quietHours).toEqual({ enabled: true, start: '22:00', end: '07:00' });
    // 24-hour text, whatever the browser's locale would make of a time picker.
    expect(screen.getByLabelText('Başlangıç')).toMatchObject({ type: 'text', value: '22:00', placeholder: 'SS:DD' });
    await act(async () => fireEvent.change(screen.getByLabelText('Başlangıç'), { target: { value: '23:30' } }));
    expect(lastPatch()?.notifications?.quietHours).toEqual({ enabled: true, start: '23:30', end: '07:00' });

    const calls = setSettings().mock.calls.length;
    const start = screen.getByLabelText('Başlangıç');
    await act(async () => fireEvent.change(start, { target: { value: '07:00' } }));
    expect(setSettings().mock.calls.length).toBe(calls);
    expect(start.getAttribute('aria-invalid')).toBe('true');
    const message = document.getElementById(start.getAttribute('aria-describedby')?.split(' ')[0] ?? '');
    expect(message?.textContent).toBe('Başlangıç ve bitiş aynı olamaz.');
  });

  it('refuses a number out of range with a message, and sends a valid one', async () => {
    await setup();
    const flood = screen.getByLabelText('Dakikada en fazla bildirim');
    const calls = setSettings().mock.calls.length;
    await act(async () => fireEvent.change(flood, { target: { value: '0' } }));
    expect(setSettings().mock.calls.length).toBe(calls);
    expect(screen.getByText('1 ile 1000 arasında bir tam sayı girin.')).toBeTruthy();
    await act(async () => fireEvent.change(flood, { target: { value: '40' } }));
    expect(lastPatch()?.notifications?.floodPerMinute).toBe(40);
    expect(screen.queryByText('1 ile 1000 arasında bir tam sayı girin.')).toBeNull();
  });

  it('turns sound off, sets the volume once the slider rests, and plays a test sound', async () => {
    vi.useFakeTimers();
    try {
      await setup();
      await act(async () => fireEvent.click(screen.getByRole('checkbox', { name: 'Bildirim seslerini çal' })));
      expect(lastPatch()).toEqual({ sound: { enabled: false, volume: 0.8 } });
      const volume = screen.getByRole('slider', { name: 'Ses düzeyi' });
      const calls = setSettings().mock.calls.length;
      fireEvent.change(volume, { target: { value: '60' } });
      fireEvent.change(volume, { target: { value: '50' } });
      expect(setSettings().mock.calls.length).toBe(calls);
      expect(screen.getByText('%50')).toBeTruthy();
      await act(async () => vi.advanceTimersByTime(VOLUME_COMMIT_MS));
      expect(setSettings().mock.calls.length).toBe(calls + 1);
      expect(lastPatch()).toEqual({ sound: { enabled: false, volume: 0.5 } });
      fireEvent.click(screen.getByRole('button', { name: /Sesi dene/ }));
      expect(playSound).toHaveBeenCalledWith({ sound: 'high', volume: 0.5 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('changes theme and language', async () => {
    await setup();
    await act(async () => fireEvent.click(screen.getByRole('radio', { name: 'Koyu' })));
    expect(lastPatch()).toEqual({ theme: 'dark' });
    await act(async () => fireEvent.click(screen.getByRole('radio', { name: 'English' })));
    expect(lastPatch()).toEqual({ language: 'en' });
  });

  const desktop = (capabilities: Partial<DesktopCapabilities> = {}, reportProblem = vi.fn(async () => ({}))) =>
    fakeBridge({
      getDesktop: vi.fn(async () => ({
        platform: 'linux',
        version: '1.2.3',
        capabilities: { ...NO_DESKTOP, keepInTray: true, reportProblem: true, startAtLogin: true, ...capabilities },
        update: { state: 'idle' as const },
      })),
      reportProblem,
    }).bridge;

  it('in the desktop app: start at login and keep in tray, and says when the session will not survive', async () => {
    host.bridge = desktop();
    await setup({ sessionPersistent: false });
    await screen.findByRole('checkbox', { name: 'Oturum açılınca başlat' });
    await act(async () => fireEvent.click(screen.getByRole('checkbox', { name: 'Oturum açılınca başlat' })));
    expect(lastPatch()).toEqual({ startAtLogin: true });
    await act(async () =>
      fireEvent.click(screen.getByRole('checkbox', { name: 'Kapatınca sistem tepsisinde çalışmaya devam et' })),
    );
    expect(lastPatch()).toEqual({ keepInTray: false });
    expect(screen.getByTestId('no-keystore-note').textContent).toMatch(/yeniden başlatıldığında korunmaz/);
  });

  it('offers only what the platform can do: no start at login where the host cannot', async () => {
    host.bridge = desktop({ startAtLogin: false });
    await setup({ sessionPersistent: true });
    await screen.findByTestId('no-autostart-note');
    expect(screen.queryByRole('checkbox', { name: 'Oturum açılınca başlat' })).toBeNull();
    expect(screen.getByRole('checkbox', { name: 'Kapatınca sistem tepsisinde çalışmaya devam et' })).toBeTruthy();
    expect(screen.getByText('Sürüm 1.2.3')).toBeTruthy();
  });

  it('"Sorun bildir" asks the desktop for a report and says where it was saved', async () => {
    const reportProblem = vi.fn(async () => ({ file: '/home/ayse/İndirilenler/rapor.json' }));
    host.bridge = desktop({}, reportProblem);
    await setup({ sessionPersistent: true });
    const button = await screen.findByRole('button', { name: 'Sorun bildir…' });
    await act(async () => fireEvent.click(button));
    expect(reportProblem).toHaveBeenCalledTimes(1);
    await screen.findByText(
      'Rapor kaydedildi: /home/ayse/İndirilenler/rapor.json. Bu dosyayı destek ekibine gönderin.',
    );
  });

  it('in the desktop app with a keystore: no note about the session', async () => {
    await setup({ sessionPersistent: true });
    expect(screen.queryByTestId('no-keystore-note')).toBeNull();
  });

  it('in the browser: no desktop options, a note instead', async () => {
    host.browser = true;
    await setup({ sessionPersistent: false });
    expect(screen.queryByRole('checkbox', { name: 'Oturum açılınca başlat' })).toBeNull();
    expect(screen.getByTestId('desktop-only-note').textContent).toMatch(/yalnızca masaüstü uygulamasında/);
    expect(screen.queryByTestId('no-keystore-note')).toBeNull();
  });

  it('says so when the host refuses a change, and shows what the host holds', async () => {
    const held = { ...DEFAULT_SETTINGS, theme: 'light' as const };
    host.bridge = fakeBridge({
      getSettings: vi.fn(async () => held),
      setSettings: vi.fn(async () => {
        throw new LiveError('validation_failed', 'settings: theme: Invalid option');
      }),
    }).bridge;
    const store = createStore();
    await store.dispatch(loadSettings());
    render(
      <Provider store={store}>
        <SettingsScreen />
      </Provider>,
    );
    await act(async () => fireEvent.click(screen.getByRole('radio', { name: 'Koyu' })));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Bu değer kabul edilmedi: settings: theme: Invalid option'),
    );
    expect(store.getState().settings.theme).toBe('light');
    expect(screen.getByRole('radio', { name: 'Açık' })).toHaveProperty('checked', true);
  });

  it('sends changes one after another, each on top of the last', async () => {
    await setup();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Siparişler' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Sistem' }));
    await waitFor(() => expect(setSettings()).toHaveBeenCalledTimes(2));
    expect(lastPatch()?.notifications?.mutedChannels).toEqual(['orders', 'system']);
  });

  it('English has the keys of Turkish', () => {
    const keys = (o: object, p = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [p + k] : keys(v as object, `${p}${k}.`)));
    expect(keys(en)).toEqual(keys(tr));
  });
});
