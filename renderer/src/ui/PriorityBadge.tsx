// An alert's priority, never by colour alone: tinted, with its icon and its word.
import { useTranslation } from 'react-i18next';
import type { Priority } from '../../../protocol';
import { PRIORITY_ICON } from './look';
import { StatusIcon } from './StatusIcon';
import './ui.css';

export function PriorityIcon({ priority }: { priority: Priority }) {
  return <StatusIcon shape={PRIORITY_ICON[priority]} />;
}

/** Priority as a tinted badge: colour, icon and the word ("Kritik"). */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <span className="ops-prio" data-priority={priority}>
      <PriorityIcon priority={priority} />
      <span>{t(`alertsView.priority.${priority}`)}</span>
    </span>
  );
}
