// The prices screen.
import { useTranslation } from 'react-i18next';

export function PricesScreen() {
  const { t } = useTranslation();
  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('nav.prices')}</h1>
    </section>
  );
}
