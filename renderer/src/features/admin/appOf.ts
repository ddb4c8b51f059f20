// The app a connection said it is, in words: `Masaüstü 1.4.0`, `Web`, or unknown.
import type { useTranslation } from 'react-i18next';
import type { AdminConnection } from '../../../../protocol';

type Translate = ReturnType<typeof useTranslation>['t'];

export function appOf(c: Pick<AdminConnection, 'client'>, t: Translate): string {
  if (!c.client) return t('adminView.connections.unknownApp');
  const name = t(`adminView.connections.app.${c.client.app}`, c.client.app);
  return c.client.version ? `${name} ${c.client.version}` : name;
}
