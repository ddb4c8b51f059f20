// The bar's "son olay 3 sn önce" while connected.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/store';
import { selectLastEventAt, useLastEventText } from './lastEvent';

/** "son olay 3 sn önce": the text is made again only when the whole seconds change. */
export const LastEventAge = memo(function LastEventAge({ now }: { now: number }) {
  const { t } = useTranslation();
  const lastEventAt = useAppSelector(selectLastEventAt);
  const text = useLastEventText(lastEventAt, now, t);
  return (
    <span className="connection-age" data-testid="last-event" data-last-event-at={lastEventAt}>
      {text}
    </span>
  );
});
