// The settings screen's building blocks: a titled section, a checkbox with its help, and a set of
// radio buttons drawn as one segmented control.
import { useId, type ReactNode } from 'react';
import type { NotificationPrefs } from '../../../../protocol';

/** What a section of the notification preferences gets: the stored value and how to change it. */
export type PrefsProps = { prefs: NotificationPrefs; setPrefs: (next: NotificationPrefs) => void };

export function Section(props: { id: string; title: string; help?: ReactNode; children: ReactNode }) {
  return (
    <section className="settings-section" aria-labelledby={`${props.id}-title`} data-section={props.id}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.help && <p className="settings-help">{props.help}</p>}
      {props.children}
    </section>
  );
}

export function Check(props: {
  label: string;
  help?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="settings-check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.help ? `${id}-help` : undefined}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.help && (
        <span id={`${id}-help`} className="settings-help settings-check-help">
          {props.help}
        </span>
      )}
    </div>
  );
}

/** Radio buttons drawn as one segmented control; arrow keys move between them. */
export function Segmented<V extends string>(props: {
  name: string;
  legend: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  disabled?: boolean;
  describedBy?: string;
}) {
  return (
    <fieldset className="segmented-field" disabled={props.disabled} aria-describedby={props.describedBy}>
      <legend>{props.legend}</legend>
      <div className="segmented">
        {props.options.map((o) => (
          <label key={o.value} className="segment">
            <input
              type="radio"
              name={props.name}
              value={o.value}
              checked={props.value === o.value}
              onChange={() => props.onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
