// The orders screen.
import { useTranslation } from 'react-i18next';

export function OrdersScreen() {
  const { t } = useTranslation();
  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('nav.orders')}</h1>
    </section>
  );
}
