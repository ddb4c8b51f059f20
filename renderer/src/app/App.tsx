import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ProxyAuthDialog } from '../features/proxy/ProxyAuthDialog';
import { LoginForm } from '../features/session/LoginForm';
import { LanguageSwitch } from './LanguageSwitch';
import { Shell } from './Shell';
import { useAppSelector } from './store';

/** Applies language and theme from the settings to the document. */
function useDocumentSettings() {
  const { i18n } = useTranslation();
  const language = useAppSelector((s) => s.settings.language);
  const theme = useAppSelector((s) => s.settings.theme);
  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}

export function App() {
  const signedIn = useAppSelector((s) => s.session.status === 'signedIn');
  useDocumentSettings();
  return (
    <>
      {signedIn ? (
        <Shell />
      ) : (
        <div className="app">
          <header className="topbar">
            <span className="brand">MesChain Live</span>
            <span className="spacer" />
            <LanguageSwitch />
          </header>
          <LoginForm />
        </div>
      )}
      {/* An office proxy may ask for credentials at sign-in or any time after. */}
      <ProxyAuthDialog />
    </>
  );
}
