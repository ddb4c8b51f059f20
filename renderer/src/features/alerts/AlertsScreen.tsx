// The alerts screen.
import { useTranslation } from 'react-i18next';

export function AlertsScreen() {
  const { t } = useTranslation();
  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('nav.alerts')}</h1>
    </section>
  );
}
