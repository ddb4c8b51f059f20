// A time as staff read it: relative ("5 dakika önce"), the exact Istanbul time in its title.
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative } from '../format';
import './ui.css';

export function TimeAgo({ at, now, prefix }: { at: string; now: number; prefix?: string }) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const exact = formatDateTime(at, lang);
  return (
    <time className="ops-time" dateTime={at} title={prefix ? `${prefix} ${exact}` : exact}>
      {formatRelative(at, now, lang)}
    </time>
  );
}
