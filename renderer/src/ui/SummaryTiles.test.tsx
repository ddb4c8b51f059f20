// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n } from '../i18n';
import { SummaryTiles } from './SummaryTiles';

afterEach(cleanup);

function tiles() {
  render(
    <SummaryTiles
      label="Stok özeti"
      tiles={[
        { id: 'tracked', label: 'İzlenen', count: 12345, tone: 'info', icon: 'info' },
        { id: 'share', label: 'Buybox payı', value: 'Veri yok', hint: 'son 1 saat' },
      ]}
    />,
  );
}

describe('summary tiles', () => {
  it('writes counts the way the language writes numbers', () => {
    initI18n('tr');
    tiles();
    expect(screen.getByTestId('tile-tracked').querySelector('.ops-tile-value')?.textContent).toBe('12.345');
    cleanup();
    initI18n('en');
    tiles();
    expect(screen.getByTestId('tile-tracked').querySelector('.ops-tile-value')?.textContent).toBe('12,345');
  });

  it('shows a given value as it is, with its hint; a tile without a tone is muted', () => {
    initI18n('tr');
    tiles();
    const share = screen.getByTestId('tile-share');
    expect(share.querySelector('.ops-tile-value')?.textContent).toBe('Veri yok');
    expect(share.querySelector('.ops-tile-hint')?.textContent).toBe('son 1 saat');
    expect(share.dataset.tone).toBe('muted');
    expect(screen.getByTestId('tile-tracked').dataset.tone).toBe('info');
    expect(screen.getByLabelText('Stok özeti').tagName).toBe('DL');
  });
});
