import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { App } from './app/App';
import { createStore } from './app/store';
import { getBridge, isBrowserHost } from './bridge';
import { batchReceived } from './features/live/liveActions';
import { loadSettings } from './features/settings/settingsSlice';
import { osReachShownHere } from './features/toasts/toastsSlice';
import { openTarget } from './features/ui/openTarget';
import { initI18n } from './i18n';
import { playSound } from './sound';
import './styles.css';

const store = createStore();
initI18n(store.getState().settings.language);
const bridge = getBridge();
// In the browser there are no OS notifications: what would go there shows as a toast.
store.dispatch(osReachShownHere(isBrowserHost()));
bridge.onBatch((batch) => store.dispatch(batchReceived(batch)));
bridge.onSound(playSound);
// A clicked OS notification: what it was about (its order, SKU, price or system row).
bridge.onFocus((req) => openTarget(store.dispatch, req.target ?? { view: 'alerts', item: req.alertKey ?? req.id }));
void store.dispatch(loadSettings());
void bridge.getState().then((state) => store.dispatch(batchReceived({ events: [], state })));
// The session may already be live (a reload, a window reopened from the tray): ask for the state of
// every channel, not only what arrives from now on.
void bridge.resync().catch(() => undefined);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Provider store={store}>
      <App />
    </Provider>
  </StrictMode>,
);
