// The stock screen.
import { useTranslation } from 'react-i18next';

export function StockScreen() {
  const { t } = useTranslation();
  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('nav.stock')}</h1>
    </section>
  );
}
