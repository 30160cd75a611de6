/**
 * Keeps the layout honest (STYLE.md): the folder a file lives in says which APIs it may use.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as nodePath from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = nodePath.resolve(__dirname, '..');
const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

function sourceFiles(dir: string): string[] {
  const abs = nodePath.join(ROOT, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const rel = nodePath.join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(nodePath.join(ROOT, rel)).isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx|cts|mts|cjs|js)$/.test(name) ? [rel] : [];
  });
}

/** Every module specifier a file imports, requires or dynamically imports (string literals). */
function specifiers(file: string): string[] {
  const text = readFileSync(nodePath.join(ROOT, file), 'utf8');
  const found = new Set<string>();
  const patterns = [
    /\bimport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bexport\s+[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.add(match[1]);
  return [...found];
}

/** Where a relative specifier points, as a path relative to the repo root; null for packages. */
function target(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return nodePath.relative(ROOT, nodePath.resolve(ROOT, nodePath.dirname(file), spec));
}

const isPackage = (spec: string, names: string[]) => names.some((name) => spec === name || spec.startsWith(`${name}/`));
const inside = (path: string | null, folder: string) => path !== null && (path === folder || path.startsWith(`${folder}/`));

interface Rule {
  folder: string;
  forbid: (spec: string, resolved: string | null) => string | null;
}

const RULES: Rule[] = [
  {
    folder: 'shared',
    forbid: (spec, resolved) =>
      NODE_BUILTINS.has(spec) ? 'node APIs'
        : isPackage(spec, ['electron', 'electron-store', 'react', 'react-dom', 'recharts']) || spec.startsWith('@tensorflow/') ? `package ${spec}`
          : resolved !== null && !inside(resolved, 'shared') ? `${resolved} (outside shared/)`
            : null,
  },
  {
    folder: 'electron/node',
    forbid: (spec, resolved) =>
      isPackage(spec, ['electron', 'electron-store', 'react', 'react-dom', 'recharts']) ? `package ${spec}`
        : inside(resolved, 'renderer') || inside(resolved, 'electron/main') || inside(resolved, 'electron/preload') ? resolved
          : null,
  },
  {
    folder: 'renderer',
    forbid: (spec, resolved) =>
      NODE_BUILTINS.has(spec) ? 'node APIs'
        : isPackage(spec, ['electron', 'electron-store']) || spec.startsWith('@tensorflow/') ? `package ${spec}`
          : inside(resolved, 'electron') ? `${resolved} (the engine is reached through the contract)`
            : null,
  },
  {
    folder: 'electron/preload',
    forbid: (spec, resolved) =>
      spec === 'electron' || inside(resolved, 'shared') || inside(resolved, 'electron/preload') ? null : spec,
  },
  {
    folder: 'electron/main',
    forbid: (spec, resolved) =>
      isPackage(spec, ['react', 'react-dom', 'recharts']) || spec.startsWith('@tensorflow/') ? `package ${spec} (main wires, it does not compute)`
        : inside(resolved, 'renderer') ? resolved
          : null,
  },
];

describe('architecture', () => {
  it.each(RULES.map((rule) => [rule.folder, rule] as const))('keeps %s to the APIs its folder allows', (folder, rule) => {
    const violations = sourceFiles(folder).flatMap((file) =>
      specifiers(file).flatMap((spec) => {
        const why = rule.forbid(spec, target(file, spec));
        return why ? [`${file} imports ${spec}: ${why}`] : [];
      }),
    );
    expect(violations).toEqual([]);
  });

  it('finds the engine sources it guards', () => {
    expect(sourceFiles('electron/node').length).toBeGreaterThan(5);
    expect(sourceFiles('shared').length).toBeGreaterThan(2);
  });

  it('names files in kebab-case', () => {
    const files = ['electron', 'renderer', 'shared', 'test'].flatMap(sourceFiles);
    const bad = files.filter((file) => !/^[a-z0-9]+(?:[-.][a-z0-9]+)*\.(ts|tsx|cjs|js)$/.test(nodePath.basename(file)));
    expect(bad).toEqual([]);
  });
});
