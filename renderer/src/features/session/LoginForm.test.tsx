// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { Provider } from 'react-redux';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveBridge } from '../../../../protocol';
import { createStore } from '../../app/store';
import { initI18n } from '../../i18n';
import { fakeBridge } from '../../test/fakeBridge';
import { batchReceived } from '../live/liveActions';
import { LoginForm, INFO_DEBOUNCE_MS } from './LoginForm';
import { en, tr } from './i18n';

const host = vi.hoisted(() => ({ bridge: undefined as LiveBridge | undefined }));
vi.mock('../../bridge', () => ({ getBridge: () => host.bridge, isBrowserHost: () => false }));

const SERVER_KEY = 'meschain-live:last-server';

beforeAll(() => {
  initI18n('tr');
});
beforeEach(() => {
  vi.useFakeTimers();
  host.bridge = fakeBridge().bridge;
  window.localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** The host answers serverInfo as a gateway would, demo or not; returns the mock. */
function stubInfo(demoServers: string[]) {
  const serverInfo = vi.fn(async (server: string) => ({
    version: '1.0.0',
    demo: demoServers.includes(server),
    features: [],
  }));
  host.bridge = fakeBridge({ serverInfo }).bridge;
  return serverInfo;
}

function setup() {
  const store = createStore();
  render(
    <Provider store={store}>
      <LoginForm />
    </Provider>,
  );
  return store;
}

const settle = () => act(async () => vi.advanceTimersByTime(INFO_DEBOUNCE_MS));
const server = () => screen.getByLabelText('Sunucu adresi');

async function submit(username = 'depo', password = 'demo') {
  fireEvent.change(screen.getByLabelText('Kullanıcı adı'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('Şifre'), { target: { value: password } });
  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Giriş yap' })));
}

describe('sign-in form', () => {
  it('shows the demo accounts when the server says it is a demo', async () => {
    window.localStorage.setItem(SERVER_KEY, 'http://demo.local:8080');
    const serverInfo = stubInfo(['http://demo.local:8080']);
    setup();
    expect(screen.queryByTestId('demo-hint')).toBeNull();
    await settle();
    expect(serverInfo).toHaveBeenCalledWith('http://demo.local:8080');
    expect(screen.getByTestId('demo-hint').textContent).toContain('Demo: depo / satis / yonetici, şifre demo');
    // The username field is described by the hint.
    const hintId = screen.getByTestId('demo-hint').id;
    expect(screen.getByLabelText('Kullanıcı adı').getAttribute('aria-describedby')).toContain(hintId);
  });

  it('asks once the address stops changing, and hides the hint for a server that is not a demo', async () => {
    window.localStorage.setItem(SERVER_KEY, 'http://demo.local:8080');
    const serverInfo = stubInfo(['http://demo.local:8080']);
    setup();
    await settle();
    expect(screen.getByTestId('demo-hint')).toBeTruthy();
    serverInfo.mockClear();
    for (const value of ['https://canli', 'https://canli.firma', 'https://canli.firma.com.tr']) {
      fireEvent.change(server(), { target: { value } });
      act(() => vi.advanceTimersByTime(100));
    }
    // The address changed: the old answer no longer applies.
    expect(screen.queryByTestId('demo-hint')).toBeNull();
    await settle();
    expect(serverInfo).toHaveBeenCalledTimes(1);
    expect(serverInfo).toHaveBeenCalledWith('https://canli.firma.com.tr');
    expect(screen.queryByTestId('demo-hint')).toBeNull();
  });

  it('asks nothing of an address that is not http(s), and stays quiet when the server cannot be reached', async () => {
    const serverInfo = vi.fn(async () => Promise.reject(new Error('unavailable')));
    host.bridge = fakeBridge({ serverInfo }).bridge;
    setup();
    fireEvent.change(server(), { target: { value: 'ftp://x' } });
    await settle();
    expect(serverInfo).not.toHaveBeenCalled();
    fireEvent.change(server(), { target: { value: 'http://10.0.0.9:8080' } });
    await settle();
    expect(serverInfo).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('demo-hint')).toBeNull();
  });

  it('remembers the server address', async () => {
    stubInfo([]);
    setup();
    fireEvent.change(server(), { target: { value: 'https://canli.firma.com.tr' } });
    await submit();
    expect(host.bridge?.login).toHaveBeenCalledWith({
      server: 'https://canli.firma.com.tr',
      username: 'depo',
      password: 'demo',
    });
    expect(window.localStorage.getItem(SERVER_KEY)).toBe('https://canli.firma.com.tr');
    cleanup();
    setup();
    expect(server()).toHaveProperty('value', 'https://canli.firma.com.tr');
  });

  it('says which fields are missing, on the fields, and focuses the first', async () => {
    stubInfo([]);
    setup();
    fireEvent.change(server(), { target: { value: 'canli.firma' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Giriş yap' })));
    expect(host.bridge?.login).not.toHaveBeenCalled();
    const field = server();
    expect(document.activeElement).toBe(field);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const described = (field.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id));
    expect(described.map((e) => e?.textContent)).toContain(
      'Geçerli bir adres girin; http:// veya https:// ile başlamalı.',
    );
    expect(screen.getByText('Kullanıcı adını girin.')).toBeTruthy();
    expect(screen.getByText('Şifreyi girin.')).toBeTruthy();
  });

  it('links wrong credentials to the username and password, and moves focus to the error', async () => {
    stubInfo([]);
    host.bridge = fakeBridge({
      login: vi.fn(async () => {
        throw { code: 'invalid_credentials', message: 'Invalid username or password' };
      }),
    }).bridge;
    setup();
    await submit('depo', 'yanlis');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Kullanıcı adı veya şifre hatalı.');
    expect(document.activeElement).toBe(alert);
    for (const label of ['Kullanıcı adı', 'Şifre']) {
      const input = screen.getByLabelText(label);
      expect(input.getAttribute('aria-invalid')).toBe('true');
      expect(input.getAttribute('aria-describedby')).toContain(alert.id);
    }
    expect(server().getAttribute('aria-invalid')).toBeNull();
  });

  it('links an unreachable server to the address field; says TLS and rate limits plainly', async () => {
    stubInfo([]);
    const errors = [
      { code: 'unavailable', message: 'fetch failed' },
      { code: 'unavailable', message: 'certificate', details: { reason: 'tls' } },
      { code: 'rate_limited', message: 'slow down', details: { retryAfterMs: 30_000 } },
    ];
    const texts = [
      'Sunucuya ulaşılamıyor. Adresi ve ağ bağlantınızı kontrol edin.',
      'Sunucunun güvenlik sertifikası reddedildi. Adresi kontrol edin veya sistem yöneticinize başvurun.',
      'Çok fazla başarısız deneme. Lütfen 30 saniye sonra tekrar deneyin.',
    ];
    let n = 0;
    host.bridge = fakeBridge({
      login: vi.fn(async () => {
        throw errors[n++];
      }),
    }).bridge;
    setup();
    await submit();
    expect(screen.getByRole('alert').textContent).toBe(texts[0]);
    expect(server().getAttribute('aria-describedby')).toContain(screen.getByRole('alert').id);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Giriş yap' })));
    expect(screen.getByRole('alert').textContent).toBe(texts[1]);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Giriş yap' })));
    expect(screen.getByRole('alert').textContent).toBe(texts[2]);
  });

  it('says the desktop app needs https:// for a server off this computer, on the address field', async () => {
    stubInfo([]);
    host.bridge = fakeBridge({
      login: vi.fn(async () => {
        throw {
          code: 'validation_failed',
          message: 'https only',
          details: { reason: 'insecure_server', issues: [{ path: 'server', message: 'https only' }] },
        };
      }),
    }).bridge;
    setup();
    await submit();
    expect(screen.getByRole('alert').textContent).toBe(tr.insecureServer);
    expect(server().getAttribute('aria-invalid')).toBe('true');
    expect(server().getAttribute('aria-describedby')).toContain(screen.getByRole('alert').id);
  });

  it('after the host signed the user out because their outbox could not be read, says so and that the actions are kept', async () => {
    stubInfo([]);
    const store = setup();
    expect(screen.queryByRole('alert')).toBeNull();
    const state = {
      connection: { state: 'unauthorized' as const, since: 0, attempt: 0, reason: 'outbox_unreadable' },
      channels: {},
    };
    act(() => void store.dispatch(batchReceived({ events: [], state })));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe(
      'Bekleyen işlemler diskten okunamadı; oturum kapatıldı. Tekrar giriş yapın; kayıtlı işlemler korunuyor.',
    );
    expect(document.activeElement).toBe(alert);
    await act(async () => void (await i18next.changeLanguage('en')));
    try {
      expect(screen.getByRole('alert').textContent).toBe(
        'Pending actions could not be read from disk; you were signed out. Sign in again; the stored actions are kept.',
      );
    } finally {
      await act(async () => void (await i18next.changeLanguage('tr')));
    }
  });

  it('a sign-in refused because the outbox could not be read says the same, in the language of the screen', async () => {
    stubInfo([]);
    host.bridge = fakeBridge({
      login: vi.fn(async () => {
        throw {
          code: 'internal',
          message: 'The actions saved on this device could not be read. They are left as they are; try again.',
          details: { reason: 'outbox_unreadable' },
        };
      }),
    }).bridge;
    setup();
    await submit();
    expect(screen.getByRole('alert').textContent).toBe(
      'Bekleyen işlemler diskten okunamadı; oturum kapatıldı. Tekrar giriş yapın; kayıtlı işlemler korunuyor.',
    );
  });

  it('English has the keys of Turkish', () => {
    const keys = (o: object, p = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [p + k] : keys(v as object, `${p}${k}.`)));
    expect(keys(en)).toEqual(keys(tr));
  });
});
