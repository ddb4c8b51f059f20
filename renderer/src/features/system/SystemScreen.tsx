// The system screen.
import { useTranslation } from 'react-i18next';

export function SystemScreen() {
  const { t } = useTranslation();
  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('nav.system')}</h1>
    </section>
  );
}
