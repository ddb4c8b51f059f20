// The channels whose notifications are muted, from those the person's role may see.
import { useTranslation } from 'react-i18next';
import { ROLE_CHANNELS } from '../../../../protocol';
import { useAppSelector } from '../../app/store';
import { Check, Section, type PrefsProps } from './controls';
import { NAMESPACE as NS } from './i18n';

export function ChannelsSection(props: PrefsProps) {
  const { t } = useTranslation();
  const role = useAppSelector((s) => s.session.user?.role ?? 'warehouse');
  const { prefs, setPrefs } = props;
  const titleId = 'settings-channels-title';
  const toggle = (channel: string, muted: boolean) =>
    setPrefs({
      ...prefs,
      mutedChannels: muted
        ? [...prefs.mutedChannels.filter((c) => c !== channel), channel]
        : prefs.mutedChannels.filter((c) => c !== channel),
    });
  return (
    <Section id="settings-channels" title={t(`${NS}.channels.title`)} help={t(`${NS}.channels.help`)}>
      <div className="channel-grid" role="group" aria-labelledby={titleId}>
        {ROLE_CHANNELS[role].map((c) => (
          <Check
            key={c}
            label={t(`${NS}.channels.name.${c}`)}
            checked={prefs.mutedChannels.includes(c)}
            onChange={(muted) => toggle(c, muted)}
          />
        ))}
      </div>
    </Section>
  );
}
