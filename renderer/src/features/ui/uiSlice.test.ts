import { describe, expect, it } from 'vitest';
import { viewFromHash } from './uiSlice';

describe('viewFromHash', () => {
  it.each([
    ['#/orders', 'orders'],
    ['#orders', 'orders'],
    ['#/orders?status=new', 'orders'],
    ['#/orders/trendyol:TY-1', 'orders'],
    ['#/alerts', 'alerts'],
    ['', 'dashboard'],
    ['#/nowhere', 'dashboard'],
    ['#/main', 'dashboard'],
  ])('%s → %s', (hash, view) => {
    expect(viewFromHash(hash)).toBe(view);
  });
});
