// @vitest-environment jsdom
// The order's history in its detail panel: asked of the gateway, newest first in Turkish words,
// asked again when the order changes live, a late answer for another order dropped, a failure
// said with a retry, and a long history folded.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OrderDetail, OrderTimelineEntry, QueryRequest } from '../../../../protocol';
import { orderCreated } from '../../../../protocol/test/fixtures';
import { initI18n } from '../../i18n';
import { delivered } from '../../test/deliveries';
import { fakeBridge } from '../../test/fakeBridge';
import { OrderTimeline, TIMELINE_REFRESH_MS, TIMELINE_SHOWN } from './OrderTimeline';

beforeAll(() => {
  initI18n('tr');
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const depo = { id: 'u-depo', name: 'Ayşe Depo' };
const at = (min: number) => new Date(Date.parse('2026-12-07T09:00:00Z') + min * 60_000).toISOString();

function eventEntry(min: number, status: 'new' | 'picking' | 'cancelled'): OrderTimelineEntry {
  const e = orderCreated({ orderNumber: 'TY1' }) as Extract<
    ReturnType<typeof orderCreated>,
    { type: 'ORDER_NOTIFICATION' }
  >;
  const kind = status === 'new' ? 'ORDER_CREATED' : status === 'cancelled' ? 'ORDER_CANCELLED' : 'ORDER_STATUS_CHANGED';
  const event = delivered({
    ...e,
    payload: { ...e.payload, kind, status, ...(status === 'cancelled' ? { cancel: { by: 'customer' as const } } : {}) },
  }).event;
  return { kind: 'event', at: at(min), event };
}

function detail(orderKey: string, timeline: OrderTimelineEntry[]): OrderDetail {
  const first = timeline.find((e) => e.kind === 'event');
  return { orderKey, event: first!.event, notes: [], notesTotal: 0, timeline } as unknown as OrderDetail;
}

function setup(answer: (req: QueryRequest) => Promise<unknown>) {
  vi.useFakeTimers();
  const query = vi.fn(answer);
  window.live = fakeBridge({ query: query as never }).bridge;
  return query;
}

const flush = async () => {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(TIMELINE_REFRESH_MS + 10);
  });
};
const rows = () => [...document.querySelectorAll('.ord-timeline-entry')].map((li) => li.textContent);

describe('OrderTimeline', () => {
  it("shows every event, claim, note and release newest first, in the reader's words", async () => {
    const query = setup(async () =>
      detail('trendyol:TY1', [
        eventEntry(0, 'new'),
        eventEntry(5, 'picking'),
        { kind: 'claimed', at: at(6), by: depo },
        { kind: 'note', at: at(7), by: depo, id: 'n1', text: 'Kutu ezik' },
        { kind: 'released', at: at(8), by: depo },
        eventEntry(9, 'cancelled'),
      ]),
    );
    render(<OrderTimeline orderKey="trendyol:TY1" version="1" />);
    expect(screen.getByText('Geçmiş yükleniyor…')).toBeTruthy();
    await flush();
    expect(query).toHaveBeenCalledWith({ resource: 'order', orderKey: 'trendyol:TY1' });
    const shown = rows();
    expect(shown).toHaveLength(6);
    expect(shown[0]).toContain('Sipariş iptal edildi');
    expect(shown[0]).toContain('Müşteri iptali');
    expect(shown[1]).toContain('Ayşe Depo bıraktı');
    expect(shown[2]).toContain('Ayşe Depo not ekledi');
    expect(shown[2]).toContain('Kutu ezik');
    expect(shown[3]).toContain('Ayşe Depo üstlendi');
    expect(shown[4]).toContain('Durum değişti');
    expect(shown[4]).toContain('Hazırlanıyor');
    expect(shown[5]).toContain('Sipariş alındı');
  });

  it('asks again when the order changes live, and drops a late answer for the order shown before', async () => {
    let release: (() => void) | undefined;
    const query = setup(
      (req) =>
        new Promise((resolve) => {
          const key = req.resource === 'order' ? req.orderKey : '';
          const answer = detail(key, [
            eventEntry(0, 'new'),
            { kind: 'claimed', at: at(1), by: { id: 'x', name: key } },
          ]);
          if (key === 'trendyol:OLD') release = () => resolve(answer);
          else resolve(answer);
        }),
    );
    const { rerender } = render(<OrderTimeline orderKey="trendyol:OLD" version="1" />);
    await flush();
    rerender(<OrderTimeline orderKey="trendyol:NEW" version="2" />);
    await flush();
    release?.();
    await flush();
    expect(rows()[0]).toContain('trendyol:NEW üstlendi');

    rerender(<OrderTimeline orderKey="trendyol:NEW" version="3" />);
    await flush();
    expect(query).toHaveBeenCalledTimes(3);
  });

  it('says when the history cannot be loaded and tries again on request', async () => {
    let fail = true;
    const query = setup(async () => {
      if (fail) throw new Error('offline');
      return detail('trendyol:TY1', [eventEntry(0, 'new')]);
    });
    render(<OrderTimeline orderKey="trendyol:TY1" version="1" />);
    await flush();
    expect(screen.getByRole('alert').textContent).toContain('Geçmiş yüklenemedi.');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Tekrar dene' }));
    await flush();
    expect(query).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(rows()).toHaveLength(1);
  });

  it('folds a long history to its latest entries and unfolds it on request', async () => {
    const notes = Array.from({ length: 30 }, (_, i): OrderTimelineEntry => ({
      kind: 'note',
      at: at(i + 1),
      by: depo,
      id: `n${i}`,
      text: `not ${i}`,
    }));
    setup(async () => ({ ...detail('trendyol:TY1', [eventEntry(0, 'new'), ...notes]), timelineTruncated: true }));
    render(<OrderTimeline orderKey="trendyol:TY1" version="1" />);
    await flush();
    expect(rows()).toHaveLength(TIMELINE_SHOWN);
    expect(rows()[0]).toContain('not 29');
    fireEvent.click(screen.getByRole('button', { name: 'Tümünü göster (31)' }));
    expect(rows()).toHaveLength(31);
    expect(screen.getByText('Yalnızca son 500 kayıt gösteriliyor.')).toBeTruthy();
  });
});
