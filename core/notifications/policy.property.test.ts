// Properties of the notification policy: a critical alert is never silenced, routine flow never
// notifies, a collapsed burst is one notification, and what it tracks as shown was shown.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NOTIFICATION_PREFS,
  NotificationPrefs,
  type Delivery,
  type NotificationCommand,
  type Priority,
} from '../../protocol';
import {
  acked,
  alertDelivery,
  CHANNEL_OF,
  KIND_OF,
  ME,
  OTHER,
  read,
  resolved,
  shownCounts,
  snoozed,
  type FixtureName,
} from '../test/alertEvents';
import { decide, emptyPolicyState, remind, type PolicyState } from './policy';

const T0 = Date.UTC(2024, 0, 15, 20, 30); // 23:30 in Istanbul
const ALERT_FIXTURES: FixtureName[] = ['orderCreated', 'inventoryChange', 'priceUpdate', 'systemAlert'];

const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const setting = fc.record({ reach: fc.constantFrom('os', 'toast', 'history' as const), sound: fc.boolean() });

/** Any valid preferences; `fixture` lets them mute that event's channel and kind. */
const prefsArb = (fixture: FixtureName) =>
  fc
    .record({
      priorities: fc.record({ critical: setting, high: setting, normal: setting, low: setting }),
      muteChannel: fc.boolean(),
      muteKind: fc.boolean(),
      mutedUntil: fc.option(fc.integer({ min: 0, max: T0 + 86_400_000 }), { nil: undefined }),
      quietHours: fc.record({ enabled: fc.boolean(), start: hhmm, end: hhmm }),
      collapseSeconds: fc.integer({ min: 0, max: 3600 }),
      floodPerMinute: fc.integer({ min: 1, max: 1000 }),
      repeatCriticalMinutes: fc.integer({ min: 0, max: 120 }),
    })
    .map(({ muteChannel, muteKind, mutedUntil, ...rest }) =>
      NotificationPrefs.parse({
        ...rest,
        mutedChannels: muteChannel ? [CHANNEL_OF[fixture], 'global'] : [],
        mutedKinds: muteKind ? [KIND_OF[fixture]] : [],
        ...(mutedUntil !== undefined ? { mutedUntil } : {}),
      }),
    );

/** A state after a flood of earlier notifications (other alerts) within the last minute. */
const floodedState = fc
  .record({ shown: fc.integer({ min: 0, max: 1200 }), suppressed: fc.nat(500) })
  .map(({ shown, suppressed }): PolicyState => {
    const state = emptyPolicyState();
    for (let i = 0; i < shown; i++) {
      const at = T0 - (i % 59_000);
      state.shownAt.push(at);
      state.recent[`OTHER:${i}`] = { at, count: 1, priority: 'high' };
      state.shown[`OTHER:${i}`] = 'high';
    }
    for (let i = 0; i < suppressed; i++) state.suppressedAt.push(T0 - (i % 59_000));
    return state;
  });

const ctx = (prefs: NotificationPrefs, now: number) => ({ prefs, now, userId: ME.id });

