// Texts of this screen, Turkish first; the English must have the same keys (checked by a test).
export const tr = {
  region: 'Bildirimler',
  close: 'Bildirimi kapat: {{title}}',
  show: 'Göster',
  showLabel: 'Göster: {{title}}',
  acknowledge: 'Onayla',
  acknowledgeLabel: 'Onayla: {{title}}',
  count: '×{{count}}',
  countLabel: '{{count}} kez',
  sticky: 'Kapatılana kadar kalır',
  summaryTitle_one: 'Son bir dakikada {{count}} bildirim daha',
  summaryTitle_other: 'Son bir dakikada {{count}} bildirim daha',
  summaryBody: 'Yoğunluk nedeniyle tek tek gösterilmedi; hepsi uyarı merkezinde.',
  openAlerts: 'Uyarıları aç',
  announce: '{{priority}} öncelikli bildirim: {{title}}. {{body}}',
  hint: 'Kapatmak için Esc tuşuna basın veya yana kaydırın.',
};

export const en: typeof tr = {
  region: 'Notifications',
  close: 'Dismiss notification: {{title}}',
  show: 'Show',
  showLabel: 'Show: {{title}}',
  acknowledge: 'Acknowledge',
  acknowledgeLabel: 'Acknowledge: {{title}}',
  count: '×{{count}}',
  countLabel: '{{count}} times',
  sticky: 'Stays until dismissed',
  summaryTitle_one: '{{count}} more notification in the last minute',
  summaryTitle_other: '{{count}} more notifications in the last minute',
  summaryBody: 'Not shown one by one during the burst; all are in the alert centre.',
  openAlerts: 'Open alerts',
  announce: '{{priority}} priority notification: {{title}}. {{body}}',
  hint: 'Press Esc or swipe sideways to dismiss.',
};

export const NAMESPACE = 'toastsView';
