// A notification command of the core's policy, as Electron Notification options for each OS.
// Silent while the console's window exists (sounds play there, the same on every OS); with no
// window the OS plays its own sound for what the policy made audible.
import type { NotificationConstructorOptions } from 'electron';
import { notificationText, type NotificationAbout, type NotificationCommand } from '../../protocol';

type Show = Extract<NotificationCommand, { op: 'show' }>;

const ACK_LABEL = { tr: 'Onayla', en: 'Acknowledge' };
const SUMMARY = {
  tr: (n: number) => ({ title: 'MesChain Live', body: `Son bir dakikada ${n} bildirim daha — uygulamada görün` }),
  en: (n: number) => ({ title: 'MesChain Live', body: `${n} more notifications in the last minute — see the app` }),
};
const BACKLOG = {
  tr: (n: number) => ({ title: `${n} kritik uyarı açık`, body: 'Siz yokken geldi — uygulamada görün' }),
  en: (n: number) => ({
    title: n === 1 ? '1 open critical alert' : `${n} open critical alerts`,
    body: 'Arrived while you were away — see the app',
  }),
};

/** Title and body of an alert's notification, from its data in the reader's language. */
function notificationWords(
  about: NotificationAbout,
  count: number,
  language: 'tr' | 'en',
  now: number,
): { title: string; body: string } {
  const text = notificationText(about, language, now);
  return { title: text.title, body: count > 1 ? `${text.body} (×${count})` : text.body };
}

export function notificationOptions(
  cmd: Show,
  platform: NodeJS.Platform,
  language: 'tr' | 'en',
  now: number,
  /** No window to play the sound in (closed on macOS): the OS plays its own, where the policy asked. */
  osSound = false,
  iconPath?: string,
): NotificationConstructorOptions {
  return {
    ...notificationWords(cmd.about, cmd.count, language, now),
    silent: !(osSound && cmd.sound),
    ...(iconPath ? { icon: iconPath } : {}),
    // Critical stays until dismissed where the OS lets an app ask for it.
    ...(cmd.sticky ? { timeoutType: 'never' as const } : {}),
    ...(platform === 'linux'
      ? {
          urgency:
            cmd.priority === 'critical'
              ? ('critical' as const)
              : cmd.priority === 'high'
                ? ('normal' as const)
                : ('low' as const),
        }
      : {}),
    // macOS shows action buttons; an alert can be acknowledged from the notification.
    ...(platform === 'darwin' && cmd.alertKey
      ? { actions: [{ type: 'button' as const, text: ACK_LABEL[language] }] }
      : {}),
  };
}

export function summaryOptions(count: number, language: 'tr' | 'en'): NotificationConstructorOptions {
  return { ...SUMMARY[language](count), silent: true };
}

/** The open criticals that arrived while the app was away, said once; it stays until dismissed. */
export function backlogOptions(
  critical: number,
  language: 'tr' | 'en',
  osSound = false,
): NotificationConstructorOptions {
  return { ...BACKLOG[language](critical), silent: !osSound, timeoutType: 'never' };
}