describe('notification policy: properties', () => {
  it('a critical alert is never silenced: its first event always shows on the OS, with sound, sticky', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALERT_FIXTURES).chain((fixture) =>
          fc.record({
            fixture: fc.constant(fixture),
            prefs: prefsArb(fixture),
            state: floodedState,
            onGlobal: fc.boolean(),
            soundEnabled: fc.boolean(),
            doNotDisturb: fc.boolean(),
            nowOffset: fc.integer({ min: 0, max: 86_400_000 }),
          }),
        ),
        ({ fixture, prefs, state, onGlobal, soundEnabled, doNotDisturb, nowOffset }) => {
          const d = alertDelivery({
            priority: 'critical',
            fixture,
            alertKey: 'CRIT:subject-1',
            ...(onGlobal ? { channel: 'global' } : {}),
          });
          const { commands } = decide(d, { ...ctx(prefs, T0 + nowOffset), soundEnabled, doNotDisturb }, state);
          expect(commands).toEqual([
            expect.objectContaining({ op: 'show', priority: 'critical', reach: 'os', sound: true, sticky: true }),
          ]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a burst of N events with one alert key within the window: one show, then updates counting 2..N', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Priority>('critical', 'high', 'normal'),
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 59, maxLength: 59 }),
        fc.array(fc.boolean(), { minLength: 59, maxLength: 59 }),
        (priority, n, gaps, noise) => {
          // 60 s window; gaps under a second keep the whole burst inside it.
          const prefs = NotificationPrefs.parse({
            ...structuredClone(DEFAULT_NOTIFICATION_PREFS),
            collapseSeconds: 60,
            floodPerMinute: 1000,
          });
          let state = emptyPolicyState();
          let now = T0;
          const mine: NotificationCommand[] = [];
          for (let i = 0; i < n; i++) {
            if (i > 0) now += gaps[i - 1] as number;
            const batch: Delivery[] = [alertDelivery({ priority, alertKey: 'LOW_STOCK:burst' })];
            // Other alerts in between do not break the collapse.
            if (noise[i]) batch.push(alertDelivery({ priority: 'high', alertKey: `LOW_STOCK:other-${i}` }));
            for (const d of batch) {
              const r = decide(d, ctx(prefs, now), state);
              state = r.state;
              mine.push(...r.commands.filter((c) => 'id' in c && c.id === 'LOW_STOCK:burst'));
            }
          }
          expect(mine.filter((c) => c.op === 'show')).toHaveLength(1);
          expect(mine[0]?.op).toBe('show');
          expect(mine.slice(1).map((c) => (c.op === 'update' ? c.count : c.op))).toEqual(
            Array.from({ length: n - 1 }, (_, i) => i + 2),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('what it counts as shown never adds up to more than the distinct notifications shown', () => {
    const step = fc.oneof(
      fc.record({
        t: fc.constant('event' as const),
        priority: fc.constantFrom<Priority>('critical', 'high', 'normal', 'low'),
        key: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
        fixture: fc.constantFrom(...ALERT_FIXTURES, 'metricUpdate' as const),
      }),
      fc.record({
        t: fc.constantFrom(
          'ack' as const,
          'resolve' as const,
          'readMine' as const,
          'readOther' as const,
          'snooze' as const,
        ),
        key: fc.integer({ min: 0, max: 5 }),
      }),
      fc.record({ t: fc.constant('remind' as const) }),
    );
    fc.assert(
      fc.property(
        prefsArb('inventoryChange'),
        fc.array(fc.tuple(step, fc.integer({ min: 0, max: 400_000 })), { maxLength: 60 }),
        (prefs, steps) => {
          let state = emptyPolicyState();
          let now = T0;
          const shown = new Set<string>();
          for (const [s, dt] of steps) {
            now += dt;
            const c = ctx(prefs, now);
            const key = 'key' in s && s.key !== undefined ? `ALERT:${s.key}` : undefined;
            const r =
              s.t === 'remind'
                ? remind(c, state)
                : decide(
                    s.t === 'event'
                      ? alertDelivery({ priority: s.priority, fixture: s.fixture, alertKey: key ?? null })
                      : s.t === 'ack'
                        ? acked(key as string)
                        : s.t === 'resolve'
                          ? resolved(key as string)
                          : s.t === 'snooze'
                            ? snoozed(key as string, now + 600_000)
                            : read([key as string], s.t === 'readMine' ? ME : OTHER),
                    c,
                    state,
                  );
            state = r.state;
            for (const cmd of r.commands) if (cmd.op === 'show') shown.add(cmd.id);
            const total = Object.values(shownCounts(state)).reduce((a, b) => a + b, 0);
            expect(total).toBeLessThanOrEqual(shown.size);
            for (const id of Object.keys(state.shown)) expect(shown.has(id)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('routine flow (an event that opened no alert) never notifies, whatever the settings and state', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALERT_FIXTURES).chain((fixture) =>
          fc.record({
            fixture: fc.constant(fixture),
            prefs: prefsArb(fixture),
            state: floodedState,
            priority: fc.constantFrom<Priority>('critical', 'high', 'normal', 'low'),
          }),
        ),
        ({ fixture, prefs, state, priority }) => {
          const d = alertDelivery({ priority, fixture, alertKey: null });
          expect(decide(d, ctx(prefs, T0), state).commands).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
