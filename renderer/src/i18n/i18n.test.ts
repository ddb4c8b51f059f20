import { describe, expect, it } from 'vitest';
import { resources } from './index';

function leaves(obj: object, prefix = ''): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v as object, `${prefix}${k}.`),
  );
}

const tr = leaves(resources.tr.translation);
const en = leaves(resources.en.translation);

describe('translations (every screen)', () => {
  it('English has exactly the keys of Turkish, none empty', () => {
    expect(en.map(([k]) => k)).toEqual(tr.map(([k]) => k));
    expect([...tr, ...en].filter(([, v]) => v.trim() === '')).toEqual([]);
  });

  it('interpolations match between languages', () => {
    const vars = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    const enMap = new Map(en);
    const mismatched = tr.filter(([k, v]) => JSON.stringify(vars(v)) !== JSON.stringify(vars(enMap.get(k) ?? '')));
    expect(mismatched).toEqual([]);
  });
});
