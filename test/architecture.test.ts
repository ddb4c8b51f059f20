// The arrows of ARCHITECTURE.md, checked on the real source: core/ is host-free, electron stays in
// main/ and preload/, protocol/ imports only zod, and no client part reaches into server/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const HOST_GLOBALS = [
  'process',
  'Buffer',
  'window',
  'document',
  'localStorage',
  'navigator',
  'require',
  '__dirname',
  '__filename',
  'global',
  'globalThis',
];
const BUILTINS = new Set(builtinModules);

function sourceFiles(part: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'node_modules' && name !== 'test') walk(full);
      } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(full);
    }
  };
  walk(path.join(ROOT, part));
  return out;
}

interface Facts {
  imports: string[];
  globals: string[];
}

/** Module specifiers a file imports (static, dynamic, require) and the host globals it reads. */
export function factsOf(fileName: string, text: string): Facts {
  const sf = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const imports: string[] = [];
  const globals = new Set<string>();
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      imports.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0] as ts.Node)
    ) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        imports.push((node.arguments[0] as ts.StringLiteral).text);
      }
    } else if (ts.isIdentifier(node) && HOST_GLOBALS.includes(node.text)) {
      const p = node.parent;
      const isMemberName =
        (ts.isPropertyAccessExpression(p) && p.name === node) ||
        (ts.isPropertyAssignment(p) && p.name === node) ||
        (ts.isPropertySignature(p) && p.name === node) ||
        (ts.isMethodDeclaration(p) && p.name === node);
      const isDeclared =
        (ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p) || ts.isBindingElement(p)) &&
        p.name === node;
      const isTypeOnly = ts.isTypeReferenceNode(p) || ts.isQualifiedName(p);
      if (!isMemberName && !isDeclared && !isTypeOnly) globals.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { imports, globals: [...globals] };
}

const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0] as string);

function violations(part: string, check: (file: string, facts: Facts) => string[]): string[] {
  return sourceFiles(part).flatMap((file) =>
    check(path.relative(ROOT, file), factsOf(file, readFileSync(file, 'utf8'))),
  );
}

describe('the checker itself', () => {
  it('sees imports, requires and host globals, and ignores member names and declarations', () => {
    const f = factsOf(
      'x.ts',
      `import fs from 'node:fs'; import type { A } from 'electron'; const r = require('os');
      export * from './y'; window.alert(1); const o = { process: 1 }; o.process; function f(document: number) { return document }`,
    );
    expect(f.imports).toEqual(['node:fs', 'electron', 'os', './y']);
    expect(f.globals).toContain('window');
    expect(f.globals).not.toContain('process');
  });
});

describe('ARCHITECTURE.md arrows', () => {
  it('core/ imports no electron, no Node built-in and no host library', () => {
    const bad = violations('core', (file, f) =>
      f.imports
        .filter((s) => s === 'electron' || isNodeBuiltin(s) || s === 'socket.io-client')
        .map((s) => `${file} imports ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it('core/ uses no DOM or Node globals', () => {
    const bad = violations('core', (file, f) => f.globals.map((g) => `${file} uses ${g}`));
    expect(bad).toEqual([]);
  });

  it('electron is imported only in main/ and preload/', () => {
    const bad = ['protocol', 'core', 'server', 'renderer'].flatMap((part) =>
      violations(part, (file, f) => (f.imports.includes('electron') ? [`${file} imports electron`] : [])),
    );
    expect(bad).toEqual([]);
  });

  it('protocol/ imports only zod and itself', () => {
    const bad = violations('protocol', (file, f) =>
      f.imports.filter((s) => s !== 'zod' && !s.startsWith('./')).map((s) => `${file} imports ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it('no client part imports server/, and nothing imports main/ or renderer/ from outside', () => {
    const reachesInto = (target: string) => (file: string, f: Facts) =>
      f.imports
        .filter((s) => s.startsWith('.'))
        .filter((s) => path.resolve(ROOT, path.dirname(file), s).startsWith(path.join(ROOT, target) + path.sep))
        .map((s) => `${file} imports ${s}`);
    const bad = [
      ...['protocol', 'core', 'main', 'preload', 'renderer'].flatMap((part) => violations(part, reachesInto('server'))),
      ...['protocol', 'core', 'server', 'preload', 'renderer'].flatMap((part) => violations(part, reachesInto('main'))),
      ...['protocol', 'core', 'server', 'main', 'preload'].flatMap((part) => violations(part, reachesInto('renderer'))),
    ];
    expect(bad).toEqual([]);
  });
});
