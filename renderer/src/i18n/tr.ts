// Turkish: the default language of the console.
import { VOCABULARY } from '../../../protocol';

export const tr = {
  app: { title: 'MesChain Live', language: 'Dil', signOut: 'Çıkış yap' },
  exportCsv: {
    button: 'Dışa aktar',
    busy: 'Hazırlanıyor…',
    progress: '{{rows}} satır yazıldı…',
    saved: '{{rows}} satır kaydedildi: {{file}}',
    started: 'İndirme başladı: {{file}}',
    cancel: 'İptal',
    failed: 'Dışa aktarılamadı',
    errors: {
      unauthorized: 'indirme izni geçersiz ya da oturum sona erdi; yeniden deneyin',
      token_expired: 'oturum sona erdi; yeniden giriş yapın',
      unavailable: 'sunucuya ulaşılamadı ya da indirme yarıda kesildi; dosya kaydedilmedi',
      storage_full: 'disk dolu; dosya kaydedilmedi',
      forbidden: 'bu listeyi dışa aktarma yetkiniz yok',
      storage_unavailable: 'seçilen dosyaya yazılamıyor (klasör yok, izin yok ya da dosya başka bir programda açık)',
      rate_limited: 'çok sık dışa aktarıldı; bir dakika sonra yeniden deneyin',
      other: 'beklenmeyen bir hata oluştu',
    },
    hint: 'Geçerli filtreyi CSV (Excel) olarak indir',
  },
  nav: {
    label: 'Ekranlar',
    skip: 'İçeriğe geç',
    unread: '{{count}} okunmamış uyarı',
    dashboard: 'Gösterge paneli',
    orders: 'Siparişler',
    stock: 'Stok',
    prices: 'Fiyatlar',
    system: 'Sistem',
    alerts: 'Uyarılar',
    admin: 'Yönetim',
    settings: 'Ayarlar',
  },
  login: {
    title: 'Oturum aç',
    server: 'Sunucu adresi',
    username: 'Kullanıcı adı',
    password: 'Şifre',
    submit: 'Giriş yap',
    submitting: 'Giriş yapılıyor…',
    errors: {
      invalid_credentials: 'Kullanıcı adı veya şifre hatalı.',
      unavailable: 'Sunucuya ulaşılamıyor. Adresi ve ağ bağlantınızı kontrol edin.',
      tls: 'Sunucunun güvenlik sertifikası reddedildi. Adresi kontrol edin veya sistem yöneticinize başvurun.',
      rate_limited: 'Çok fazla başarısız deneme. Lütfen {{seconds}} saniye sonra tekrar deneyin.',
      unauthorized: 'Oturumunuz sona erdi. Lütfen yeniden giriş yapın.',
      validation_failed: 'Lütfen alanları kontrol edin: {{message}}',
      generic: 'Giriş yapılamadı: {{message}}',
    },
  },
  connection: {
    label: 'Bağlantı',
    state: {
      idle: 'Bağlı değil',
      connecting: 'Bağlanıyor…',
      connected: 'Bağlı',
      reconnecting: 'Yeniden bağlanıyor…',
      offline: 'Çevrimdışı',
      unauthorized: 'Oturum süresi doldu',
      draining: 'Sunucu yeniden başlatılıyor…',
    },
    retryNow: 'Tekrar dene',
  },
  orders: {
    title: 'Canlı sipariş akışı',
    empty: 'Yeni siparişler burada görünecek.',
    orderNo: 'Sipariş No',
    marketplace: 'Pazaryeri',
    total: 'Tutar',
    city: 'Şehir',
    items: '{{count}} adet',
    orderedAt: 'Sipariş zamanı',
    status: 'Durum',
  },
  marketplace: VOCABULARY.tr.marketplace,
  orderStatus: VOCABULARY.tr.orderStatus,
};

/** The shape every language must fill. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Messages = Shape<typeof tr>;
