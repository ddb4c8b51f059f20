// Sound on or off, its volume (stored once the slider rests) and a button to hear it.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings, SettingsPatch } from '../../../../protocol';
import { playSound } from '../../sound';
import { Check, Section, Segmented } from './controls';
import { NAMESPACE as NS } from './i18n';

/** The volume is stored this long after the slider stops moving (not on every step of a drag). */
export const VOLUME_COMMIT_MS = 250;

const CHIME: readonly Settings['newOrderChime'][] = ['auto', 'on', 'off'];

export function SoundSection(props: {
  sound: Settings['sound'];
  newOrderChime: Settings['newOrderChime'];
  apply: (patch: SettingsPatch) => void;
}) {
  const { t } = useTranslation();
  const { sound, apply } = props;
  const chimeHelpId = useId();
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
      <Segmented
        name="new-order-chime"
        legend={t(`${NS}.sound.chime`)}
        value={props.newOrderChime}
        options={CHIME.map((v) => ({ value: v, label: t(`${NS}.sound.chimeOption.${v}`) }))}
        onChange={(newOrderChime) => apply({ newOrderChime })}
        describedBy={chimeHelpId}
      />
      <p id={chimeHelpId} className="settings-help">
        {t(`${NS}.sound.chimeHelp`)}
      </p>
    </Section>
  );
}
