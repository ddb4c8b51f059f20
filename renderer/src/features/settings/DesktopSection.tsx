// The desktop app's own options (start at login, keep in the tray); the web console says it has none.
import { useTranslation } from 'react-i18next';
import type { Settings, SettingsPatch } from '../../../../protocol';
import { useAppSelector } from '../../app/store';
import { Check, Section } from './controls';
import { NAMESPACE as NS } from './i18n';

export function DesktopSection(props: {
  startAtLogin: Settings['startAtLogin'];
  keepInTray: Settings['keepInTray'];
  browser: boolean;
  apply: (patch: SettingsPatch) => void;
}) {
  const { t } = useTranslation();
  const sessionPersistent = useAppSelector((s) => s.connection.sessionPersistent);
  const { apply } = props;
  return (
    <Section id="settings-desktop" title={t(`${NS}.desktop.title`)}>
      {props.browser ? (
        <p className="settings-note" data-testid="desktop-only-note">
          {t(`${NS}.desktop.browserNote`)}
        </p>
      ) : (
        <>
          <Check
            label={t(`${NS}.desktop.startAtLogin`)}
            help={t(`${NS}.desktop.startAtLoginHelp`)}
            checked={props.startAtLogin}
            onChange={(startAtLogin) => apply({ startAtLogin })}
          />
          <Check
            label={t(`${NS}.desktop.keepInTray`)}
            help={t(`${NS}.desktop.keepInTrayHelp`)}
            checked={props.keepInTray}
            onChange={(keepInTray) => apply({ keepInTray })}
          />
          {sessionPersistent === false && (
            <p className="settings-warning" data-testid="no-keystore-note">
              {t(`${NS}.desktop.noKeystore`)}
            </p>
          )}
        </>
      )}
    </Section>
  );
}
