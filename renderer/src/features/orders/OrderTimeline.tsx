// The order's history in its detail panel: every event, claim, release and note the gateway keeps
// for it (GET /v1/orders/{orderKey}), newest first. Asked again when the order changes live, so the
// history never lags the panel above it; a late answer for another order or an older change is
// dropped.
import { useEffect, useId, useState } from 'react';
import { OrderDetail as OrderDetailAnswer, type OrderTimelineEntry } from '../../../../protocol';
import { getBridge } from '../../bridge';
import { formatDateTime } from '../../format';
import { useOrdersText, type OrdersText } from './text';

/** Entries shown before "Tümünü göster". */
export const TIMELINE_SHOWN = 8;
/** Live changes of the order within this long ask once. */
export const TIMELINE_REFRESH_MS = 400;

interface Answer {
  /** `orderKey#seq` the answer is for. */
  for: string;
  entries?: OrderTimelineEntry[];
  truncated?: boolean;
  failed?: boolean;
}

function entryText(entry: OrderTimelineEntry, { t, v }: OrdersText): { what: string; detail?: string } {
  switch (entry.kind) {
    case 'event': {
      const e = entry.event;
      if (e.type !== 'ORDER_NOTIFICATION') return { what: e.type };
      const p = e.payload;
      const kind = v(`timeline.kind.${p.kind}`, { defaultValue: p.kind });
      const status = t(`orderStatus.${p.status}`, { defaultValue: p.status });
      return {
        what: kind,
        detail: p.cancel ? `${status} · ${v(`detail.cancelBy.${p.cancel.by}`)}` : status,
      };
    }
    case 'claimed':
      return { what: v('timeline.claimed', { name: entry.by.name }) };
    case 'released':
      return { what: v('timeline.released', { name: entry.by.name }) };
    case 'note':
      return { what: v('timeline.note', { name: entry.by.name }), detail: entry.text };
  }
}

export function OrderTimeline({
  orderKey,
  version,
}: {
  orderKey: string;
  /** Changes whenever the order does live (an event, a claim, a release, a note). */
  version: string;
}) {
  const text = useOrdersText();
  const { v, lang } = text;
  const id = useId();
  const [answer, setAnswer] = useState<Answer>();
  // Unfolded for this order only: another order opens folded.
  const [unfolded, setUnfolded] = useState<string>();
  const all = unfolded === orderKey;
  const [attempt, setAttempt] = useState(0);
  // Every live change of the order asks for its history again.
  const wanted = `${orderKey}#${version}`;

  useEffect(() => {
    let current = true;
    const timer = window.setTimeout(() => {
      getBridge()
        .query({ resource: 'order', orderKey })
        .then((raw) => {
          if (!current) return;
          const detail = OrderDetailAnswer.parse(raw);
          setAnswer({ for: wanted, entries: [...detail.timeline].reverse(), truncated: detail.timelineTruncated });
        })
        .catch(() => {
          if (current) setAnswer((prev) => ({ ...prev, for: wanted, failed: true }));
        });
    }, TIMELINE_REFRESH_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [orderKey, wanted, attempt]);

  // What was shown for this order stays while a newer change is asked for.
  const entries = answer?.for.startsWith(`${orderKey}#`) ? answer.entries : undefined;
  const failed = answer?.for === wanted && answer.failed === true;
  const shown = entries && !all ? entries.slice(0, TIMELINE_SHOWN) : entries;

  return (
    <section aria-labelledby={`${id}-history`} className="ord-section ord-timeline" data-testid="order-timeline">
      <h3 id={`${id}-history`}>{v('timeline.heading')}</h3>
      {failed && (
        <p className="ord-muted" role="alert">
          {v('timeline.failed')}{' '}
          <button type="button" className="ord-link-button" onClick={() => setAttempt((n) => n + 1)}>
            {v('timeline.retry')}
          </button>
        </p>
      )}
      {!entries && !failed && (
        <p className="ord-muted" aria-busy="true">
          {v('timeline.loading')}
        </p>
      )}
      {entries?.length === 0 && <p className="ord-muted">{v('timeline.empty')}</p>}
      {shown && shown.length > 0 && (
        <ol className="ord-timeline-list">
          {shown.map((entry, i) => {
            const { what, detail } = entryText(entry, text);
            return (
              <li key={`${entry.at}-${i}`} className="ord-timeline-entry" data-kind={entry.kind}>
                <time className="ord-muted ord-num" dateTime={entry.at}>
                  {formatDateTime(entry.at, lang)}
                </time>
                <span className="ord-strong">{what}</span>
                {detail && <span className="ord-timeline-detail">{detail}</span>}
              </li>
            );
          })}
        </ol>
      )}
      {entries && entries.length > TIMELINE_SHOWN && (
        <button
          type="button"
          className="ord-link-button"
          aria-expanded={all}
          onClick={() => setUnfolded(all ? undefined : orderKey)}
        >
          {all ? v('timeline.showLess') : v('timeline.showAll', { count: entries.length })}
        </button>
      )}
      {all && answer?.truncated && <p className="ord-muted ord-small">{v('timeline.truncated')}</p>}
    </section>
  );
}
