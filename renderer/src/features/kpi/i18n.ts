// Texts of the KPI tiles and charts, Turkish first; the English has the same keys. They sit under
// the dashboard's namespace (`dashboard.kpi.*`), the screen that shows them.
export const tr = {
  tilesLabel: 'Temel göstergeler',
  label: {
    ordersToday: 'Bugünkü sipariş',
    revenueToday: 'Bugünkü ciro',
    aov: 'Ortalama sepet',
    buyboxSharePct: 'Buybox payı',
    awaitingShipment: 'Kargoya verilecek',
    dueToday: 'Bugün kargoya verilmeli',
    lateShipments: 'Gecikmiş kargo',
    lowStockSkus: 'Kritik stoktaki ürün',
    outOfStockSkus: 'Stokta olmayan ürün',
    syncLagSec: 'Senkronizasyon gecikmesi',
  },
  noData: 'Veri yok',
  missingNote: '— bu pazaryeri için bildirilmeyen göstergeler',
  trend: {
    up: 'Arttı; önceki değer {{previous}}',
    down: 'Azaldı; önceki değer {{previous}}',
  },
  tone: { warn: 'Yüksek', bad: 'Kritik' },
  unit: { hour: 'sa', minute: 'dk', second: 'sn', points: 'puan' },
  chart: {
    ordersPerMinute: 'Dakikalık sipariş',
    revenue: 'Bugünkü ciro',
    window: 'son 1 saat',
    total: 'Toplam',
    latest: 'Son değerler',
    waiting: 'Veri bekleniyor…',
    noScopeData: 'Bu pazaryeri için henüz veri yok.',
  },
};

export const en: typeof tr = {
  tilesLabel: 'Key figures',
  label: {
    ordersToday: 'Orders today',
    revenueToday: 'Revenue today',
    aov: 'Average basket',
    buyboxSharePct: 'Buy-box share',
    awaitingShipment: 'Awaiting shipment',
    dueToday: 'Due today',
    lateShipments: 'Late shipments',
    lowStockSkus: 'Low-stock SKUs',
    outOfStockSkus: 'Out-of-stock SKUs',
    syncLagSec: 'Sync lag',
  },
  noData: 'No data',
  missingNote: '— not reported for this marketplace',
  trend: {
    up: 'Up; previously {{previous}}',
    down: 'Down; previously {{previous}}',
  },
  tone: { warn: 'High', bad: 'Critical' },
  unit: { hour: 'h', minute: 'min', second: 's', points: 'pts' },
  chart: {
    ordersPerMinute: 'Orders per minute',
    revenue: 'Revenue today',
    window: 'last hour',
    total: 'Total',
    latest: 'Latest values',
    waiting: 'Waiting for data…',
    noScopeData: 'No data for this marketplace yet.',
  },
};

/** Where these texts live in the one resource (the dashboard's namespace). */
export const KEY_PREFIX = 'dashboard.kpi';
