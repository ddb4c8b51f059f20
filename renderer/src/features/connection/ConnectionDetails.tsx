// The (i) button at the end of the bar and its popover: every fact about the connection (state,
// quality, round trip, jitter, reconnects, the newest event, what waits, the server) and what the
// quality levels mean.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionInfo, Quality } from '../../../../protocol';
import { QUALITY_THRESHOLDS } from '../../../../core/quality';
import { useAppSelector } from '../../app/store';
import { formatTime } from '../../format';
import { ConnectionPopover } from './ConnectionPopover';
import { RETRY_STATES } from './connectionText';
import { NAMESPACE as NS } from './i18n';
import { selectLastEventAt, useLastEventText } from './lastEvent';
import { usePopover } from './usePopover';

export const ConnectionDetails = memo(function ConnectionDetails(props: {
  info: ConnectionInfo;
  level: Quality['level'];
  now: number;
}) {
  const { t } = useTranslation();
  const popover = usePopover();
  return (
    <ConnectionPopover
      popover={popover}
      buttonClassName="connection-details-button"
      buttonLabel={t(`${NS}.details.button`)}
      button={<span aria-hidden="true">i</span>}
      title={t(`${NS}.details.title`)}
    >
      <DetailsFacts info={props.info} level={props.level} now={props.now} />
      <p className="connection-popover-note">
        {t(`${NS}.details.thresholds`, {
          excellentRtt: QUALITY_THRESHOLDS.excellent.rttMs,
          excellentJitter: QUALITY_THRESHOLDS.excellent.jitterMs,
          goodRtt: QUALITY_THRESHOLDS.good.rttMs,
          goodJitter: QUALITY_THRESHOLDS.good.jitterMs,
        })}
      </p>
    </ConnectionPopover>
  );
});

/** Why the connection last ended, for the reasons the console can explain (key under `details.reason`). */
const DROP_REASONS: Record<string, string> = {
  heartbeat_timeout: 'heartbeat_timeout',
  slow_consumer: 'slow_consumer',
  'ping timeout': 'silence',
  draining: 'draining',
};

/** The facts in the open details: only while open does it follow every event. */
function DetailsFacts(props: { info: ConnectionInfo; level: Quality['level']; now: number }) {
  const { t, i18n } = useTranslation();
  const { info } = props;
  const quality = useAppSelector((s) => s.connection.quality);
  const pending = useAppSelector((s) => s.connection.outbox.pending.length);
  const lastEvent = useLastEventText(useAppSelector(selectLastEventAt), props.now, t);
  const dash = t(`${NS}.details.unknown`);
  const ms = (v: number | undefined) => (v === undefined ? dash : t(`${NS}.rtt`, { ms: v }));
  const drop = info.reason === undefined ? undefined : DROP_REASONS[info.reason];
  const rows: [string, string][] = [
    [
      t(`${NS}.details.state`),
      `${t(`connection.state.${info.state}`)}${info.since > 0 ? ` · ${t(`${NS}.details.since`, { time: formatTime(info.since, i18n.language) })}` : ''}`,
    ],
    [t(`${NS}.details.quality`), t(`${NS}.quality.${props.level}`)],
    [t(`${NS}.details.rtt`), ms(quality?.rttMs)],
    [t(`${NS}.details.jitter`), ms(quality?.jitterMs)],
    [t(`${NS}.details.missedPongs`), String(quality?.missedPongs ?? 0)],
    [t(`${NS}.details.reconnects`), String(quality?.reconnects ?? 0)],
    ...(drop ? [[t(`${NS}.details.reason.label`), t(`${NS}.details.reason.${drop}`)] as [string, string]] : []),
    ...(RETRY_STATES.has(info.state) ? [[t(`${NS}.details.attempt`), String(info.attempt)] as [string, string]] : []),
    [t(`${NS}.details.lastEvent`), lastEvent],
    [t(`${NS}.details.pending`), String(pending)],
    [t(`${NS}.details.server`), info.server ?? dash],
  ];
  return (
    <dl className="connection-facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
