// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveError, type AdminData, type AdminView } from '../../../../protocol';
import { setup } from '../alerts/test/harness';
import { AdminScreen } from './AdminScreen';
import { ADMIN_REFRESH_MS } from './useAdminView';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const NODE = { node: 'gw-a', connections: 2, eventLoopLagMs: 1.2, rssBytes: 150 * 1024 * 1024, uptimeSeconds: 3725 };
const DATA: Record<AdminView, AdminData> = {
  connections: {
    view: 'connections',
    data: {
      nodes: [NODE],
      connections: [
        {
          socketId: 's1',
          node: 'gw-a',
          userId: 'u1',
          sessionId: 's-9',
          name: 'Ayşe Yılmaz',
          role: 'warehouse',
          client: { app: 'desktop', version: '1.4.0' },
          address: '10.0.0.7',
          connectedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
          rttMs: 12,
          channels: ['inventory', 'orders', 'user-u1'],
          view: 'orders',
        },
        {
          socketId: 's2',
          node: 'gw-a',
          userId: 'u2',
          name: 'Mehmet Kaya',
          role: 'sales',
          address: '10.0.0.9',
          connectedAt: new Date().toISOString(),
          channels: ['prices'],
        },
      ],
    },
  },
  channels: {
    view: 'channels',
    data: {
      channels: [
        {
          channel: 'orders',
          subscribers: 1,
          eventsPerSecond: 12.5,
          head: { epoch: 'e', offset: 12_345 },
          retentionEvents: 10_000,
        },
        { channel: 'prices', subscribers: 1, head: { epoch: 'e', offset: 7 }, retentionEvents: 10_000 },
      ],
    },
  },
  health: {
    view: 'health',
    data: {
      ready: false,
      draining: false,
      checks: { database: true, redis: false },
      mode: 'clustered',
      node: 'gw-a',
      version: '0.9.0',
      nodes: [NODE, { ...NODE, node: 'gw-b', connections: 0 }],
    },
  },
  sessions: {
    view: 'sessions',
    data: {
      items: [
        { sessionId: 's-1', userId: 'u1', username: 'depo', createdAt: Date.now() - 60_000 },
        { sessionId: 's-9', userId: 'u1', username: 'depo', createdAt: Date.now() - 120_000 },
      ],
    },
  },
  users: {
    view: 'users',
    data: {
      items: [
        { username: 'depo', name: 'Ayşe Yılmaz', role: 'warehouse', disabled: false, demo: true },
        { username: 'yonetici', name: 'Zeynep Demir', role: 'admin', disabled: false, demo: true },
      ],
    },
  },
  audit: {
    view: 'audit',
    data: { items: [{ id: 'a1', at: Date.now(), action: 'auth.login', outcome: 'ok', username: 'depo' }] },
  },
};

function withAdmin() {
  const h = setup();
  const reads = vi.fn(async (view: AdminView, _page?: { before?: string }) => DATA[view]);
  h.bridge.adminRead = reads;
  return { h, reads };
}

const flush = () => act(async () => undefined);

