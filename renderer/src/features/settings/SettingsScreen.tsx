// The settings screen: notifications per priority, muted channels, quiet hours, sound, how often
// notifications may come, language and theme, and the desktop app's own options. Every change
// applies at once through the bridge; the screen says when it is saved, and refuses (saying why)
// a value the settings cannot hold.
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PRIORITIES,
  ROLE_CHANNELS,
  SettingsPatch,
  type NotificationPrefs,
  type Priority,
  type Reach,
  type Settings,
} from '../../../../protocol';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { isBrowserHost } from '../../bridge';
import { formatTime } from '../../format';
import { playSound } from '../../sound';
import { useNow } from '../connection/useNow';
import { updateSettings } from './settingsSlice';
import '../../ui/ui.css';
import './settings.css';

const NS = 'settingsView';
const REACHES: readonly Reach[] = ['os', 'toast', 'history'];
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** The volume is stored this long after the slider stops moving (not on every step of a drag). */
export const VOLUME_COMMIT_MS = 250;
/** "Kaydedildi" stays this long. */
const SAVED_VISIBLE_MS = 4000;

type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

/** Sends a patch to the host; keeps what the person should know about it (saving, saved, refused). */
function useSave() {
  const dispatch = useAppDispatch();
  const { t } = useTranslation();
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const seq = useRef(0);

  useEffect(() => {
    if (status.kind !== 'saved') return;
    const timer = window.setTimeout(() => setStatus({ kind: 'idle' }), SAVED_VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, [status]);

  const apply = useCallback(
    async (patch: SettingsPatch): Promise<boolean> => {
      const n = ++seq.current;
      const checked = SettingsPatch.safeParse(patch);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        setStatus({
          kind: 'error',
          message: t(`${NS}.status.refused`, { message: `${issue?.path.join('.')}: ${issue?.message}` }),
        });
        return false;
      }
      setStatus({ kind: 'saving' });
      const result = await dispatch(updateSettings(checked.data));
      const ok = updateSettings.fulfilled.match(result);
      if (n !== seq.current) return ok;
      if (ok) setStatus({ kind: 'saved' });
      else {
        const error = result.payload?.error;
        const message = error?.message ?? result.error.message ?? '';
        setStatus({
          kind: 'error',
          message: t(error?.code === 'validation_failed' ? `${NS}.status.refused` : `${NS}.status.failed`, { message }),
        });
      }
      return ok;
    },
    [dispatch, t],
  );
  return { status, apply };
}

function Section(props: { id: string; title: string; help?: ReactNode; children: ReactNode }) {
  return (
    <section className="settings-section" aria-labelledby={`${props.id}-title`} data-section={props.id}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.help && <p className="settings-help">{props.help}</p>}
      {props.children}
    </section>
  );
}

function Check(props: {
  label: string;
  help?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="settings-check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.help ? `${id}-help` : undefined}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.help && (
        <span id={`${id}-help`} className="settings-help settings-check-help">
          {props.help}
        </span>
      )}
    </div>
  );
}

