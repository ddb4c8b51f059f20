// Small pieces the operations screens share (alerts, toasts, stock, prices, system): priority and
// status shown by colour AND icon AND text, times shown relative with the exact time beside them,
// summary tiles and scrollable tables. Their look is in shared.css.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Priority } from '../../../../protocol';
import { formatDateTime } from '../../format';
import { formatRelative } from './time';
import './shared.css';

export type IconShape = 'octagon' | 'triangle' | 'info' | 'down' | 'check' | 'cross' | 'dash' | 'clock';
export type Tone = 'critical' | 'high' | 'normal' | 'low' | 'ok' | 'warn' | 'bad' | 'muted' | 'info';

const MARK = 'var(--ops-icon-mark)';

/** A 16 px status glyph in the current colour; decorative (the text beside it says the same). */
export function StatusIcon({ shape, className }: { shape: IconShape; className?: string }) {
  let body: ReactNode;
  switch (shape) {
    case 'octagon':
      body = (
        <>
          <path d="M5.2 1h5.6L15 5.2v5.6L10.8 15H5.2L1 10.8V5.2z" />
          <path d="M7.1 3.8h1.8v5.1H7.1zM7.1 10.3h1.8v1.8H7.1z" fill={MARK} />
        </>
      );
      break;
    case 'triangle':
      body = (
        <>
          <path d="M8 1.2 15.4 14.4H.6z" />
          <path d="M7.1 5.4h1.8v4.4H7.1zM7.1 10.9h1.8v1.7H7.1z" fill={MARK} />
        </>
      );
      break;
    case 'info':
      body = (
        <>
          <circle cx="8" cy="8" r="7" />
          <path d="M7.1 7h1.8v5H7.1zM7.1 3.9h1.8v1.8H7.1z" fill={MARK} />
        </>
      );
      break;
    case 'down':
      body = (
        <>
          <circle cx="8" cy="8" r="7" />
          <path d="M4.6 6.2 8 9.6l3.4-3.4 1.2 1.2L8 12 3.4 7.4z" fill={MARK} />
        </>
      );
      break;
    case 'check':
      body = (
        <>
          <circle cx="8" cy="8" r="7" />
          <path d="m6.8 11.2-3-3 1.2-1.2 1.8 1.8 4.3-4.3 1.2 1.2z" fill={MARK} />
        </>
      );
      break;
    case 'cross':
      body = (
        <>
          <circle cx="8" cy="8" r="7" />
          <path
            d="m5.4 4.2 2.6 2.6 2.6-2.6 1.2 1.2L9.2 8l2.6 2.6-1.2 1.2L8 9.2l-2.6 2.6-1.2-1.2L6.8 8 4.2 5.4z"
            fill={MARK}
          />
        </>
      );
      break;
    case 'clock':
      body = (
        <>
          <circle cx="8" cy="8" r="7" />
          <path d="M7.2 3.8H9v4l2.6 1.6-.9 1.5L7.2 8.8z" fill={MARK} />
        </>
      );
      break;
    case 'dash':
      body = (
        <>
          <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M4.8 7.2h6.4v1.6H4.8z" />
        </>
      );
      break;
  }
  return (
    <svg
      className={`ops-icon${className ? ` ${className}` : ''}`}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
    >
      {body}
    </svg>
  );
}

export const PRIORITY_ICON: Record<Priority, IconShape> = {
  critical: 'octagon',
  high: 'triangle',
  normal: 'info',
  low: 'down',
};

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

/** A small labelled state: icon and text in a tone. */
export function Pill({ tone, icon, children }: { tone: Tone; icon?: IconShape; children: ReactNode }) {
  return (
    <span className="ops-pill" data-tone={tone}>
      {icon && <StatusIcon shape={icon} />}
      <span>{children}</span>
    </span>
  );
}

/** "5 dakika önce" with the exact Istanbul time as its title (and in its datetime). */
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

export interface Tile {
  id: string;
  label: string;
  value: ReactNode;
  tone?: Tone;
  icon?: IconShape;
  hint?: ReactNode;
}

/** Headline numbers of a screen. */
export function SummaryTiles({ tiles, label }: { tiles: Tile[]; label: string }) {
  return (
    <dl className="ops-tiles" aria-label={label}>
      {tiles.map((tile) => (
        <div key={tile.id} className="ops-tile" data-tone={tile.tone ?? 'muted'} data-testid={`tile-${tile.id}`}>
          <dt>
            {tile.icon && <StatusIcon shape={tile.icon} />}
            {tile.label}
          </dt>
          <dd>
            <span className="ops-tile-value">{tile.value}</span>
            {tile.hint && <span className="ops-tile-hint">{tile.hint}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Rows a table draws at most; the search narrows the rest down. */
export const MAX_TABLE_ROWS = 200;

/**
 * A titled panel holding a table that scrolls sideways on narrow windows; the scroll area is
 * focusable and named so keyboard users can scroll it too.
 */
export function TablePanel({
  id,
  title,
  count,
  description,
  empty,
  children,
  tone,
}: {
  id: string;
  title: string;
  count: number;
  description?: string;
  empty: string;
  children: ReactNode;
  tone?: Tone;
}) {
  const { t } = useTranslation();
  const headingId = `${id}-title`;
  return (
    <section className="ops-panel" aria-labelledby={headingId} data-testid={`panel-${id}`} data-tone={tone}>
      <header className="ops-panel-head">
        <h2 id={headingId}>
          {title} <span className="ops-count">{count}</span>
        </h2>
        {description && <p className="ops-panel-desc">{description}</p>}
      </header>
      {count === 0 ? (
        <p className="ops-empty">
          <StatusIcon shape="check" />
          {empty}
        </p>
      ) : (
        <div className="ops-table-wrap" tabIndex={0} role="region" aria-labelledby={headingId}>
          {children}
        </div>
      )}
      {count > MAX_TABLE_ROWS && (
        <p className="ops-more">{t('alertsView.firstRows', { shown: MAX_TABLE_ROWS, count })}</p>
      )}
    </section>
  );
}