describe('admin console', () => {
  it('lists live connections with user, role, app, address, node, round trip, channels and screen, in Turkish', async () => {
    const { h } = withAdmin();
    h.render(<AdminScreen />);
    await flush();
    expect(screen.getByTestId('admin-connections-summary').textContent).toBe('2 bağlantı · 2 kullanıcı · 1 düğüm');
    const ayse = document.querySelector('[data-socket-id="s1"]') as HTMLElement;
    const cells = within(ayse);
    expect(cells.getByText('Ayşe Yılmaz')).toBeTruthy();
    expect(cells.getByText('Depo')).toBeTruthy();
    expect(cells.getByText('Masaüstü 1.4.0')).toBeTruthy();
    expect(cells.getByText('12 ms')).toBeTruthy();
    expect(cells.getByText('Stok, Siparişler, Kişisel')).toBeTruthy();
    expect(cells.getByText('Siparişler', { selector: 'td' })).toBeTruthy();
    const mehmet = within(document.querySelector('[data-socket-id="s2"]') as HTMLElement);
    expect(mehmet.getByText('Bilinmiyor')).toBeTruthy();
    expect(mehmet.getByText('henüz ölçülmedi')).toBeTruthy();
    // Search narrows the rows.
    fireEvent.change(screen.getByLabelText('Ara'), { target: { value: 'mehmet' } });
    expect(document.querySelectorAll('[data-socket-id]')).toHaveLength(1);
    fireEvent.change(screen.getByLabelText('Ara'), { target: { value: 'kimse-yok' } });
    expect(screen.getByText('Aramaya uyan bağlantı yok.')).toBeTruthy();
  });

  it('shows channels with subscribers, rate, head and retention, and the health of each dependency and node', async () => {
    const { h } = withAdmin();
    h.render(<AdminScreen />);
    await flush();
    fireEvent.click(screen.getByRole('tab', { name: 'Kanallar' }));
    await flush();
    const orders = within(document.querySelector('[data-channel="orders"]') as HTMLElement);
    expect(orders.getByText('12,5')).toBeTruthy();
    expect(orders.getByText('12.345')).toBeTruthy();
    expect(
      within(document.querySelector('[data-channel="prices"]') as HTMLElement).getByText('ölçülüyor'),
    ).toBeTruthy();

    // Keyboard: the arrow moves to the next tab.
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Kanallar' }), { key: 'ArrowRight' });
    await flush();
    expect(screen.getByRole('tab', { name: 'Sunucu durumu' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('admin-ready').textContent).toContain('Hazır değil');
    expect(document.querySelector('[data-check="redis"]')?.textContent).toBe('Redis: Yanıt vermiyor');
    expect(document.querySelector('[data-check="database"]')?.textContent).toBe('Veritabanı: Çalışıyor');
    expect(screen.getByText('Küme (Redis ve PostgreSQL)', { exact: false })).toBeTruthy();
    expect(screen.getByText('gw-b')).toBeTruthy();
    expect(screen.getAllByText('150 MB')).toHaveLength(2);
    expect(screen.getAllByText('1 sa 2 dk')).toHaveLength(2);
  });

  it('reads again every few seconds; a failed read keeps the rows and says why; a refusal is not asked again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { h, reads } = withAdmin();
    h.render(<AdminScreen />);
    await flush();
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRejectedValueOnce(new LiveError('unavailable', 'down'));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(ADMIN_REFRESH_MS);
    });
    expect(reads).toHaveBeenCalledTimes(2);
    expect(document.querySelectorAll('[data-socket-id]')).toHaveLength(2);
    expect(screen.getByRole('status').textContent).toContain('Güncellenemedi (Sunucuya ulaşılamıyor)');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(ADMIN_REFRESH_MS);
    });
    expect(screen.queryByRole('status')).toBeNull();

    reads.mockRejectedValue(new LiveError('forbidden', 'no'));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(ADMIN_REFRESH_MS * 5);
    });
    expect(reads).toHaveBeenCalledTimes(4);
  });

  it('ends a session and all of a user’s sessions only after a confirm, and says how many ended', async () => {
    const { h } = withAdmin();
    const acts = vi.fn(async () => ({ ended: 1 }));
    h.bridge.adminAct = acts;
    h.render(<AdminScreen />);
    await flush();
    fireEvent.click(screen.getByRole('tab', { name: 'Oturumlar' }));
    await flush();
    const row = within(document.querySelector('[data-session="s-1"]') as HTMLElement);
    expect(row.getByText('Şu an bağlı değil')).toBeTruthy();
    expect(
      within(document.querySelector('[data-session="s-9"]') as HTMLElement).getByText('Masaüstü 1.4.0 · 10.0.0.7'),
    ).toBeTruthy();
    fireEvent.click(row.getByRole('button', { name: 'Oturumu sonlandır' }));
    expect(acts).not.toHaveBeenCalled();
    expect(row.getByText('depo kullanıcısının bu oturumu sonlandırılsın mı?')).toBeTruthy();
    fireEvent.click(row.getByRole('button', { name: 'Evet, sonlandır' }));
    await flush();
    expect(acts).toHaveBeenCalledWith({ kind: 'end-session', sessionId: 's-1' });
    expect(row.getByRole('status').textContent).toBe('1 oturum sonlandırıldı');
    acts.mockRejectedValueOnce(new LiveError('not_found', 'No user "depo"'));
    fireEvent.click(row.getByRole('button', { name: 'Kullanıcının tüm oturumlarını sonlandır' }));
    fireEvent.click(row.getByRole('button', { name: 'Evet, sonlandır' }));
    await flush();
    expect(acts).toHaveBeenLastCalledWith({ kind: 'end-user-sessions', username: 'depo' });
    expect(row.getByRole('alert').textContent).toBe('Bulunamadı: No user "depo"');
  });

  it('adds users, shows a made password once, resets passwords, changes roles and shows errors in place', async () => {
    const { h } = withAdmin();
    const acts = vi.fn(async (a: { kind: string }) =>
      a.kind === 'reset-password' ? { ended: 2, password: 'Tek-Seferlik-123456' } : { ended: 0 },
    );
    h.bridge.adminAct = acts;
    h.render(<AdminScreen />);
    await flush();
    fireEvent.click(screen.getByRole('tab', { name: 'Kullanıcılar' }));
    await flush();
    const depo = within(document.querySelector('[data-user="depo"]') as HTMLElement);
    fireEvent.click(depo.getByRole('button', { name: 'Parolayı sıfırla' }));
    await flush();
    expect(acts).toHaveBeenCalledWith({ kind: 'reset-password', username: 'depo' });
    expect(depo.getByRole('status').textContent).toContain('Tek-Seferlik-123456');
    fireEvent.change(depo.getByLabelText('depo rolü'), { target: { value: 'sales' } });
    await flush();
    expect(acts).toHaveBeenLastCalledWith({ kind: 'set-role', username: 'depo', role: 'sales' });
    fireEvent.click(depo.getByRole('button', { name: 'Devre dışı bırak' }));
    await flush();
    expect(acts).toHaveBeenLastCalledWith({ kind: 'disable-user', username: 'depo' });

    acts.mockRejectedValueOnce(new LiveError('bad_request', 'User "depo" already exists'));
    const form = within(screen.getByRole('form', { name: 'Kullanıcı ekle' }));
    fireEvent.change(form.getByLabelText('Kullanıcı adı'), { target: { value: 'depo' } });
    fireEvent.change(form.getByLabelText('Ad soyad'), { target: { value: 'Ali Veli' } });
    fireEvent.click(form.getByRole('button', { name: 'Ekle' }));
    await flush();
    expect(acts).toHaveBeenLastCalledWith({ kind: 'add-user', username: 'depo', name: 'Ali Veli', role: 'warehouse' });
    expect(form.getByRole('alert').textContent).toBe('İşlem yapılamadı: User "depo" already exists');
    expect(depo.queryByRole('alert')).toBeNull();
  });

  it('lists the audit log, filters it by action and user, and loads older pages', async () => {
    const { h, reads } = withAdmin();
    const first = {
      items: [{ id: 'a2', at: Date.now(), action: 'user.add', outcome: 'ok', username: 'yonetici', subject: 'ali' }],
      nextCursor: 'c1',
    };
    const older = {
      items: [{ id: 'a1', at: Date.now() - 1000, action: 'auth.login', outcome: 'refused', username: 'depo' }],
    };
    reads.mockImplementation(async (view: AdminView, page?: { before?: string }) =>
      view !== 'audit' ? DATA[view] : ({ view: 'audit', data: page?.before === 'c1' ? older : first } as AdminData),
    );
    h.render(<AdminScreen />);
    await flush();
    fireEvent.click(screen.getByRole('tab', { name: 'Denetim kaydı' }));
    await flush();
    expect(document.querySelectorAll('[data-action]')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Daha eski kayıtlar' }));
    await flush();
    expect(reads).toHaveBeenLastCalledWith('audit', { before: 'c1', limit: 100 });
    expect([...document.querySelectorAll('[data-action]')].map((r) => r.getAttribute('data-action'))).toEqual([
      'user.add',
      'auth.login',
    ]);
    expect(screen.getByText('Reddedildi')).toBeTruthy();
    expect(screen.getByText('Kaydın sonu')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('İşleme göre süz'), { target: { value: 'auth' } });
    expect(document.querySelectorAll('[data-action]')).toHaveLength(1);
    fireEvent.change(screen.getByLabelText('İşleme göre süz'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Kullanıcıya göre süz'), { target: { value: 'ali' } });
    expect([...document.querySelectorAll('[data-action]')].map((r) => r.getAttribute('data-action'))).toEqual([
      'user.add',
    ]);
  });

  it('says plainly when the user may not see it', async () => {
    const h = setup();
    h.render(<AdminScreen />);
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('Bu ekranı yalnızca yöneticiler görebilir.');
  });
});
