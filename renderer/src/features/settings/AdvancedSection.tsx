// How often notifications may come: collapsing repeats, the flood limit, repeating a critical one.
import { useTranslation } from 'react-i18next';
import { Section, type PrefsProps } from './controls';
import { DraftField } from './DraftField';
import { NAMESPACE as NS } from './i18n';

export function AdvancedSection(props: PrefsProps) {
  const { t } = useTranslation();
  const { prefs, setPrefs } = props;
  const field = (
    key: 'collapseSeconds' | 'floodPerMinute' | 'repeatCriticalMinutes',
    min: number,
    max: number,
    label: string,
    help: string,
  ) => (
    <DraftField
      label={label}
      help={help}
      type="number"
      min={min}
      max={max}
      value={String(prefs[key])}
      testId={key}
      row
      validate={(raw) => {
        const n = Number(raw);
        return raw.trim() === '' || !Number.isInteger(n) || n < min || n > max
          ? t(`${NS}.advanced.range`, { min, max })
          : undefined;
      }}
      commit={(raw) => setPrefs({ ...prefs, [key]: Number(raw) })}
    />
  );
  return (
    <Section id="settings-advanced" title={t(`${NS}.advanced.title`)}>
      <div className="settings-list">
        {field('collapseSeconds', 0, 3600, t(`${NS}.advanced.collapse`), t(`${NS}.advanced.collapseHelp`))}
        {field('floodPerMinute', 1, 1000, t(`${NS}.advanced.flood`), t(`${NS}.advanced.floodHelp`))}
        {field('repeatCriticalMinutes', 0, 120, t(`${NS}.advanced.repeat`), t(`${NS}.advanced.repeatHelp`))}
      </div>
    </Section>
  );
}
