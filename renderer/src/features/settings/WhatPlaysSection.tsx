// What will reach the person right now, and with which sound: computed by the same rule the
// notification policy decides by (protocol/notifications.ts), from every setting that weighs in —
// per-priority reach and sound, the sound switch, mutes and quiet hours, the OS's do-not-disturb —
// so the page never promises what the app will not do.
import { useTranslation } from 'react-i18next';
import { PRIORITIES, chimePlays, inQuietHours, reachOf, type Settings } from '../../../../protocol';
import { useAppSelector } from '../../app/store';
import { formatTime } from '../../format';
import { useNow } from '../connection/useNow';
import { Section } from './controls';
import { NAMESPACE as NS } from './i18n';

export function WhatPlaysSection({ settings, browser }: { settings: Settings; browser: boolean }) {
  const { t, i18n } = useTranslation();
  const now = useNow(30_000);
  const dnd = useAppSelector((s) => s.connection.doNotDisturb);
  const role = useAppSelector((s) => s.session.user?.role);
  const prefs = settings.notifications;
  const muted = (prefs.mutedUntil ?? 0) > now;
  const quiet = inQuietHours(prefs, now);
  const ctx = { prefs, soundEnabled: settings.sound.enabled, doNotDisturb: dnd === 'on' };
  const chime = chimePlays(settings, role, now, dnd === 'on');

  const notes: string[] = [];
  if (!settings.sound.enabled) notes.push(t(`${NS}.plays.soundOff`));
  if (dnd === 'on') notes.push(t(`${NS}.plays.dndOn`));
  if (muted) notes.push(t(`${NS}.plays.muted`, { time: formatTime(prefs.mutedUntil as number, i18n.language) }));
  if (quiet) notes.push(t(`${NS}.plays.quiet`, { start: prefs.quietHours.start, end: prefs.quietHours.end }));
  if (browser) notes.push(t(`${NS}.plays.browser`));

  return (
    <Section id="settings-plays" title={t(`${NS}.plays.title`)} help={t(`${NS}.plays.help`)}>
      <ul className="plays-list" data-testid="what-plays">
        {PRIORITIES.map((p) => {
          const { reach, sound } = reachOf(p, ctx, p !== 'critical' && (muted || quiet));
          const where = browser && reach === 'os' ? 'toast' : reach;
          return (
            <li key={p} data-priority={p} data-reach={where} data-sound={sound ? 'on' : 'off'}>
              <span className="priority-dot" data-priority={p} aria-hidden="true" />
              <strong>{t(`${NS}.priority.${p}`)}:</strong> {t(`${NS}.plays.reach.${where}`)}
              {where !== 'history' && <> · {sound ? t(`${NS}.plays.withSound`) : t(`${NS}.plays.silent`)}</>}
              {p === 'critical' && <> · {t(`${NS}.plays.always`)}</>}
            </li>
          );
        })}
        <li data-testid="plays-orders" data-sound={chime ? 'on' : 'off'}>
          <span className="priority-dot" aria-hidden="true" />
          <strong>{t(`${NS}.plays.orders`)}:</strong> {t(`${NS}.plays.ordersText`)} ·{' '}
          {chime ? t(`${NS}.plays.chimeOn`) : t(`${NS}.plays.chimeOff`)}
        </li>
      </ul>
      {notes.map((n) => (
        <p key={n} className="settings-note">
          {n}
        </p>
      ))}
      <p className="settings-help" data-testid="plays-dnd">
        {t(`${NS}.plays.dnd.${dnd}`)}
      </p>
    </Section>
  );
}
