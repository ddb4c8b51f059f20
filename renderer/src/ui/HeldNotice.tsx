// The notice over a held list's top edge: what changed while it held still, as a button that shows
// the list as it is now. It takes no room, so appearing moves no row; it is announced politely.
import type { HeldOrder } from './useHeldOrder';

export function HeldNotice<T>({ hold, text, testId }: { hold: HeldOrder<T>; text: string; testId?: string }) {
  return (
    <div className="held-notice" aria-live="polite">
      {hold.changed && (
        <button type="button" className="held-notice-button" onClick={() => hold.release()} data-testid={testId}>
          {text}
        </button>
      )}
    </div>
  );
}
