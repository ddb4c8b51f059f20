// What the demo seller sells, where, and to whom: products with Turkish titles and EAN-13
// barcodes, marketplaces with their order-number forms and raw statuses, and customer cities.
import type { Marketplace, OrderStatus } from '../../protocol';

export interface Product {
  sku: string;
  title: string;
  /** Base sale price in kuruş. */
  price: number;
  /** Units on hand when the demo starts. */
  stock: number;
  /** LOW_STOCK at or below this many available units. */
  threshold: number;
}

export const PRODUCTS: readonly Product[] = [
  { sku: 'TSH-PMK-BYZ-M', title: 'Pamuklu Basic Tişört Beyaz M', price: 24_990, stock: 120, threshold: 15 },
  { sku: 'TSH-PMK-SYH-L', title: 'Pamuklu Basic Tişört Siyah L', price: 24_990, stock: 90, threshold: 15 },
  { sku: 'KOT-SLM-LCV-32', title: 'Slim Fit Kot Pantolon Lacivert 32', price: 79_990, stock: 45, threshold: 8 },
  { sku: 'SPR-AYK-SYH-42', title: 'Günlük Spor Ayakkabı Siyah 42', price: 129_900, stock: 30, threshold: 6 },
  { sku: 'ELB-YZL-KRM-S', title: 'Yazlık Elbise Krem S', price: 69_990, stock: 25, threshold: 5 },
  { sku: 'TRM-BRD-500', title: 'Termos Bardak 500 ml Kahverengi', price: 34_900, stock: 60, threshold: 10 },
  { sku: 'KHV-TRK-250', title: 'Türk Kahvesi 250 g', price: 12_990, stock: 200, threshold: 30 },
  { sku: 'CAY-SYH-1000', title: 'Siyah Çay 1000 g', price: 21_990, stock: 150, threshold: 25 },
  { sku: 'HVL-PMK-70140', title: 'Pamuklu Banyo Havlusu 70x140', price: 27_900, stock: 70, threshold: 10 },
  { sku: 'NVR-TKM-CFT', title: 'Nevresim Takımı Çift Kişilik', price: 89_900, stock: 35, threshold: 6 },
  { sku: 'TNC-CLK-24', title: 'Çelik Tencere Seti 24 cm', price: 149_900, stock: 18, threshold: 4 },
  { sku: 'KLF-SLK-A55', title: 'Silikon Telefon Kılıfı Galaxy A55', price: 14_990, stock: 160, threshold: 20 },
  { sku: 'SRJ-HZL-20W', title: 'Hızlı Şarj Adaptörü 20W', price: 29_990, stock: 80, threshold: 12 },
  { sku: 'KLK-BT-ANC', title: 'Kablosuz Bluetooth Kulaklık', price: 89_990, stock: 28, threshold: 5 },
  { sku: 'OYN-BLK-500', title: 'Yapı Blokları 500 Parça', price: 64_900, stock: 22, threshold: 4 },
  { sku: 'KTP-RMN-KMM', title: 'Kürk Mantolu Madonna (Roman)', price: 8_990, stock: 90, threshold: 12 },
  { sku: 'SMP-ARG-400', title: 'Argan Yağlı Şampuan 400 ml', price: 18_990, stock: 110, threshold: 15 },
  { sku: 'DTR-BLS-60', title: "Bulaşık Makinesi Tableti 60'lı", price: 42_900, stock: 55, threshold: 8 },
  { sku: 'ZYT-SZM-1L', title: 'Natürel Sızma Zeytinyağı 1 L', price: 44_900, stock: 65, threshold: 10 },
  { sku: 'BAL-CCK-850', title: 'Çiçek Balı 850 g', price: 37_900, stock: 40, threshold: 6 },
  { sku: 'CNT-SRT-20L', title: 'Sırt Çantası 20 L Gri', price: 59_900, stock: 26, threshold: 5 },
  { sku: 'SAT-KOL-GMS', title: 'Kol Saati Gümüş', price: 189_900, stock: 12, threshold: 3 },
  { sku: 'GZL-GNS-UV4', title: 'Güneş Gözlüğü UV400', price: 54_900, stock: 33, threshold: 5 },
  { sku: 'BRD-CAY-6LI', title: "Çay Bardağı 6'lı Set", price: 19_900, stock: 75, threshold: 10 },
  { sku: 'YST-ORT-5070', title: 'Ortopedik Yastık 50x70', price: 49_900, stock: 30, threshold: 5 },
  { sku: 'TRT-MTF-DJT', title: 'Dijital Mutfak Tartısı', price: 32_900, stock: 20, threshold: 4 },
];

