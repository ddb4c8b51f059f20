// The marketplaces' APIs as the demo sees them: now and then one fails (API_ERROR) or rate-limits
// us (RATE_LIMITED), and a failing one later recovers (RECOVERED). Reported as SYSTEM_ALERT.
import type { EventInput, Marketplace } from '../../protocol';
import { MARKETPLACE_WEIGHTS } from './catalog';
import { envelope, iso } from './envelope';
import type { Random } from './random';

export class MarketplaceHealth {
  /** Marketplaces whose API is failing, since when and for which component. */
  private readonly apiErrors = new Map<Marketplace, { since: number; component: 'orders' | 'stock' }>();

  constructor(private readonly rnd: Random) {}

  systemEvent(now: number, out: EventInput[]): void {
    const open = [...this.apiErrors.entries()];
    if (open.length > 0 && this.rnd.chance(0.7)) {
      const [marketplace, err] = this.rnd.pick(open);
      this.apiErrors.delete(marketplace);
      out.push(
        envelope(
          this.rnd,
          'SYSTEM_ALERT',
          now,
          {
            kind: 'RECOVERED',
            marketplace,
            component: err.component,
            lastSuccessAt: iso(now),
            message: 'Pazaryeri bağlantısı yeniden sağlandı.',
          },
          marketplace,
        ),
      );
      return;
    }
    const marketplace = this.rnd.weighted(MARKETPLACE_WEIGHTS);
    if (this.rnd.chance(0.3)) {
      out.push(
        envelope(
          this.rnd,
          'SYSTEM_ALERT',
          now,
          {
            kind: 'RATE_LIMITED',
            marketplace,
            component: 'stock',
            httpStatus: 429,
            retryAfterSec: this.rnd.int(30, 120),
            message: 'İstek limiti aşıldı; stok güncellemeleri bekletiliyor.',
          },
          marketplace,
        ),
      );
      return;
    }
    const component = this.rnd.pick(['orders', 'stock'] as const);
    if (!this.apiErrors.has(marketplace)) this.apiErrors.set(marketplace, { since: now, component });
    const since = (this.apiErrors.get(marketplace) as { since: number }).since;
    out.push(
      envelope(
        this.rnd,
        'SYSTEM_ALERT',
        now,
        {
          kind: 'API_ERROR',
          marketplace,
          component,
          httpStatus: this.rnd.pick([500, 502, 503]),
          errorCode: 'SERVICE_UNAVAILABLE',
          traceId: this.rnd.uuid(),
          lastSuccessAt: iso(since),
          message: 'Pazaryeri API hatası: servis geçici olarak kullanılamıyor.',
        },
        marketplace,
      ),
    );
  }

  /** The sync-lag KPI of METRIC_UPDATE: minutes behind while an API is failing, seconds otherwise. */
  syncLagSec(): number {
    return this.apiErrors.size > 0 ? this.rnd.int(120, 600) : this.rnd.int(2, 20);
  }
}