/** Radio buttons drawn as one segmented control; arrow keys move between them. */
function Segmented<V extends string>(props: {
  name: string;
  legend: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  disabled?: boolean;
  describedBy?: string;
}) {
  return (
    <fieldset className="segmented-field" disabled={props.disabled} aria-describedby={props.describedBy}>
      <legend>{props.legend}</legend>
      <div className="segmented">
        {props.options.map((o) => (
          <label key={o.value} className="segment">
            <input
              type="radio"
              name={props.name}
              value={o.value}
              checked={props.value === o.value}
              onChange={() => props.onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * An input whose text may be invalid for a while (a time being typed, a number out of range): the
 * text stays as typed, the message says what is wrong, and only a valid value is stored.
 */
function DraftField(props: {
  label: string;
  help?: string;
  type: 'time' | 'number';
  value: string;
  validate: (raw: string) => string | undefined;
  commit: (raw: string) => void;
  min?: number;
  max?: number;
  placeholder?: string;
  testId?: string;
  /** Label and help on the left, the input on the right. */
  row?: boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const describedBy = [error ? `${id}-error` : undefined, props.help ? `${id}-help` : undefined]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={props.row ? 'settings-field settings-field-row' : 'settings-field'}>
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        // A time is a 24-hour text field: Chromium's time picker follows the browser's locale
        // (12-hour in en-US), not the app's language, and Turkey and en-GB both write 22:00.
        type={props.type === 'time' ? 'text' : props.type}
        value={draft ?? props.value}
        min={props.min}
        max={props.max}
        step={props.type === 'number' ? 1 : undefined}
        inputMode="numeric"
        maxLength={props.type === 'time' ? 5 : undefined}
        placeholder={props.placeholder}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        data-testid={props.testId}
        onChange={(e) => {
          const raw = e.target.value;
          setDraft(raw);
          const problem = props.validate(raw);
          setError(problem);
          if (!problem) props.commit(raw);
        }}
        onBlur={() => {
          if (!error) setDraft(null);
        }}
      />
      {props.help && (
        <span id={`${id}-help`} className="settings-help">
          {props.help}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="settings-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function SaveIndicator({ status }: { status: SaveStatus }) {
  const { t } = useTranslation();
  return (
    <div className="settings-save" data-kind={status.kind} data-testid="settings-save-status">
      <span role="status" aria-live="polite">
        {status.kind === 'saving' && t(`${NS}.status.saving`)}
        {status.kind === 'saved' && (
          <>
            <span className="settings-save-mark" aria-hidden="true">
              ✓
            </span>{' '}
            {t(`${NS}.status.saved`)}
          </>
        )}
      </span>
      {status.kind === 'error' && (
        <span role="alert" className="settings-error">
          {status.message}
        </span>
      )}
    </div>
  );
}

function NotificationsSection(props: {
  prefs: NotificationPrefs;
  setPrefs: (next: NotificationPrefs) => void;
  browser: boolean;
}) {
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

function ChannelsSection(props: { prefs: NotificationPrefs; setPrefs: (next: NotificationPrefs) => void }) {
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

function QuietHoursSection(props: { prefs: NotificationPrefs; setPrefs: (next: NotificationPrefs) => void }) {
  const { t } = useTranslation();
  const { prefs, setPrefs } = props;
  const quiet = prefs.quietHours;
  const validate = (other: string) => (raw: string) => {
    if (!HHMM.test(raw)) return t(`${NS}.quiet.invalidTime`);
    if (raw === other) return t(`${NS}.quiet.sameTime`);
    return undefined;
  };
  return (
    <Section id="settings-quiet" title={t(`${NS}.quiet.title`)} help={t(`${NS}.quiet.help`)}>
      <Check
        label={t(`${NS}.quiet.enabled`)}
        checked={quiet.enabled}
        onChange={(enabled) => setPrefs({ ...prefs, quietHours: { ...quiet, enabled } })}
      />
      <div className="settings-row">
        <DraftField
          label={t(`${NS}.quiet.start`)}
          type="time"
          placeholder={t(`${NS}.quiet.format`)}
          value={quiet.start}
          validate={validate(quiet.end)}
          commit={(start) => setPrefs({ ...prefs, quietHours: { ...quiet, start } })}
          testId="quiet-start"
        />
        <DraftField
          label={t(`${NS}.quiet.end`)}
          type="time"
          placeholder={t(`${NS}.quiet.format`)}
          value={quiet.end}
          validate={validate(quiet.start)}
          commit={(end) => setPrefs({ ...prefs, quietHours: { ...quiet, end } })}
          testId="quiet-end"
        />
      </div>
    </Section>
  );
}

function SoundSection(props: { sound: Settings['sound']; apply: (patch: SettingsPatch) => void }) {
  const { t } = useTranslation();
  const { sound, apply } = props;
  const [draft, setDraft] = useState<number | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const volumeId = useId();
  const volume = draft ?? sound.volume;
  const percent = Math.round(volume * 100);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const commitVolume = (v: number) => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    setDraft(null);
    if (v !== sound.volume) apply({ sound: { ...sound, volume: v } });
  };

  return (
    <Section id="settings-sound" title={t(`${NS}.sound.title`)}>
      <Check
        label={t(`${NS}.sound.enabled`)}
        checked={sound.enabled}
        onChange={(enabled) => apply({ sound: { ...sound, enabled } })}
      />
      <div className="settings-volume">
        <label htmlFor={volumeId}>{t(`${NS}.sound.volume`)}</label>
        <input
          id={volumeId}
          type="range"
          min={0}
          max={100}
          step={5}
          value={percent}
          aria-valuetext={t(`${NS}.sound.volumeValue`, { percent })}
          onChange={(e) => {
            const v = Number(e.target.value) / 100;
            setDraft(v);
            window.clearTimeout(timer.current);
            timer.current = window.setTimeout(() => commitVolume(v), VOLUME_COMMIT_MS);
          }}
          onPointerUp={() => draft !== null && commitVolume(draft)}
          onBlur={() => draft !== null && commitVolume(draft)}
        />
        <output htmlFor={volumeId} className="settings-volume-value">
          {t(`${NS}.sound.volumeValue`, { percent })}
        </output>
        <button
          type="button"
          className="settings-button"
          onClick={() => playSound({ sound: 'high', volume })}
          data-testid="sound-test"
        >
          <span aria-hidden="true">▶ </span>
          {t(`${NS}.sound.test`)}
        </button>
      </div>
      {!sound.enabled && <p className="settings-note">{t(`${NS}.sound.off`)}</p>}
    </Section>
  );
}

function AdvancedSection(props: { prefs: NotificationPrefs; setPrefs: (next: NotificationPrefs) => void }) {
  const { t } = useTranslation();
  const { prefs, setPrefs } = props;
  const field = (
    key: 'collapseSeconds' | 'floodPerMinute' | 'repeatCriticalMinutes',
    min: number,
    max: number,
    label: string,
    help: string,
  ) => (
    <DraftField
      label={label}
      help={help}
      type="number"
      min={min}
      max={max}
      value={String(prefs[key])}
      testId={key}
      row
      validate={(raw) => {
        const n = Number(raw);
        return raw.trim() === '' || !Number.isInteger(n) || n < min || n > max
          ? t(`${NS}.advanced.range`, { min, max })
          : undefined;
      }}
      commit={(raw) => setPrefs({ ...prefs, [key]: Number(raw) })}
    />
  );
  return (
    <Section id="settings-advanced" title={t(`${NS}.advanced.title`)}>
      <div className="settings-list">
        {field('collapseSeconds', 0, 3600, t(`${NS}.advanced.collapse`), t(`${NS}.advanced.collapseHelp`))}
        {field('floodPerMinute', 1, 1000, t(`${NS}.advanced.flood`), t(`${NS}.advanced.floodHelp`))}
        {field('repeatCriticalMinutes', 0, 120, t(`${NS}.advanced.repeat`), t(`${NS}.advanced.repeatHelp`))}
      </div>
    </Section>
  );
}

export function SettingsScreen() {
  const { t } = useTranslation();
  const settings = useAppSelector((s) => s.settings);
  const sessionPersistent = useAppSelector((s) => s.connection.sessionPersistent);
  const { status, apply } = useSave();
  const browser = isBrowserHost();
  const setPrefs = (notifications: NotificationPrefs) => void apply({ notifications });
  const themeHelpId = useId();

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
        <NotificationsSection prefs={settings.notifications} setPrefs={setPrefs} browser={browser} />
        <ChannelsSection prefs={settings.notifications} setPrefs={setPrefs} />
        <QuietHoursSection prefs={settings.notifications} setPrefs={setPrefs} />
        <AdvancedSection prefs={settings.notifications} setPrefs={setPrefs} />
        <Section id="settings-appearance" title={t(`${NS}.appearance.title`)}>
          <Segmented
            name="language"
            legend={t(`${NS}.appearance.language`)}
            value={settings.language}
            options={[
              { value: 'tr', label: 'Türkçe' },
              { value: 'en', label: 'English' },
            ]}
            onChange={(language) => void apply({ language })}
          />
          <Segmented
            name="theme"
            legend={t(`${NS}.appearance.theme`)}
            value={settings.theme}
            options={(['light', 'dark', 'system'] as const).map((v) => ({
              value: v,
              label: t(`${NS}.appearance.themeOption.${v}`),
            }))}
            onChange={(theme) => void apply({ theme })}
            describedBy={themeHelpId}
          />
          <p id={themeHelpId} className="settings-help">
            {t(`${NS}.appearance.themeHelp`)}
          </p>
        </Section>
        <SoundSection sound={settings.sound} apply={(patch) => void apply(patch)} />
        <Section id="settings-desktop" title={t(`${NS}.desktop.title`)}>
          {browser ? (
            <p className="settings-note" data-testid="desktop-only-note">
              {t(`${NS}.desktop.browserNote`)}
            </p>
          ) : (
            <>
              <Check
                label={t(`${NS}.desktop.startAtLogin`)}
                help={t(`${NS}.desktop.startAtLoginHelp`)}
                checked={settings.startAtLogin}
                onChange={(startAtLogin) => void apply({ startAtLogin })}
              />
              <Check
                label={t(`${NS}.desktop.keepInTray`)}
                help={t(`${NS}.desktop.keepInTrayHelp`)}
                checked={settings.keepInTray}
                onChange={(keepInTray) => void apply({ keepInTray })}
              />
              {sessionPersistent === false && (
                <p className="settings-warning" data-testid="no-keystore-note">
                  {t(`${NS}.desktop.noKeystore`)}
                </p>
              )}
            </>
          )}
        </Section>
      </div>
    </section>
  );
}
