// The signed-in console: top bar (brand, connection, user), navigation, the current screen,
// toasts and the offline banner. The screen follows the URL hash, so it can be linked and reloaded.
import { useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminScreen } from '../features/admin/AdminScreen';
import { AlertsScreen } from '../features/alerts/AlertsScreen';
import { CriticalBar } from '../features/alerts/CriticalBar';
import { ConnectionBar } from '../features/connection/ConnectionBar';
import { DashboardScreen } from '../features/dashboard/DashboardScreen';
import { OrdersScreen } from '../features/orders/OrdersScreen';
import { PricesScreen } from '../features/prices/PricesScreen';
import { logout } from '../features/session/sessionSlice';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { StockScreen } from '../features/stock/StockScreen';
import { SystemScreen } from '../features/system/SystemScreen';
import { ToastRegion } from '../features/toasts/ToastRegion';
import { VIEWS, viewChanged, viewFromHash, type View } from '../features/ui/uiSlice';
import { UpdateBanner } from '../features/update/UpdateBanner';
import { getBridge } from '../bridge';
import { ScreenErrorBoundary } from '../ui/ScreenErrorBoundary';
import { DocumentTitle, NavAlertBadge } from './AlertCount';
import { LanguageSwitch } from './LanguageSwitch';
import { useAppDispatch, useAppSelector } from './store';

const SCREENS: Record<View, ComponentType> = {
  dashboard: DashboardScreen,
  orders: OrdersScreen,
  stock: StockScreen,
  prices: PricesScreen,
  system: SystemScreen,
  alerts: AlertsScreen,
  admin: AdminScreen,
  settings: SettingsScreen,
};

/** Screens a role has data for (the gateway refuses the rest of the channels). */
const ROLE_VIEWS: Record<string, readonly View[]> = {
  warehouse: ['dashboard', 'orders', 'stock', 'alerts', 'settings'],
  sales: ['dashboard', 'orders', 'stock', 'prices', 'alerts', 'settings'],
  admin: VIEWS,
};

export function Shell() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const view = useAppSelector((s) => s.ui.view);
  const user = useAppSelector((s) => s.session.user);
  const views = ROLE_VIEWS[user?.role ?? 'warehouse'] ?? VIEWS;

  // The hash is the source of the screen: back/forward and links work.
  useEffect(() => {
    const sync = () => dispatch(viewChanged(viewFromHash(window.location.hash)));
    sync();
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, [dispatch]);

  // Presence: what this device is looking at.
  useEffect(() => {
    void getBridge()
      .setView(view)
      .catch(() => undefined);
  }, [view]);

  const shown = views.includes(view) ? view : 'dashboard';
  const Screen = SCREENS[shown];
  return (
    <div className="shell">
      {/* The screen follows the hash: the skip link moves focus without touching it. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <ConnectionBar />
        <span className="spacer" />
        <CriticalBar />
        <LanguageSwitch />
        <span className="user-name">{user?.name}</span>
        <button type="button" className="link-button" onClick={() => void dispatch(logout())}>
          {t('app.signOut')}
        </button>
      </header>
      <div className="offline-banner-slot" />
      <nav className="sidebar" aria-label={t('nav.label')}>
        <ul>
          {views.map((v) => (
            <li key={v}>
              <a href={`#/${v}`} aria-current={v === view ? 'page' : undefined} data-view={v}>
                {t(`nav.${v}`)}
                {v === 'alerts' && <NavAlertBadge />}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <UpdateBanner />
        {/* Keyed by screen: a failure stays with its screen, and leaving it starts afresh. */}
        <ScreenErrorBoundary key={shown} screen={shown}>
          <Screen />
        </ScreenErrorBoundary>
      </main>
      <ToastRegion />
      <DocumentTitle />
    </div>
  );
}
