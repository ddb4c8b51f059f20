// What the connection bar says, as pure functions of the state and the time.
import type { TFunction } from 'i18next';
import type { ActionInput, ConnectionState, ErrorPayload, Quality } from '../../../../protocol';

const NS = 'connectionBar';

/** States in which the console is waiting to be connected again (retry makes sense). */
export const RETRY_STATES: ReadonlySet<ConnectionState> = new Set(['reconnecting', 'offline']);

/** The offline banner shows once the connection has been down this long. */
export const BANNER_DELAY_MS = 3000;

/** Bars lit per quality level (of four). */
export const QUALITY_BARS: Record<Quality['level'], number> = { excellent: 4, good: 3, poor: 2, offline: 0 };

/** "son olay 3 sn önce", ticking with `now`. */
export function lastEventText(t: TFunction, lastEventAt: number | undefined, now: number): string {
  if (lastEventAt === undefined) return t(`${NS}.lastEvent.none`);
  const s = Math.max(0, Math.floor((now - lastEventAt) / 1000));
  if (s < 1) return t(`${NS}.lastEvent.now`);
  if (s < 60) return t(`${NS}.lastEvent.seconds`, { count: s });
  if (s < 3600) return t(`${NS}.lastEvent.minutes`, { count: Math.floor(s / 60) });
  return t(`${NS}.lastEvent.hours`, { count: Math.floor(s / 3600) });
}

/** "12 sn", "3 dk", "2 sa". */
export function durationText(t: TFunction, ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return t(`${NS}.duration.seconds`, { count: s });
  if (s < 3600) return t(`${NS}.duration.minutes`, { count: Math.floor(s / 60) });
  return t(`${NS}.duration.hours`, { count: Math.floor(s / 3600) });
}

/** Whole seconds until the next attempt, or undefined when none is scheduled (or it is due). */
export function secondsUntil(nextRetryAt: number | undefined, now: number): number | undefined {
  if (nextRetryAt === undefined) return undefined;
  const ms = nextRetryAt - now;
  return ms > 0 ? Math.ceil(ms / 1000) : undefined;
}

export function actionLabel(t: TFunction, action: ActionInput): string {
  return t(`${NS}.failures.action.${action.type}`);
}

/** What the action was about: an order (marketplace and number) or alerts. */
export function actionSubject(t: TFunction, action: ActionInput): string {
  if ('orderKey' in action) {
    const i = action.orderKey.indexOf(':');
    const market = action.orderKey.slice(0, i);
    const number = action.orderKey.slice(i + 1);
    return `${t(`marketplace.${market}`, { defaultValue: market })} ${number}`;
  }
  if ('alertKey' in action) return action.alertKey;
  return action.alertKeys.join(', ');
}

/** Why the gateway refused an action, in the person's language. */
export function failureReason(t: TFunction, error: ErrorPayload): string {
  const { code, details } = error;
  const r = `${NS}.failures.reason`;
  switch (code) {
    case 'already_claimed': {
      const holder = details?.holder as { name?: unknown } | undefined;
      return typeof holder?.name === 'string'
        ? t(`${r}.already_claimed_by`, { name: holder.name })
        : t(`${r}.already_claimed`);
    }
    case 'forbidden':
    case 'not_found':
    case 'idempotency_conflict':
    case 'rate_limited':
    case 'timeout':
    case 'internal':
      return t(`${r}.${code}`);
    // The server's own message is not shown: it is not in the reader's language.
    case 'validation_failed':
    case 'bad_request':
      return t(`${r}.validation_failed`);
    case 'unauthorized':
    case 'token_expired':
    case 'invalid_credentials':
      return t(`${r}.unauthorized`);
    case 'unavailable':
    case 'draining':
      return t(`${r}.unavailable`);
    default:
      return t(`${r}.generic`);
  }
}
