// The desktop app's own options — start at login and keep in the tray where this OS can do them,
// "Sorun bildir", the version; the web console says it has none.
import { useTranslation } from 'react-i18next';
import type { Settings, SettingsPatch } from '../../../../protocol';
import { useAppSelector } from '../../app/store';
import { Check, Section } from './controls';
import { ReportProblem } from './ReportProblem';
import { useDesktopInfo } from './useDesktopInfo';
import { NAMESPACE as NS } from './i18n';

export function DesktopSection(props: {
  startAtLogin: Settings['startAtLogin'];
  keepInTray: Settings['keepInTray'];
  browser: boolean;
  apply: (patch: SettingsPatch) => void;
}) {
  const { t } = useTranslation();
  const sessionPersistent = useAppSelector((s) => s.connection.sessionPersistent);
  const info = useDesktopInfo();
  const can = info?.capabilities;
  const { apply } = props;
  return (
    <Section id="settings-desktop" title={t(`${NS}.desktop.title`)}>
      {props.browser ? (
        <p className="settings-note" data-testid="desktop-only-note">
          {t(`${NS}.desktop.browserNote`)}
        </p>
      ) : (
        <>
          {/* Only what this platform can do (the host says): e.g. no login item in a Linux dev build. */}
          {can?.startAtLogin && (
            <Check
              label={t(`${NS}.desktop.startAtLogin`)}
              help={t(`${NS}.desktop.startAtLoginHelp`)}
              checked={props.startAtLogin}
              onChange={(startAtLogin) => apply({ startAtLogin })}
            />
          )}
          {can && !can.startAtLogin && (
            <p className="settings-note" data-testid="no-autostart-note">
              {t(`${NS}.desktop.noAutostart`)}
            </p>
          )}
          {can?.keepInTray && (
            <Check
              label={t(`${NS}.desktop.keepInTray`)}
              help={t(`${NS}.desktop.keepInTrayHelp`)}
              checked={props.keepInTray}
              onChange={(keepInTray) => apply({ keepInTray })}
            />
          )}
          {sessionPersistent === false && (
            <p className="settings-warning" data-testid="no-keystore-note">
              {t(`${NS}.desktop.noKeystore`)}
            </p>
          )}
          {can?.reportProblem && <ReportProblem />}
          {info?.version && <p className="settings-note">{t(`${NS}.desktop.version`, { version: info.version })}</p>}
        </>
      )}
    </Section>
  );
}
