import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { App } from './app/App';
import { createStore } from './app/store';
import { getBridge } from './bridge';
import { batchReceived } from './features/live/liveActions';
import { loadSettings } from './features/settings/settingsSlice';
import { initI18n } from './i18n';
import './styles.css';

const store = createStore();
initI18n(store.getState().settings.language);
const bridge = getBridge();
bridge.onBatch((batch) => store.dispatch(batchReceived(batch)));
void store.dispatch(loadSettings());
void bridge.getState().then((state) => store.dispatch(batchReceived({ events: [], state })));

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Provider store={store}>
      <App />
    </Provider>
  </StrictMode>,
);
