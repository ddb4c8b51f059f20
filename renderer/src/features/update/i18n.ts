// Texts of the update banner, Turkish first; the English must have the same keys.
export const tr = {
  ready: 'MesChain Live {{version}} indirildi.',
  waiting: 'Bekleyen {{count}} işlem gönderilince uygulama yeniden başlatılıp güncellenecek.',
  restart: 'Yeniden başlat ve güncelle',
  notes: 'Yenilikler',
};

export const en: typeof tr = {
  ready: 'MesChain Live {{version}} has been downloaded.',
  waiting: 'The app will restart and update once the {{count}} pending actions are sent.',
  restart: 'Restart and update',
  notes: 'What’s new',
};

export const NAMESPACE = 'updateBanner';
