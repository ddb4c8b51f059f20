// "Ertele ▾": a disclosure with the snooze lengths (15 min, 1 h, until tomorrow morning). Keyboard:
// Enter/Space opens, Tab walks the choices, Esc closes and returns to the button.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SNOOZE_OPTIONS, type SnoozeOption } from './snooze';

export function SnoozeMenu({
  label,
  text,
  disabled,
  small,
  onSnooze,
}: {
  /** Accessible name of the button ("Ertele: Stokta yok KOT-…"). */
  label: string;
  /** Visible text of the button. */
  text: string;
  disabled?: boolean;
  small?: boolean;
  onSnooze: (option: SnoozeOption) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div
      className="alerts-snooze"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          // Handled here: the toasts must not take this Esc as theirs.
          e.preventDefault();
          e.stopPropagation();
          close();
        }
      }}
      onBlur={(e) => {
        if (open && !root.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className={`ops-btn${small ? ' ops-btn--small' : ''}`}
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
      >
        {text}
        <svg viewBox="0 0 10 6" width="10" height="6" aria-hidden="true" focusable="false">
          <path d="M0 0h10L5 6z" fill="currentColor" />
        </svg>
      </button>
      {open && (
        <div className="alerts-snooze-pop" id={id} role="group" aria-label={t('alertsView.snooze.label')}>
          {SNOOZE_OPTIONS.map((o) => (
            <button
              key={o}
              type="button"
              className="alerts-snooze-option"
              data-snooze={o}
              onClick={() => {
                onSnooze(o);
                close();
              }}
            >
              {t(`alertsView.snooze.${o}`)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
