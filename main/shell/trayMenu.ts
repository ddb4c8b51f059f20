// The tray's menu, as data: a state line, open, mute for an hour or until tomorrow (or unmute),
// "restart and update" once an update is downloaded, "report a problem", quit. Labels in the
// user's language.
import type { MenuItemConstructorOptions } from 'electron';

const L = {
  tr: {
    open: 'MesChain Live’ı aç',
    hour: '1 saat sessiz',
    tomorrow: 'Yarın sabaha kadar sessiz',
    unmute: 'Bildirimleri aç',
    update: 'Yeniden başlat ve güncelle ({{version}})',
    report: 'Sorun bildir…',
    quit: 'Çık',
  },
  en: {
    open: 'Open MesChain Live',
    hour: 'Mute for 1 hour',
    tomorrow: 'Mute until tomorrow',
    unmute: 'Unmute notifications',
    update: 'Restart and update ({{version}})',
    report: 'Report a problem…',
    quit: 'Quit',
  },
};

export interface TrayMenuActions {
  open(): void;
  mute(kind: 'hour' | 'tomorrow'): void;
  unmute(): void;
  quit(): void;
  report(): void;
  installUpdate(): void;
}

export function trayMenuTemplate(
  stateLine: string,
  muted: boolean,
  language: 'tr' | 'en',
  actions: TrayMenuActions,
  /** The downloaded update's version, if one waits for a restart. */
  updateVersion?: string,
): MenuItemConstructorOptions[] {
  const l = L[language];
  return [
    { label: stateLine, enabled: false },
    { type: 'separator' },
    { label: l.open, click: () => actions.open() },
    ...(muted
      ? [{ label: l.unmute, click: () => actions.unmute() }]
      : [
          { label: l.hour, click: () => actions.mute('hour') },
          { label: l.tomorrow, click: () => actions.mute('tomorrow') },
        ]),
    { type: 'separator' },
    ...(updateVersion
      ? [{ label: l.update.replace('{{version}}', updateVersion), click: () => actions.installUpdate() }]
      : []),
    { label: l.report, click: () => actions.report() },
    { label: l.quit, click: () => actions.quit() },
  ];
}