/** EAN-13 with the Turkish prefix 869 and a correct check digit. */
export function barcodeOf(index: number): string {
  const body = `869${String(4_000_000 + index * 7919).padStart(9, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return body + String((10 - (sum % 10)) % 10);
}

export const MARKETPLACE_WEIGHTS: readonly (readonly [Marketplace, number])[] = [
  ['trendyol', 35],
  ['hepsiburada', 25],
  ['amazon_tr', 12],
  ['n11', 10],
  ['webshop', 8],
  ['ciceksepeti', 6],
  ['pazarama', 4],
];

/** Marketplaces with a buy-box to win or lose. */
export const BUYBOX_MARKETPLACES: readonly Marketplace[] = ['trendyol', 'hepsiburada', 'amazon_tr'];

/** Each marketplace's own status word for our normalised status (docs/domain.md §1). */
export const RAW_STATUS: Record<Marketplace, Partial<Record<OrderStatus, string>>> = {
  trendyol: {
    new: 'Created',
    picking: 'Picking',
    invoiced: 'Invoiced',
    shipped: 'Shipped',
    delivered: 'Delivered',
    cancelled: 'Cancelled',
    returned: 'Returned',
    undelivered: 'UnDelivered',
  },
  hepsiburada: {
    new: 'Open',
    picking: 'Unpacked',
    invoiced: 'Packed',
    shipped: 'InTransit',
    delivered: 'Delivered',
    cancelled: 'CancelledByCustomer',
    returned: 'Returned',
    undelivered: 'Undelivered',
  },
  n11: {
    new: 'Created',
    picking: 'Picking',
    invoiced: 'Invoiced',
    shipped: 'Shipped',
    delivered: 'Delivered',
    cancelled: 'Cancelled',
    returned: 'Returned',
    undelivered: 'UnDelivered',
  },
  amazon_tr: {
    new: 'Unshipped',
    picking: 'Unshipped',
    invoiced: 'Unshipped',
    shipped: 'Shipped',
    delivered: 'Shipped',
    cancelled: 'Canceled',
    returned: 'Shipped',
    undelivered: 'Unfulfillable',
  },
  ciceksepeti: {
    new: 'New',
    picking: 'Preparing',
    invoiced: 'Invoiced',
    shipped: 'Shipped',
    delivered: 'Delivered',
    cancelled: 'Cancelled',
    returned: 'Returned',
    undelivered: 'Undelivered',
  },
  pazarama: {
    new: 'New',
    picking: 'Preparing',
    invoiced: 'Invoiced',
    shipped: 'Shipped',
    delivered: 'Delivered',
    cancelled: 'Cancelled',
    returned: 'Returned',
    undelivered: 'Undelivered',
  },
  webshop: {
    new: 'pending',
    picking: 'processing',
    invoiced: 'invoiced',
    shipped: 'shipped',
    delivered: 'completed',
    cancelled: 'cancelled',
    returned: 'refunded',
    undelivered: 'failed',
  },
};

export const CARGO_PROVIDERS = [
  'Yurtiçi Kargo',
  'Aras Kargo',
  'MNG Kargo',
  'Sürat Kargo',
  'PTT Kargo',
  'Trendyol Express',
  'HepsiJet',
];

export const CITIES: readonly (readonly [string, number])[] = [
  ['İstanbul', 30],
  ['Ankara', 10],
  ['İzmir', 8],
  ['Bursa', 5],
  ['Antalya', 5],
  ['Kocaeli', 4],
  ['Konya', 4],
  ['Adana', 4],
  ['Gaziantep', 3],
  ['Mersin', 3],
  ['Kayseri', 3],
  ['Eskişehir', 3],
  ['Samsun', 3],
  ['Trabzon', 2],
  ['Diyarbakır', 2],
  ['Denizli', 2],
  ['Sakarya', 2],
  ['Tekirdağ', 2],
  ['Muğla', 2],
  ['Erzurum', 1],
];

export const PRICE_REJECTION_REASONS = [
  'Satış fiyatı liste fiyatından büyük olamaz.',
  'Aynı içerikli istek 15 dakika içinde tekrar gönderilemez.',
  'Ürün onay sürecinde olduğu için fiyat güncellenemez.',
];
