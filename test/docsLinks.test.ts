// The documentation stands on its own: every relative link of README.md and docs/*.md reaches a
// file of the repository, and no source or document points at a domain description outside it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const SKIP = new Set(['node_modules', 'out', '.tsbuild', '.git', 'test-results', 'release', 'data', '.scratch']);

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) files(full, out);
    else if (/\.(ts|tsx|mjs|md)$/.test(name)) out.push(full);
  }
  return out;
}

describe('documentation links', () => {
  const docs = [
    path.join(ROOT, 'README.md'),
    ...readdirSync(path.join(ROOT, 'docs'))
      .filter((n) => n.endsWith('.md'))
      .map((n) => path.join(ROOT, 'docs', n)),
  ];

  it.each(docs.map((d) => [path.relative(ROOT, d), d]))('%s: every relative link reaches a file', (_name, doc) => {
    const text = readFileSync(doc, 'utf8');
    const broken: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (!target || /^[a-z]+:/.test(target) || target.startsWith('#')) continue;
      const file = path.resolve(path.dirname(doc), target.split('#')[0] as string);
      if (!existsSync(file)) broken.push(target);
    }
    expect(broken).toEqual([]);
  });

  it('every mention of domain.md is the repository’s docs/domain.md', () => {
    const outside: string[] = [];
    for (const file of files(ROOT)) {
      const rel = path.relative(ROOT, file);
      if (rel === 'test/docsLinks.test.ts') continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const m of line.matchAll(/([\w./-]*)domain\.md/g)) {
            const ok = rel.startsWith('docs/') ? m[1] === '' || m[1] === 'docs/' : m[1]?.endsWith('docs/');
            if (!ok) outside.push(`${rel}:${i + 1}: ${line.trim()}`);
          }
        });
    }
    expect(outside).toEqual([]);
  });
});
