// Who else has the Orders screen open: initials for the eye, names for screen readers and tooltips.
import { useAppSelector } from '../../app/store';
import { Avatar } from './bits';
import { useOrdersText } from './text';

const SHOWN = 5;

export function OrdersPresence() {
  const { v } = useOrdersText();
  const me = useAppSelector((s) => s.session.user?.id);
  const presence = useAppSelector((s) => s.connection.presence);
  const others = presence.filter((p) => p.userId !== me && p.views.includes('orders'));
  if (others.length === 0) return null;
  const label = (p: (typeof others)[number]) => v('presence.who', { name: p.name, role: v(`presence.role.${p.role}`) });
  const rest = others.slice(SHOWN);
  return (
    <div className="ord-presence" data-testid="orders-presence">
      <span className="ord-presence-label" aria-hidden="true">
        {v('presence.also')}
      </span>
      <ul aria-label={v('presence.label')}>
        {others.slice(0, SHOWN).map((p) => (
          <li key={p.userId} title={label(p)}>
            <Avatar id={p.userId} name={p.name} size="md" />
            <span className="sr-only">{label(p)}</span>
          </li>
        ))}
        {rest.length > 0 && (
          <li title={rest.map(label).join(', ')}>
            <span className="ord-avatar ord-avatar-md ord-avatar-more" aria-hidden="true">
              +{rest.length}
            </span>
            <span className="sr-only">{rest.map(label).join(', ')}</span>
          </li>
        )}
      </ul>
    </div>
  );
}
