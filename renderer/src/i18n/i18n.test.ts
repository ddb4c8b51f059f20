import { describe, expect, it } from 'vitest';
import { en } from './en';
import { tr } from './tr';

function leaves(obj: object, prefix = ''): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v as object, `${prefix}${k}.`),
  );
}

describe('translations', () => {
  it('English has exactly the keys of Turkish, none empty', () => {
    const trKeys = leaves(tr).map(([k]) => k);
    expect(leaves(en).map(([k]) => k)).toEqual(trKeys);
    expect([...leaves(tr), ...leaves(en)].filter(([, v]) => v.trim() === '')).toEqual([]);
  });

  it('interpolations match between languages', () => {
    const vars = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    const enMap = new Map(leaves(en));
    const mismatched = leaves(tr).filter(
      ([k, v]) => JSON.stringify(vars(v)) !== JSON.stringify(vars(enMap.get(k) ?? '')),
    );
    expect(mismatched).toEqual([]);
  });
});
