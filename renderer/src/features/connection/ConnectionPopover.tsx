// The bar's popovers (refused actions, connection details) share one shape: a button in the bar and,
// while open, a titled non-modal dialog right after it. The caller owns the usePopover state, since
// it may open or close the panel itself.
import { useId, type ReactNode } from 'react';
import type { usePopover } from './usePopover';

export function ConnectionPopover(props: {
  popover: ReturnType<typeof usePopover>;
  buttonClassName: string;
  /** For a button without words: read out and shown on hover. */
  buttonLabel?: string;
  buttonTestId?: string;
  button: ReactNode;
  title: string;
  children: ReactNode;
}) {
  const { open, buttonRef, panelRef, buttonProps, panelProps } = props.popover;
  const titleId = useId();
  return (
    <span className="connection-popover-anchor">
      <button
        type="button"
        ref={buttonRef}
        className={props.buttonClassName}
        aria-label={props.buttonLabel}
        title={props.buttonLabel}
        data-testid={props.buttonTestId}
        {...buttonProps}
      >
        {props.button}
      </button>
      {open && (
        <div
          ref={panelRef}
          className="connection-popover"
          role="dialog"
          aria-modal="false"
          aria-labelledby={titleId}
          {...panelProps}
        >
          <h2 id={titleId} className="connection-popover-title">
            {props.title}
          </h2>
          {props.children}
        </div>
      )}
    </span>
  );
}
