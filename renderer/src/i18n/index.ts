import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { tr } from './tr';

export type Language = 'tr' | 'en';

export function initI18n(language: Language = 'tr') {
  void i18next.use(initReactI18next).init({
    resources: { tr: { translation: tr }, en: { translation: en } },
    lng: language,
    fallbackLng: 'tr',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
