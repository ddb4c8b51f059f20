import { useTranslation } from 'react-i18next';
import { updateSettings } from '../features/settings/settingsSlice';
import { useAppDispatch, useAppSelector } from './store';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const language = useAppSelector((s) => s.settings.language);
  return (
    <label className="language-switch">
      <span className="sr-only">{t('app.language')}</span>
      <select
        value={language}
        onChange={(e) => void dispatch(updateSettings({ language: e.target.value as 'tr' | 'en' }))}
      >
        <option value="tr">Türkçe</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}
