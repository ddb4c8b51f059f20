import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import * as admin from '../features/admin/i18n';
import * as alerts from '../features/alerts/i18n';
import * as connection from '../features/connection/i18n';
import * as dashboard from '../features/dashboard/i18n';
import * as orders from '../features/orders/i18n';
import * as prices from '../features/prices/i18n';
import * as proxyAuth from '../features/proxy/i18n';
import * as session from '../features/session/i18n';
import * as settings from '../features/settings/i18n';
import * as stock from '../features/stock/i18n';
import * as system from '../features/system/i18n';
import * as toasts from '../features/toasts/i18n';
import * as update from '../features/update/i18n';
import * as screenError from '../ui/screenError.i18n';
import { en } from './en';
import { tr } from './tr';

export type Language = 'tr' | 'en';

/** Each screen keeps its texts beside it, under its own namespace key of the one resource. */
export const FEATURES = [
  admin,
  alerts,
  connection,
  dashboard,
  orders,
  prices,
  session,
  settings,
  stock,
  system,
  toasts,
  screenError,
  update,
  proxyAuth,
];

export const resources = {
  tr: { translation: { ...tr, ...Object.fromEntries(FEATURES.map((f) => [f.NAMESPACE, f.tr])) } },
  en: { translation: { ...en, ...Object.fromEntries(FEATURES.map((f) => [f.NAMESPACE, f.en])) } },
};

export function initI18n(language: Language = 'tr') {
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'tr',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
