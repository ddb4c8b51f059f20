// A notification command of the core's policy, as Electron Notification options for each OS.
// The toast is silent everywhere: sounds play in the renderer, so they are the same on every OS.
import type { NotificationConstructorOptions } from 'electron';
import type { NotificationCommand } from '../../protocol';

type Show = Extract<NotificationCommand, { op: 'show' }>;

const ACK_LABEL = { tr: 'Onayla', en: 'Acknowledge' };
const SUMMARY = {
  tr: (n: number) => ({ title: 'MesChain Live', body: `${n} bildirim daha — uygulamada görün` }),
  en: (n: number) => ({ title: 'MesChain Live', body: `${n} more notifications — see the app` }),
};

export function notificationOptions(
  cmd: Show,
  platform: NodeJS.Platform,
  language: 'tr' | 'en',
  iconPath?: string,
): NotificationConstructorOptions {
  const body = cmd.count > 1 ? `${cmd.body} (×${cmd.count})` : cmd.body;
  return {
    title: cmd.title,
    body,
    silent: true,
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
