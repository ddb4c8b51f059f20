// Main's dialogs in the user's language (Turkish first). The tray menu and OS notifications keep
// theirs beside them; these are the failure, update and report dialogs.
export const DIALOG_TEXTS = {
  tr: {
    crashedTitle: 'MesChain Live sorun yaşıyor',
    crashed: 'Konsol penceresi son dakikalarda {{count}} kez çöktü.',
    crashedDetail:
      'Bağlantı ve bekleyen işlemler korunuyor. Pencereyi yeniden yükleyebilir ya da destek için bir sorun raporu kaydedebilirsiniz.',
    hungTitle: 'Konsol yanıt vermiyor',
    hung: 'Konsol penceresi bir süredir yanıt vermiyor.',
    hungDetail: 'Biraz bekleyebilir ya da pencereyi yeniden yükleyebilirsiniz.',
    mainErrorTitle: 'Beklenmeyen bir hata oluştu',
    mainError: 'MesChain Live beklenmeyen bir hatayla karşılaştı; ayrıntılar günlüğe yazıldı.',
    mainErrorDetail: 'Çalışmaya devam edebilir ya da uygulamayı yeniden başlatabilirsiniz. Bekleyen işlemler korunur.',
    reload: 'Yeniden yükle',
    wait: 'Bekle',
    report: 'Sorun bildir',
    quit: 'Çık',
    restart: 'Yeniden başlat',
    continue: 'Devam et',
    reportSaveTitle: 'Sorun raporunu kaydet',
    exportSaveTitle: 'Dışa aktarılan listeyi kaydet',
    reportSaved: 'Sorun raporu kaydedildi',
    reportSavedDetail:
      'Dosya: {{file}}\nBu dosyayı destek ekibine gönderin. Günlükleri, sürümleri ve ayarları içerir; şifre veya oturum anahtarı içermez.',
  },
  en: {
    crashedTitle: 'MesChain Live is having trouble',
    crashed: 'The console window crashed {{count}} times in the last few minutes.',
    crashedDetail:
      'The connection and pending actions are kept. You can reload the window, or save a problem report for support.',
    hungTitle: 'The console is not responding',
    hung: 'The console window has not responded for a while.',
    hungDetail: 'You can wait a little longer or reload the window.',
    mainErrorTitle: 'An unexpected error occurred',
    mainError: 'MesChain Live ran into an unexpected error; the details were written to the log.',
    mainErrorDetail: 'You can carry on or restart the app. Pending actions are kept.',
    reload: 'Reload',
    wait: 'Wait',
    report: 'Report a problem',
    quit: 'Quit',
    restart: 'Restart',
    continue: 'Continue',
    reportSaveTitle: 'Save the problem report',
    exportSaveTitle: 'Save the exported list',
    reportSaved: 'Problem report saved',
    reportSavedDetail:
      'File: {{file}}\nSend this file to support. It holds logs, versions and settings; no password or session token.',
  },
} as const;

export type DialogKey = keyof (typeof DIALOG_TEXTS)['tr'];

/** The text in `language`, with {{name}} placeholders filled in. */
export function dialogText(
  language: 'tr' | 'en',
  key: DialogKey,
  values: Record<string, string | number> = {},
): string {
  return DIALOG_TEXTS[language][key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}
