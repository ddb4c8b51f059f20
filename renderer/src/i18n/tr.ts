// Turkish: the default language of the console.
export const tr = {
  app: { title: 'MesChain Live', language: 'Dil', signOut: 'Çıkış yap' },
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
  kpi: {
    ordersToday: 'Bugünkü sipariş',
    revenueToday: 'Bugünkü ciro',
    aov: 'Ortalama sepet',
    ordersPerMinute: 'Dakikalık sipariş',
    chartTitle: 'Dakikalık sipariş (son 1 saat)',
    chartSummary: 'Son değer: dakikada {{value}} sipariş, {{count}} ölçüm',
    chartEmpty: 'Henüz ölçüm yok',
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
  marketplace: {
    trendyol: 'Trendyol',
    hepsiburada: 'Hepsiburada',
    n11: 'N11',
    amazon_tr: 'Amazon TR',
    ciceksepeti: 'Çiçeksepeti',
    pazarama: 'Pazarama',
    webshop: 'Web sitesi',
  },
  orderStatus: {
    awaiting_payment: 'Ödeme bekleniyor',
    new: 'Yeni',
    picking: 'Hazırlanıyor',
    invoiced: 'Faturalandı',
    shipped: 'Kargoya verildi',
    delivered: 'Teslim edildi',
    undelivered: 'Teslim edilemedi',
    cancelled: 'İptal edildi',
    returned: 'İade',
    unsupplied: 'Tedarik edilemedi',
    split: 'Bölündü',
  },
};

/** The shape every language must fill. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Messages = Shape<typeof tr>;
