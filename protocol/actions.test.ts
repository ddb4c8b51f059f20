// Client actions: the renderer's form (no key) and the wire form (with its idempotency key).
import { describe, expect, it } from 'vitest';
import { ActionInput, ActionRequest } from './actions';
import { issuesOf } from './errors';

const KEY = 'act_01JDXG4R7Q2W9Z';

const VALID: ActionInput[] = [
  { type: 'ALERT_ACK', alertKey: 'LOW_STOCK:KOT-SLM-LCV-32' },
  { type: 'ALERT_SNOOZE', alertKey: 'API_ERROR:trendyol:orders', minutes: 30 },
  { type: 'ALERT_SNOOZE', alertKey: 'SHIP_DEADLINE_NEAR:TY-1001', minutes: 24 * 60 },
  { type: 'ORDER_CLAIM', orderKey: 'amazon_tr:402-1234567-1234567' },
  { type: 'ORDER_RELEASE', orderKey: 'trendyol:TY1001' },
  { type: 'ORDER_NOTE', orderKey: 'trendyol:TY1001', text: 'Kargo firması değişti, müşteri arandı.' },
];

function paths(schema: typeof ActionInput | typeof ActionRequest, input: unknown): string[] {
  const r = schema.safeParse(input);
  return r.success ? [] : issuesOf(r.error).map((i) => i.path);
}

describe('ActionInput', () => {
  it.each(VALID.map((a) => [a.type, a] as const))('accepts %s', (_t, action) => {
    expect(ActionInput.parse(action)).toEqual(action);
  });

  it('trims a note', () => {
    const parsed = ActionInput.parse({ type: 'ORDER_NOTE', orderKey: 'trendyol:TY1', text: '  ara  ' });
    expect(parsed).toEqual({ type: 'ORDER_NOTE', orderKey: 'trendyol:TY1', text: 'ara' });
  });

  it.each([
    ['unknown type', { type: 'ORDER_DELETE', orderKey: 'trendyol:TY1' }, 'type'],
    ['missing alert key', { type: 'ALERT_ACK' }, 'alertKey'],
    ['alert key with spaces', { type: 'ALERT_ACK', alertKey: 'LOW STOCK' }, 'alertKey'],
    ['snooze of 0 minutes', { type: 'ALERT_SNOOZE', alertKey: 'A:1', minutes: 0 }, 'minutes'],
    ['snooze over a day', { type: 'ALERT_SNOOZE', alertKey: 'A:1', minutes: 24 * 60 + 1 }, 'minutes'],
    ['snooze of 1.5 minutes', { type: 'ALERT_SNOOZE', alertKey: 'A:1', minutes: 1.5 }, 'minutes'],
    ['blank note', { type: 'ORDER_NOTE', orderKey: 'trendyol:TY1', text: '   ' }, 'text'],
    ['note over 2000 chars', { type: 'ORDER_NOTE', orderKey: 'trendyol:TY1', text: 'x'.repeat(2001) }, 'text'],
    ['unknown field', { type: 'ORDER_CLAIM', orderKey: 'trendyol:TY1', force: true }, ''],
    ['a key (the outbox adds it, not the renderer)', { type: 'ORDER_CLAIM', orderKey: 'trendyol:TY1', key: KEY }, ''],
  ])('rejects %s', (_name, input, path) => {
    expect(paths(ActionInput, input)).toContain(path);
  });
});

describe('ActionRequest', () => {
  it.each(VALID.map((a) => [a.type, a] as const))('accepts %s with its key', (_t, action) => {
    expect(ActionRequest.parse({ ...action, key: KEY })).toEqual({ ...action, key: KEY });
  });

  it.each([
    ['no key', undefined],
    ['a key under 8 characters', 'abc1234'],
    ['a key over 128 characters', 'k'.repeat(129)],
    ['a key with a dot', 'act.0123456789'],
    ['a key with a space', 'act 0123456789'],
    ['a numeric key', 12345678],
  ])('rejects %s', (_name, key) => {
    const input =
      key === undefined
        ? { type: 'ORDER_CLAIM', orderKey: 'trendyol:TY1' }
        : { type: 'ORDER_CLAIM', orderKey: 'trendyol:TY1', key };
    expect(paths(ActionRequest, input)).toContain('key');
  });

  it('accepts keys at both length bounds', () => {
    expect(ActionRequest.safeParse({ type: 'ORDER_CLAIM', orderKey: 'trendyol:TY1', key: 'a'.repeat(8) }).success).toBe(
      true,
    );
    expect(
      ActionRequest.safeParse({ type: 'ORDER_CLAIM', orderKey: 'trendyol:TY1', key: 'a'.repeat(128) }).success,
    ).toBe(true);
  });

  it('is strict about unknown fields too', () => {
    expect(paths(ActionRequest, { type: 'ALERT_ACK', alertKey: 'A:1', key: KEY, userId: 'u1' })).toContain('');
  });
});
