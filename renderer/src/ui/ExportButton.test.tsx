// @vitest-environment jsdom
// "Dışa aktar": busy with the rows written so far and "İptal" while the desktop saves, what was
// saved, the reason of a failure in Turkish and English; and the web console's way (a ticket's URL
// handed to the browser's download, nothing read into the page).
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveError, type ExportResult } from '../../../protocol';
import { webExports } from '../bridge/webExports';
import { initI18n } from '../i18n';
import { fakeBridge } from '../test/fakeBridge';
import { ExportButton } from './ExportButton';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  delete window.live;
});

function pending() {
  let settle!: { resolve(r: ExportResult): void; reject(e: unknown): void };
  const promise = new Promise<ExportResult>((resolve, reject) => (settle = { resolve, reject }));
  return { promise, settle };
}

function mount(language: 'tr' | 'en' = 'tr') {
  initI18n(language);
  const fake = fakeBridge();
  window.live = fake.bridge;
  const run = pending();
  const exportCsv = vi.fn(() => run.promise);
  fake.bridge.exportCsv = exportCsv;
  render(<ExportButton request={{ resource: 'stock', params: { q: 'atkı' } }} />);
  const status = () => screen.getByTestId('export-stock-status').textContent;
  return { fake, run, exportCsv, status };
}

describe('ExportButton', () => {
  it('is busy with the rows written so far, cancels by its id, and a cancelled export leaves it idle', async () => {
    const { fake, run, exportCsv, status } = mount();
    fireEvent.click(screen.getByRole('button', { name: 'Dışa aktar' }));
    const id = (exportCsv.mock.calls[0] as unknown as [unknown, string])[1];
    expect(screen.getByRole('button', { name: 'Dışa aktar' }).hasAttribute('disabled')).toBe(true);
    expect(status()).toBe('Hazırlanıyor…');
    act(() => fake.progress({ id: 'someone-else', bytes: 10, rows: 99 }));
    expect(status()).toBe('Hazırlanıyor…');
    act(() => fake.progress({ id, bytes: 1_234_567, rows: 12_346 }));
    expect(status()).toBe('12.345 satır yazıldı…');
    fireEvent.click(screen.getByRole('button', { name: 'İptal' }));
    expect(fake.bridge.cancelExport).toHaveBeenCalledWith(id);
    await act(async () => run.settle.resolve({ state: 'cancelled' }));
    expect(status()).toBe('');
    expect(screen.queryByRole('button', { name: 'İptal' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Dışa aktar' }).hasAttribute('disabled')).toBe(false);
  });

  it('says where it saved how many rows', async () => {
    const { run, status } = mount();
    fireEvent.click(screen.getByRole('button', { name: 'Dışa aktar' }));
    await act(async () =>
      run.settle.resolve({
        state: 'saved',
        file: 'C:\\Users\\ayse\\Downloads\\stok-2026-12-07.csv',
        bytes: 9,
        rows: 1001,
      }),
    );
    expect(status()).toBe('1.000 satır kaydedildi: stok-2026-12-07.csv');
  });

  it.each([
    ['tr', 'storage_full', 'Dışa aktarılamadı: disk dolu; dosya kaydedilmedi'],
    ['tr', 'unavailable', 'Dışa aktarılamadı: sunucuya ulaşılamadı ya da indirme yarıda kesildi; dosya kaydedilmedi'],
    ['tr', 'teapot', 'Dışa aktarılamadı: beklenmeyen bir hata oluştu'],
    [
      'en',
      'unauthorized',
      'Export failed: the download was refused (its link expired or the session ended); try again',
    ],
    ['tr', 'forbidden', 'Dışa aktarılamadı: bu listeyi dışa aktarma yetkiniz yok'],
    [
      'tr',
      'storage_unavailable',
      'Dışa aktarılamadı: seçilen dosyaya yazılamıyor (klasör yok, izin yok ya da dosya başka bir programda açık)',
    ],
    ['en', 'rate_limited', 'Export failed: too many exports; try again in a minute'],
  ] as const)('says why it failed (%s, %s)', async (language, code, text) => {
    const { run } = mount(language);
    fireEvent.click(screen.getByRole('button', { name: language === 'tr' ? 'Dışa aktar' : 'Export' }));
    await act(async () => run.settle.reject({ code, message: 'x' }));
    expect(screen.getByRole('alert').textContent).toBe(text);
  });
});

describe('web console export', () => {
  it('hands the ticket URL to the browser download under the dated name, reading nothing', async () => {
    const url = 'https://canli.firma.com.tr/v1/orders?format=csv&q=izmir&ticket=' + 'a'.repeat(43);
    const exportTicket = vi.fn(async () => ({ url, expiresAt: Date.now() + 60_000 }));
    const clicked: { href: string; download: string; inPage: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, inPage: document.body.contains(this) });
    });
    const web = webExports({ exportTicket });
    const result = await web.exportCsv({ resource: 'orders', params: { q: 'izmir' } }, 'job-1');
    expect(exportTicket).toHaveBeenCalledWith({ resource: 'orders', params: { q: 'izmir' } });
    expect(result).toEqual({ state: 'started', filename: expect.stringMatching(/^siparisler-\d{4}-\d\d-\d\d\.csv$/) });
    expect(clicked).toEqual([{ href: url, download: (result as { filename: string }).filename, inPage: true }]);
    expect(document.querySelectorAll('a[download]')).toHaveLength(0);
  });

  it('passes the refusal of a ticket on, starting no download', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click');
    const web = webExports({
      exportTicket: async () => {
        throw new LiveError('rate_limited', 'Too many exports');
      },
    });
    await expect(web.exportCsv({ resource: 'alerts', params: {} }, 'job-2')).rejects.toMatchObject({
      code: 'rate_limited',
    });
    expect(click).not.toHaveBeenCalled();
  });
});
