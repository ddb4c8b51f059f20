import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionBar } from '../features/connection/ConnectionBar';
import { KpiTiles } from '../features/kpi/KpiTiles';
import { OrdersPerMinuteChart } from '../features/kpi/OrdersPerMinuteChart';
import { OrderFeed } from '../features/orders/OrderFeed';
import { LoginForm } from '../features/session/LoginForm';
import { logout } from '../features/session/sessionSlice';
import { updateSettings } from '../features/settings/settingsSlice';
import { useAppDispatch, useAppSelector } from './store';

function LanguageSwitch() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const language = useAppSelector((s) => s.settings.language);
  return (
    <label className="language-switch">
      <span className="sr-only">{t('app.language')}</span>
      <select
        value={language}
        onChange={(e) => void dispatch(updateSettings({ language: e.target.value as 'tr' | 'en' }))}
      >
        <option value="tr">Türkçe</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}

export function App() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const signedIn = useAppSelector((s) => s.session.status === 'signedIn');
  const user = useAppSelector((s) => s.session.user);
  const language = useAppSelector((s) => s.settings.language);

  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        {signedIn && <ConnectionBar />}
        <span className="spacer" />
        <LanguageSwitch />
        {signedIn && (
          <>
            <span className="user-name">{user?.name}</span>
            <button type="button" className="link-button" onClick={() => void dispatch(logout())}>
              {t('app.signOut')}
            </button>
          </>
        )}
      </header>
      {signedIn ? (
        <main className="dashboard">
          <KpiTiles />
          <OrdersPerMinuteChart />
          <OrderFeed />
        </main>
      ) : (
        <LoginForm />
      )}
    </div>
  );
}
