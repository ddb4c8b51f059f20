// @vitest-environment jsdom
// The update banner: nothing until an update is downloaded; then its version, release notes and
// "restart and update"; while the outbox has queued actions, it says the restart waits for them.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LiveBridge, UpdateStatus } from '../../../../protocol';
import { initI18n } from '../../i18n';
import { fakeBridge } from '../../test/fakeBridge';
import { UpdateBanner } from './UpdateBanner';

const host = vi.hoisted(() => ({ bridge: undefined as LiveBridge | undefined }));
vi.mock('../../bridge', () => ({ getBridge: () => host.bridge }));

beforeAll(() => {
  initI18n('tr');
});
afterEach(cleanup);

describe('UpdateBanner', () => {
  it('shows a downloaded update with its notes, and waits for the outbox when asked to restart', async () => {
    let push: (s: UpdateStatus) => void = () => undefined;
    const installUpdate = vi.fn(async (): Promise<UpdateStatus> => ({
      state: 'waiting',
      version: '1.4.0',
      notes: 'Yeni',
      pending: 2,
    }));
    host.bridge = fakeBridge({
      onUpdate: (cb) => {
        push = cb;
        return () => undefined;
      },
      installUpdate,
    }).bridge;
    render(<UpdateBanner />);
    expect(screen.queryByTestId('update-banner')).toBeNull();
    act(() => push({ state: 'downloading', version: '1.4.0', percent: 40 }));
    expect(screen.queryByTestId('update-banner')).toBeNull();
    act(() => push({ state: 'ready', version: '1.4.0', notes: 'Yeni: stok uyarıları' }));
    expect(screen.getByText('MesChain Live 1.4.0 indirildi.')).toBeTruthy();
    expect(screen.getByText('Yeni: stok uyarıları')).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Yeniden başlat ve güncelle' })));
    expect(installUpdate).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Bekleyen 2 işlem gönderilince uygulama yeniden başlatılıp güncellenecek.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Yeniden başlat ve güncelle' })).toBeNull();
  });

  it('shows nothing in the web console', async () => {
    host.bridge = fakeBridge().bridge;
    render(<UpdateBanner />);
    await act(async () => undefined);
    expect(screen.queryByTestId('update-banner')).toBeNull();
  });
});
