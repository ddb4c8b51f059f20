// The settings screen: notifications per priority, muted channels, quiet hours, sound, how often
// notifications may come, language and theme, and the desktop app's own options. Every change
// applies at once through the bridge; the screen says when it is saved, and refuses (saying why)
// a value the settings cannot hold.
import { useTranslation } from 'react-i18next';
import type { NotificationPrefs, SettingsPatch } from '../../../../protocol';
import { useAppSelector } from '../../app/store';
import { isBrowserHost } from '../../bridge';
import { AdvancedSection } from './AdvancedSection';
import { AppearanceSection } from './AppearanceSection';
import { ChannelsSection } from './ChannelsSection';
import { DesktopSection } from './DesktopSection';
import { NAMESPACE as NS } from './i18n';
import { NotificationsSection } from './NotificationsSection';
import { QuietHoursSection } from './QuietHoursSection';
import { SaveIndicator } from './SaveIndicator';
import { SoundSection } from './SoundSection';
import { WhatPlaysSection } from './WhatPlaysSection';
import { useSave } from './useSave';
import '../../ui/ui.css';
import './settings.css';

export function SettingsScreen() {
  const { t } = useTranslation();
  const settings = useAppSelector((s) => s.settings);
  const { status, apply } = useSave();
  const browser = isBrowserHost();
  const setPrefs = (notifications: NotificationPrefs) => void apply({ notifications });
  const applyPatch = (patch: SettingsPatch) => void apply(patch);

  return (
    <section className="screen settings-screen" aria-labelledby="screen-title">
      <div className="settings-header">
        <div>
          <h1 id="screen-title">{t('nav.settings')}</h1>
          <p className="settings-help">{t(`${NS}.intro`)}</p>
        </div>
        <SaveIndicator status={status} />
      </div>

      <div className="settings-layout">
        <WhatPlaysSection settings={settings} browser={browser} />
        <NotificationsSection prefs={settings.notifications} setPrefs={setPrefs} browser={browser} />
        <ChannelsSection prefs={settings.notifications} setPrefs={setPrefs} />
        <QuietHoursSection prefs={settings.notifications} setPrefs={setPrefs} />
        <AdvancedSection prefs={settings.notifications} setPrefs={setPrefs} />
        <AppearanceSection language={settings.language} theme={settings.theme} apply={applyPatch} />
        <SoundSection sound={settings.sound} newOrderChime={settings.newOrderChime} apply={applyPatch} />
        <DesktopSection
          startAtLogin={settings.startAtLogin}
          keepInTray={settings.keepInTray}
          browser={browser}
          apply={applyPatch}
        />
      </div>
    </section>
  );
}
