// Per priority: where a notification reaches the person and whether it sounds; mute for an hour.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, type NotificationPrefs, type Priority, type Reach } from '../../../../protocol';
import { formatTime } from '../../format';
import { useNow } from '../connection/useNow';
import { Section, type PrefsProps } from './controls';
import { NAMESPACE as NS } from './i18n';

const REACHES: readonly Reach[] = ['os', 'toast', 'history'];

export function NotificationsSection(props: PrefsProps & { browser: boolean }) {
  const { t, i18n } = useTranslation();
  const { prefs, setPrefs } = props;
  const lockedId = useId();
  const now = useNow(30_000);
  const mutedUntil = prefs.mutedUntil !== undefined && prefs.mutedUntil > now ? prefs.mutedUntil : undefined;
  const setPriority = (p: Priority, change: Partial<NotificationPrefs['priorities'][Priority]>) =>
    setPrefs({ ...prefs, priorities: { ...prefs.priorities, [p]: { ...prefs.priorities[p], ...change } } });
  const { mutedUntil: _omit, ...withoutMute } = prefs;
  return (
    <Section
      id="settings-notifications"
      title={t(`${NS}.notifications.title`)}
      help={
        <>
          {t(`${NS}.notifications.help`)}
          {props.browser && <> {t(`${NS}.notifications.browserNote`)}</>}
        </>
      }
    >
      <div className="priority-table">
        <div className="priority-head" aria-hidden="true">
          <span />
          <span>{t(`${NS}.notifications.reach`)}</span>
          <span>{t(`${NS}.notifications.sound`)}</span>
        </div>
        {PRIORITIES.map((p) => {
          const critical = p === 'critical';
          // The policy gives critical OS reach and sound whatever is stored: show what happens.
          const setting = critical ? { reach: 'os' as Reach, sound: true } : prefs.priorities[p];
          return (
            <fieldset
              key={p}
              className="priority-row"
              data-priority={p}
              disabled={critical}
              aria-describedby={critical ? lockedId : undefined}
            >
              <legend className="priority-name">
                <span className="priority-dot" data-priority={p} aria-hidden="true" />
                {t(`${NS}.priority.${p}`)}
              </legend>
              <div className="segmented" role="radiogroup" aria-label={t(`${NS}.notifications.reach`)}>
                {REACHES.map((r) => (
                  <label key={r} className="segment">
                    <input
                      type="radio"
                      name={`reach-${p}`}
                      value={r}
                      checked={setting.reach === r}
                      onChange={() => setPriority(p, { reach: r })}
                    />
                    <span>{t(`${NS}.notifications.reachOption.${r}`)}</span>
                  </label>
                ))}
              </div>
              <label className="priority-sound">
                <input
                  type="checkbox"
                  // The host plays no sound for low priority: say so rather than offer a switch that does nothing.
                  checked={p === 'low' ? false : setting.sound}
                  disabled={p === 'low' || undefined}
                  aria-label={t(`${NS}.notifications.soundFor`, { priority: t(`${NS}.priority.${p}`) })}
                  onChange={(e) => setPriority(p, { sound: e.target.checked })}
                />
                <span aria-hidden="true">{t(`${NS}.notifications.sound`)}</span>
              </label>
            </fieldset>
          );
        })}
      </div>
      <p id={lockedId} className="settings-help">
        {t(`${NS}.notifications.criticalLocked`)}
      </p>
      <div className="settings-inline">
        {mutedUntil !== undefined ? (
          <>
            <span className="settings-note" data-testid="muted-until">
              {t(`${NS}.notifications.mutedUntil`, { time: formatTime(mutedUntil, i18n.language) })}
            </span>
            <button type="button" className="settings-button" onClick={() => setPrefs(withoutMute)}>
              {t(`${NS}.notifications.unmute`)}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="settings-button"
            onClick={() => setPrefs({ ...prefs, mutedUntil: Date.now() + 3_600_000 })}
          >
            {t(`${NS}.notifications.muteHour`)}
          </button>
        )}
      </div>
    </Section>
  );
}
