// What a held list missed, said beside it (never over it, so it moves no row and covers no
// click): the count in view, and once for screen readers a sentence without a count, which would
// otherwise be read out again with every new row.
export function HeldNotice({
  changed,
  text,
  announce,
  className,
  testId,
  critical = false,
}: {
  changed: boolean;
  /** A critical arrived while held: said in the critical colour (it is never hidden by a hold). */
  critical?: boolean;
  /** Shown while the list differs from what it holds: "Duraklatıldı · 3 yeni uyarı". */
  text: string;
  /** Read once when the list starts to differ. */
  announce: string;
  className?: string;
  testId?: string;
}) {
  return (
    <>
      {changed && (
        <span
          className={`held-notice${critical ? ' is-critical' : ''}${className ? ` ${className}` : ''}`}
          data-testid={testId}
          data-critical={critical ? 'true' : undefined}
          aria-hidden="true"
        >
          {text}
        </span>
      )}
      <span className="sr-only" role={critical ? 'alert' : 'status'}>
        {changed ? announce : ''}
      </span>
    </>
  );
}
