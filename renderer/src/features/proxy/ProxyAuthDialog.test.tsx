// @vitest-environment jsdom
// The proxy sign-in form: shown when the desktop host asks, answers with what was typed, or
// cancels; nothing is shown otherwise.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LiveBridge, ProxyAuthRequest } from '../../../../protocol';
import { initI18n } from '../../i18n';
import { fakeBridge } from '../../test/fakeBridge';
import { ProxyAuthDialog } from './ProxyAuthDialog';

const host = vi.hoisted(() => ({ bridge: undefined as LiveBridge | undefined }));
vi.mock('../../bridge', () => ({ getBridge: () => host.bridge }));

beforeAll(() => {
  initI18n('tr');
});
afterEach(cleanup);

function setup() {
  let ask: (r: ProxyAuthRequest) => void = () => undefined;
  const answerProxyAuth = vi.fn(async () => undefined);
  host.bridge = fakeBridge({
    onProxyAuth: (cb) => {
      ask = cb;
      return () => undefined;
    },
    answerProxyAuth,
  }).bridge;
  render(<ProxyAuthDialog />);
  return { ask: (r: ProxyAuthRequest) => act(() => ask(r)), answerProxyAuth };
}

describe('ProxyAuthDialog', () => {
  it('asks for the proxy’s user name and password and sends them back', async () => {
    const t = setup();
    expect(screen.queryByRole('dialog')).toBeNull();
    t.ask({ id: 'p1', host: 'proxy.ofis', port: 3128 });
    expect(screen.getByRole('dialog', { name: 'Ara sunucu (proxy) girişi' }).textContent).toContain('proxy.ofis:3128');
    fireEvent.change(screen.getByLabelText('Kullanıcı adı'), { target: { value: 'ayse' } });
    fireEvent.change(screen.getByLabelText('Şifre'), { target: { value: 'ofis-1' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Bağlan' })));
    expect(t.answerProxyAuth).toHaveBeenCalledWith({ id: 'p1', username: 'ayse', password: 'ofis-1' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('cancels', async () => {
    const t = setup();
    t.ask({ id: 'p2', host: 'proxy.ofis', port: 3128 });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Vazgeç' })));
    expect(t.answerProxyAuth).toHaveBeenCalledWith({ id: 'p2', cancel: true });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
