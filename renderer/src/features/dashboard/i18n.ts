// Texts of this screen, Turkish first; the English must have the same keys (checked by a test).
// The KPI tiles and charts keep theirs beside them (../kpi/i18n.ts), nested here under `kpi`.
import * as kpi from '../kpi/i18n';

export const tr = {
  scopeAll: 'Tüm pazaryerleri',
  asOf: 'Son veri {{time}}',
  filter: { label: 'Pazaryeri', all: 'Tümü' },
  feedLabel: 'Son siparişler',
  kpi: kpi.tr,
};

export const en: typeof tr = {
  scopeAll: 'All marketplaces',
  asOf: 'Data as of {{time}}',
  filter: { label: 'Marketplace', all: 'All' },
  feedLabel: 'Latest orders',
  kpi: kpi.en,
};

export const NAMESPACE = 'dashboard';
