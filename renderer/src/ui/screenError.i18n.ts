// Texts of the screen error boundary, Turkish first; the English must have the same keys.
export const tr = {
  title: 'Bu ekran bir hatayla karşılaştı',
  body: 'Diğer ekranlar ve bağlantı çalışmaya devam ediyor; bekleyen işlemleriniz korunuyor. Ekranı yeniden yükleyebilir ya da ayrıntıları kopyalayıp destek ekibine gönderebilirsiniz.',
  reload: 'Bu ekranı yeniden yükle',
  copy: 'Ayrıntıları kopyala',
  copied: 'Ayrıntılar panoya kopyalandı.',
  copyFailed: 'Kopyalanamadı; aşağıdaki metni seçip kopyalayın.',
  details: 'Destek için ayrıntılar',
};

export const en: typeof tr = {
  title: 'This screen ran into an error',
  body: 'The other screens and the connection keep working; your pending actions are kept. You can reload this screen, or copy the details and send them to support.',
  reload: 'Reload this screen',
  copy: 'Copy details',
  copied: 'Details copied to the clipboard.',
  copyFailed: 'Could not copy; select the text below and copy it.',
  details: 'Details for support',
};

export const NAMESPACE = 'screenError';
