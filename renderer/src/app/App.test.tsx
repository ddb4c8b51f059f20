// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Provider } from 'react-redux';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { orderCreated } from '../../../protocol/test/fixtures';
import { batchReceived } from '../features/live/liveActions';
import { initI18n } from '../i18n';
import { delivered } from '../test/deliveries';
import { fakeBridge } from '../test/fakeBridge';
import { App } from './App';
import { createStore } from './store';

// jsdom has no canvas: the chart is left out here (the e2e tests draw it in Chromium).
vi.mock('../features/kpi/OrdersPerMinuteChart', () => ({ OrdersPerMinuteChart: () => null }));

beforeAll(() => {
  initI18n('tr');
});
afterEach(cleanup);

async function renderWith(bridge: ReturnType<typeof fakeBridge>['bridge']) {
  window.live = bridge;
  const { getBridge } = await import('../bridge');
  const store = createStore();
  getBridge().onBatch((b) => store.dispatch(batchReceived(b)));
  render(
    <Provider store={store}>
      <App />
    </Provider>,
  );
  return store;
}

async function signIn(password = 'demo') {
  fireEvent.change(screen.getByLabelText('Kullanıcı adı'), { target: { value: 'depo' } });
  fireEvent.change(screen.getByLabelText('Şifre'), { target: { value: password } });
  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Giriş yap' })));
}

describe('the console through the bridge', () => {
  it('signs in through window.live and shows orders the bridge pushes', async () => {
    const fake = fakeBridge();
    await renderWith(fake.bridge);
    await signIn();
    expect(fake.bridge.login).toHaveBeenCalledWith(expect.objectContaining({ username: 'depo', password: 'demo' }));
    expect(await screen.findByText('Canlı sipariş akışı')).toBeTruthy();
    act(() => fake.push({ events: [delivered(orderCreated({ orderNumber: 'TY-900', total: 250_000 }))] }));
    expect(screen.getByText('TY-900')).toBeTruthy();
    expect(screen.getByText('₺2.500,00')).toBeTruthy();
  });

  it('switches to English and keeps the choice in the settings', async () => {
    const fake = fakeBridge();
    await renderWith(fake.bridge);
    await signIn();
    expect(await screen.findByText('Canlı sipariş akışı')).toBeTruthy();
    await act(async () => fireEvent.change(screen.getByRole('combobox'), { target: { value: 'en' } }));
    expect(fake.bridge.setSettings).toHaveBeenCalledWith({ language: 'en' });
    expect(await screen.findByText('Live order feed')).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    await act(async () => fireEvent.change(screen.getByRole('combobox'), { target: { value: 'tr' } }));
    expect(await screen.findByText('Canlı sipariş akışı')).toBeTruthy();
  });

  it('goes back to the sign-in form, saying why, when the host reports the session ended', async () => {
    const fake = fakeBridge();
    await renderWith(fake.bridge);
    await signIn();
    expect(await screen.findByText('Canlı sipariş akışı')).toBeTruthy();
    act(() =>
      fake.push({
        events: [],
        state: { connection: { state: 'unauthorized', since: 1, attempt: 0, reason: 'revoked' }, channels: {} },
      }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe('Oturumunuz sona erdi. Lütfen yeniden giriş yapın.');
    expect(screen.getByRole('button', { name: 'Giriş yap' })).toBeTruthy();
  });

  it('says in Turkish when the credentials are wrong, and stays on the form', async () => {
    const fake = fakeBridge({
      login: async () => {
        throw { code: 'invalid_credentials', message: 'Invalid username or password' };
      },
    });
    await renderWith(fake.bridge);
    await signIn('wrong');
    expect((await screen.findByRole('alert')).textContent).toBe('Kullanıcı adı veya şifre hatalı.');
    expect(screen.getByRole('button', { name: 'Giriş yap' })).toBeTruthy();
  });
});
