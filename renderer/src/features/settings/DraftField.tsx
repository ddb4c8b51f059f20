// A text or number field that keeps what is typed while it is invalid and stores only valid values.
import { useId, useState } from 'react';

/**
 * An input whose text may be invalid for a while (a time being typed, a number out of range): the
 * text stays as typed, the message says what is wrong, and only a valid value is stored.
 */
export function DraftField(props: {
  label: string;
  help?: string;
  type: 'time' | 'number';
  value: string;
  validate: (raw: string) => string | undefined;
  commit: (raw: string) => void;
  min?: number;
  max?: number;
  placeholder?: string;
  testId?: string;
  /** Label and help on the left, the input on the right. */
  row?: boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const describedBy = [error ? `${id}-error` : undefined, props.help ? `${id}-help` : undefined]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={props.row ? 'settings-field settings-field-row' : 'settings-field'}>
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        // A time is a 24-hour text field: Chromium's time picker follows the browser's locale
        // (12-hour in en-US), not the app's language, and Turkey and en-GB both write 22:00.
        type={props.type === 'time' ? 'text' : props.type}
        value={draft ?? props.value}
        min={props.min}
        max={props.max}
        step={props.type === 'number' ? 1 : undefined}
        inputMode="numeric"
        maxLength={props.type === 'time' ? 5 : undefined}
        placeholder={props.placeholder}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        data-testid={props.testId}
        onChange={(e) => {
          const raw = e.target.value;
          setDraft(raw);
          const problem = props.validate(raw);
          setError(problem);
          if (!problem) props.commit(raw);
        }}
        onBlur={() => {
          if (!error) setDraft(null);
        }}
      />
      {props.help && (
        <span id={`${id}-help`} className="settings-help">
          {props.help}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="settings-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
