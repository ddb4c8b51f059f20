import { describe, expect, it } from 'vitest';
import { searchMatcher } from './SearchField';

describe('search', () => {
  it('matches any part of the text, whatever the case, by Turkish rules', () => {
    expect(searchMatcher('ayk')('SPR-AYK-SYH-42')).toBe(true);
    // Turkish casing: İ is the capital of i, I the capital of ı.
    expect(searchMatcher('istanbul')('İSTANBUL DEPO')).toBe(true);
    expect(searchMatcher('kırmızı')('KIRMIZI TİŞÖRT')).toBe(true);
    expect(searchMatcher('tişört')('KIRMIZI TİŞÖRT')).toBe(true);
    expect(searchMatcher('mavi')('KIRMIZI TİŞÖRT')).toBe(false);
  });

  it('ignores surrounding spaces; an empty query matches everything', () => {
    expect(searchMatcher('  ayk ')('SPR-AYK')).toBe(true);
    expect(searchMatcher('   ')('')).toBe(true);
    expect(searchMatcher('')('anything')).toBe(true);
  });
});
