import { configureStore } from '@reduxjs/toolkit';
import { useDispatch, useSelector } from 'react-redux';
import { connectionSlice } from '../features/connection/connectionSlice';
import { kpiSlice } from '../features/kpi/kpiSlice';
import { ordersSlice } from '../features/orders/ordersSlice';
import { sessionSlice } from '../features/session/sessionSlice';
import { settingsSlice } from '../features/settings/settingsSlice';

export function createStore() {
  return configureStore({
    reducer: {
      session: sessionSlice.reducer,
      connection: connectionSlice.reducer,
      orders: ordersSlice.reducer,
      kpi: kpiSlice.reducer,
      settings: settingsSlice.reducer,
    },
  });
}

export type AppStore = ReturnType<typeof createStore>;
export type RootState = ReturnType<AppStore['getState']>;
export type AppDispatch = AppStore['dispatch'];

export const useAppDispatch = useDispatch.withTypes<AppDispatch>();
export const useAppSelector = useSelector.withTypes<RootState>();
