// Language and theme of the console.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings, SettingsPatch } from '../../../../protocol';
import { Section, Segmented } from './controls';
import { NAMESPACE as NS } from './i18n';

export function AppearanceSection(props: {
  language: Settings['language'];
  theme: Settings['theme'];
  apply: (patch: SettingsPatch) => void;
}) {
  const { t } = useTranslation();
  const { apply } = props;
  const themeHelpId = useId();
  return (
    <Section id="settings-appearance" title={t(`${NS}.appearance.title`)}>
      <Segmented
        name="language"
        legend={t(`${NS}.appearance.language`)}
        value={props.language}
        options={[
          { value: 'tr', label: 'Türkçe' },
          { value: 'en', label: 'English' },
        ]}
        onChange={(language) => apply({ language })}
      />
      <Segmented
        name="theme"
        legend={t(`${NS}.appearance.theme`)}
        value={props.theme}
        options={(['light', 'dark', 'system'] as const).map((v) => ({
          value: v,
          label: t(`${NS}.appearance.themeOption.${v}`),
        }))}
        onChange={(theme) => apply({ theme })}
        describedBy={themeHelpId}
      />
      <p id={themeHelpId} className="settings-help">
        {t(`${NS}.appearance.themeHelp`)}
      </p>
    </Section>
  );
}
