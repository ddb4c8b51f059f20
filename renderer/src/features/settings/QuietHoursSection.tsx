// Quiet hours: on or off, and from when to when, as 24-hour HH:MM.
import { useTranslation } from 'react-i18next';
import { Check, Section, type PrefsProps } from './controls';
import { DraftField } from './DraftField';
import { NAMESPACE as NS } from './i18n';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function QuietHoursSection(props: PrefsProps) {
  const { t } = useTranslation();
  const { prefs, setPrefs } = props;
  const quiet = prefs.quietHours;
  // Start and end may not be the same time: each is checked against the other.
  const field = (edge: 'start' | 'end', other: 'start' | 'end') => (
    <DraftField
      label={t(`${NS}.quiet.${edge}`)}
      type="time"
      placeholder={t(`${NS}.quiet.format`)}
      value={quiet[edge]}
      validate={(raw) => {
        if (!HHMM.test(raw)) return t(`${NS}.quiet.invalidTime`);
        if (raw === quiet[other]) return t(`${NS}.quiet.sameTime`);
        return undefined;
      }}
      commit={(time) => setPrefs({ ...prefs, quietHours: { ...quiet, [edge]: time } })}
      testId={`quiet-${edge}`}
    />
  );
  return (
    <Section id="settings-quiet" title={t(`${NS}.quiet.title`)} help={t(`${NS}.quiet.help`)}>
      <Check
        label={t(`${NS}.quiet.enabled`)}
        checked={quiet.enabled}
        onChange={(enabled) => setPrefs({ ...prefs, quietHours: { ...quiet, enabled } })}
      />
      <div className="settings-row">
        {field('start', 'end')}
        {field('end', 'start')}
      </div>
    </Section>
  );
}
