// Which screen is shown and the filters that apply across screens.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Marketplace } from '../../../../protocol';

export const VIEWS = ['dashboard', 'orders', 'stock', 'prices', 'system', 'alerts', 'admin', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export interface UiState {
  view: View;
  /** Dashboard and lists: one marketplace, or all. */
  marketplace: Marketplace | 'all';
  /** An item a notification pointed at (alert key or order key), to bring into view. */
  focus?: string;
}

/** `#/orders`, `#/orders?status=new` and `#/orders/TY-1` all show the orders screen. */
export const viewFromHash = (hash: string): View => {
  const v = hash.replace(/^#\/?/, '').split(/[?/]/, 1)[0] ?? '';
  return (VIEWS as readonly string[]).includes(v) ? (v as View) : 'dashboard';
};

const initialState: UiState = { view: 'dashboard', marketplace: 'all' };

export const uiSlice = createSlice({
  name: 'ui',
  initialState,
  reducers: {
    viewChanged(s, a: PayloadAction<View>) {
      s.view = a.payload;
    },
    marketplaceChosen(s, a: PayloadAction<Marketplace | 'all'>) {
      s.marketplace = a.payload;
    },
    focused(s, a: PayloadAction<{ view: View; item?: string }>) {
      s.view = a.payload.view;
      s.focus = a.payload.item;
    },
  },
});

export const { viewChanged, marketplaceChosen, focused } = uiSlice.actions;
