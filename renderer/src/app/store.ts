import { configureStore } from '@reduxjs/toolkit';
import { useDispatch, useSelector } from 'react-redux';
import { actionsSlice } from '../features/actions/actionsSlice';
import { alertsSlice } from '../features/alerts/alertsSlice';
import { connectionSlice } from '../features/connection/connectionSlice';
import { kpiSlice } from '../features/kpi/kpiSlice';
import { ordersSlice } from '../features/orders/ordersSlice';
import { pricesSlice } from '../features/prices/pricesSlice';
import { sessionSlice } from '../features/session/sessionSlice';
import { settingsSlice } from '../features/settings/settingsSlice';
import { stockSlice } from '../features/stock/stockSlice';
import { systemSlice } from '../features/system/systemSlice';
import { toastsSlice } from '../features/toasts/toastsSlice';
import { uiSlice } from '../features/ui/uiSlice';

export function createStore() {
  return configureStore({
    reducer: {
      session: sessionSlice.reducer,
      connection: connectionSlice.reducer,
      orders: ordersSlice.reducer,
      alerts: alertsSlice.reducer,
      stock: stockSlice.reducer,
      prices: pricesSlice.reducer,
      system: systemSlice.reducer,
      kpi: kpiSlice.reducer,
      toasts: toastsSlice.reducer,
      actions: actionsSlice.reducer,
      settings: settingsSlice.reducer,
      ui: uiSlice.reducer,
    },
    // Batches carry many events; immutability and serializability checks on each would cost a
    // frame in development. State stays plain data by construction.
    middleware: (getDefault) => getDefault({ immutableCheck: false, serializableCheck: false }),
  });
}

export type AppStore = ReturnType<typeof createStore>;
export type RootState = ReturnType<AppStore['getState']>;
export type AppDispatch = AppStore['dispatch'];

export const useAppDispatch = useDispatch.withTypes<AppDispatch>();
export const useAppSelector = useSelector.withTypes<RootState>();
